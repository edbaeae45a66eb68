package org.rdump.integrity.hash;

import java.lang.invoke.MethodHandle;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.MethodType;
import java.lang.reflect.Field;
import java.nio.ByteBuffer;
import java.nio.MappedByteBuffer;
import org.jspecify.annotations.Nullable;

/**
 * Releases a mapping at once. JDK 17 has no public unmap: a {@link MappedByteBuffer} is unmapped
 * when it is garbage collected, and a hasher that allocates little may keep thousands of
 * mappings alive (vm.max_map_count is 65530). {@code sun.misc.Unsafe.invokeCleaner} (module
 * jdk.unsupported, reachable without flags) unmaps now; when it is missing we fall back to the GC.
 */
final class Unmapper {
    private static final @Nullable MethodHandle INVOKE_CLEANER = find();

    private Unmapper() {
    }

    private static @Nullable MethodHandle find() {
        try {
            Class<?> unsafeClass = Class.forName("sun.misc.Unsafe");
            Field f = unsafeClass.getDeclaredField("theUnsafe");
            f.setAccessible(true);
            Object unsafe = f.get(null);
            return MethodHandles.lookup()
                    .findVirtual(unsafeClass, "invokeCleaner", MethodType.methodType(void.class, ByteBuffer.class))
                    .bindTo(unsafe);
        } catch (ReflectiveOperationException | RuntimeException e) {
            return null;
        }
    }

    /** Unmaps {@code buffer} now if possible; the buffer must not be used afterwards. */
    static void unmap(MappedByteBuffer buffer) {
        MethodHandle h = INVOKE_CLEANER;
        if (h != null) {
            try {
                h.invokeExact((ByteBuffer) buffer);
            } catch (Throwable e) {
                // left to the garbage collector
            }
        }
    }
}
