package org.rdump.integrity.scan;

import java.io.IOException;
import java.lang.invoke.MethodHandle;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.MethodType;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFileAttributes;
import org.jspecify.annotations.Nullable;

/**
 * Reads the {@code struct stat} fields straight from the JDK's {@code sun.nio.fs.UnixFileAttributes}
 * when the JVM runs with {@code --add-opens java.base/sun.nio.fs=ALL-UNNAMED}: one {@code lstat}
 * and no attribute map (the portable {@code Files.readAttributes(p, "unix:...")} parses the
 * attribute list and builds a map for every file, which costs as much as the system call). Not
 * available otherwise; {@link Entry} then uses the portable way.
 */
final class FastStat {
    private static final @Nullable MethodHandle[] H = find();
    private static final int MODE = 0;
    private static final int INO = 1;
    private static final int DEV = 2;
    private static final int RDEV = 3;
    private static final int UID = 4;
    private static final int GID = 5;
    private static final int CTIME = 6;
    private static final int MTIME = 7;
    private static final int SIZE = 8;

    private FastStat() {
    }

    /**
     * Getters of the {@code struct stat} fields the JDK copies into {@code UnixFileAttributes}
     * (JDK 17 to 25 name them alike): the times as whole seconds ({@code st_mtime_sec}, which is
     * what rsure records), without the two {@code FileTime} objects per entry of
     * {@code ctime()} and {@code lastModifiedTime()}.
     */
    private static @Nullable MethodHandle[] find() {
        try {
            Class<?> c = Class.forName("sun.nio.fs.UnixFileAttributes");
            MethodHandles.Lookup l = MethodHandles.privateLookupIn(c, MethodHandles.lookup());
            String[] names = {"st_mode", "st_ino", "st_dev", "st_rdev", "st_uid", "st_gid", "st_ctime_sec",
                "st_mtime_sec", "st_size"};
            Class<?>[] types = {int.class, long.class, long.class, long.class, int.class, int.class, long.class,
                long.class, long.class};
            MethodHandle[] h = new MethodHandle[names.length];
            for (int i = 0; i < names.length; i++) {
                h[i] = l.findGetter(c, names[i], types[i]).asType(MethodType.methodType(types[i], Object.class));
            }
            return h;
        } catch (ReflectiveOperationException | RuntimeException e) {
            return null;
        }
    }

    /** True when the fast way is available. */
    static boolean available() {
        return H != null;
    }

    /** Stats {@code path} (no link following); only when {@link #available()}. */
    static Entry stat(byte[] name, Path path) throws IOException {
        MethodHandle[] h = java.util.Objects.requireNonNull(H);
        PosixFileAttributes a = Files.readAttributes(path, PosixFileAttributes.class, LinkOption.NOFOLLOW_LINKS);
        try {
            return new Entry(name, path, (int) h[MODE].invokeExact((Object) a), (long) h[INO].invokeExact((Object) a),
                    (long) h[DEV].invokeExact((Object) a), (long) h[RDEV].invokeExact((Object) a),
                    (int) h[UID].invokeExact((Object) a), (int) h[GID].invokeExact((Object) a),
                    (long) h[CTIME].invokeExact((Object) a), (long) h[MTIME].invokeExact((Object) a),
                    (long) h[SIZE].invokeExact((Object) a));
        } catch (IOException | RuntimeException | Error e) {
            throw e;
        } catch (Throwable e) {
            throw new IllegalStateException(e);
        }
    }
}
