package org.rdump.integrity.scan;

import java.io.ByteArrayOutputStream;
import java.lang.invoke.MethodHandle;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.MethodType;
import java.nio.charset.Charset;
import java.nio.file.Path;
import java.util.Arrays;
import org.jspecify.annotations.Nullable;

/**
 * The raw bytes of a {@link Path} on Linux, where a file name is a byte string.
 *
 * <p>The JDK keeps a path read from a directory as its raw bytes (so opening and stat'ing a name
 * that is not valid UTF-8 works), but has no public accessor for them: {@code toString()} decodes
 * with {@code sun.jnu.encoding} and replaces undecodable bytes (e.g. {@code 0xff}) with U+FFFD.
 * Overriding {@code -Dsun.jnu.encoding} is unsupported and would not help anyway (a single-byte
 * charset garbles valid UTF-8 names). So, fastest first:
 * <ol>
 * <li>{@code sun.nio.fs.UnixPath.asByteArray()} when the JVM runs with
 *     {@code --add-opens java.base/sun.nio.fs=ALL-UNNAMED} (no decoding, no String);
 * <li>else {@code toString()} re-encoded with {@code sun.jnu.encoding}, exact when the result holds
 *     no U+FFFD (every valid UTF-8 name under a UTF-8 locale);
 * <li>else the percent-encoded raw path of {@link Path#toUri()}, which the JDK builds from the raw
 *     bytes (exact, but slower: it makes the path absolute and stats it).
 * </ol>
 */
final class RawNames {
    private static final Charset JNU = jnu();
    private static final @Nullable MethodHandle AS_BYTES = findAsBytes();

    private RawNames() {
    }

    private static Charset jnu() {
        try {
            return Charset.forName(System.getProperty("sun.jnu.encoding", "UTF-8"));
        } catch (RuntimeException e) {
            return Charset.defaultCharset();
        }
    }

    private static @Nullable MethodHandle findAsBytes() {
        try {
            Class<?> unixPath = Class.forName("sun.nio.fs.UnixPath");
            MethodHandles.Lookup l = MethodHandles.privateLookupIn(unixPath, MethodHandles.lookup());
            MethodHandle h = l.findVirtual(unixPath, "asByteArray", MethodType.methodType(byte[].class));
            return h.asType(MethodType.methodType(byte[].class, Path.class));
        } catch (ReflectiveOperationException | RuntimeException e) {
            return null;
        }
    }

    /** True when the fast accessor (1.) is in use. */
    static boolean direct() {
        return AS_BYTES != null;
    }

    /** The raw bytes of the whole path; a fresh array the caller may keep. */
    static byte[] of(Path p) {
        MethodHandle h = AS_BYTES;
        if (h != null && p.getClass().getName().equals("sun.nio.fs.UnixPath")) {
            try {
                return ((byte[]) h.invokeExact(p)).clone();
            } catch (Throwable e) {
                // fall through to the portable ways
            }
        }
        return viaString(p);
    }

    /** The raw bytes of the last name of {@code p}. */
    static byte[] fileName(Path p) {
        byte[] all = of(p);
        int slash = all.length - 1;
        while (slash >= 0 && all[slash] != '/') {
            slash--;
        }
        return slash < 0 ? all : Arrays.copyOfRange(all, slash + 1, all.length);
    }

    /** Ways 2 and 3; package-private for tests. */
    static byte[] viaString(Path p) {
        String s = p.toString();
        if (s.indexOf('\uFFFD') < 0) {
            return s.getBytes(JNU);
        }
        return viaUri(p, s);
    }

    /** Way 3; package-private for tests. */
    static byte[] viaUri(Path p, String asString) {
        Path abs = p.toAbsolutePath();
        byte[] raw = percentDecode(abs.toUri().getRawPath());
        // toUri() appends '/' when the path names a directory
        if (raw.length > 1 && raw[raw.length - 1] == '/' && !asString.endsWith("/")) {
            raw = Arrays.copyOf(raw, raw.length - 1);
        }
        if (p.isAbsolute()) {
            return raw;
        }
        byte[] cwd = percentDecode(Path.of("").toAbsolutePath().toUri().getRawPath());
        if (cwd[cwd.length - 1] != '/') {
            cwd = Arrays.copyOf(cwd, cwd.length + 1);
            cwd[cwd.length - 1] = '/';
        }
        if (raw.length >= cwd.length && Arrays.equals(raw, 0, cwd.length, cwd, 0, cwd.length)) {
            return Arrays.copyOfRange(raw, cwd.length, raw.length);
        }
        return raw;
    }

    private static byte[] percentDecode(String s) {
        ByteArrayOutputStream out = new ByteArrayOutputStream(s.length());
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c == '%' && i + 2 < s.length()) {
                out.write(Integer.parseInt(s, i + 1, i + 3, 16));
                i += 2;
            } else {
                out.write(c);
            }
        }
        return out.toByteArray();
    }
}
