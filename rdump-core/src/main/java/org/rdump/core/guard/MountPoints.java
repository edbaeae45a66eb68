package org.rdump.core.guard;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.List;

/**
 * Whether a directory is a mount point: listed as one in {@code /proc/self/mountinfo} (which also
 * sees bind mounts and file systems on the same device), or, where that file cannot be read, on
 * another device than its parent directory. Pure reads; thread-safe.
 */
final class MountPoints {
    private static final Path MOUNTINFO = Path.of("/proc/self/mountinfo");

    private MountPoints() {
    }

    /**
     * @throws IOException when {@code dir} cannot be resolved (missing) or examined
     */
    static boolean isMountPoint(Path dir) throws IOException {
        Path real = dir.toRealPath();
        if (real.getParent() == null) {
            return true; // the root
        }
        List<String> lines;
        try {
            lines = Files.readAllLines(MOUNTINFO, StandardCharsets.UTF_8);
        } catch (IOException e) {
            Object dev = Files.getAttribute(real, "unix:dev", LinkOption.NOFOLLOW_LINKS);
            Object parentDev = Files.getAttribute(real.getParent(), "unix:dev", LinkOption.NOFOLLOW_LINKS);
            return !dev.equals(parentDev);
        }
        return isListed(lines, real.toString());
    }

    /** Whether one of {@code mountinfo}'s lines has {@code path} as its mount point (field 5). */
    static boolean isListed(List<String> mountinfo, String path) {
        for (String line : mountinfo) {
            String[] f = line.split(" ");
            if (f.length > 4 && unescape(f[4]).equals(path)) {
                return true;
            }
        }
        return false;
    }

    /** mountinfo's octal escapes ({@code \040} for a space, {@code \011}, {@code \012}, {@code \134}). */
    static String unescape(String s) {
        if (s.indexOf('\\') < 0) {
            return s;
        }
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        byte[] b = s.getBytes(StandardCharsets.UTF_8);
        for (int i = 0; i < b.length; i++) {
            if (b[i] == '\\' && i + 3 < b.length && isOctal(b[i + 1]) && isOctal(b[i + 2]) && isOctal(b[i + 3])) {
                out.write(((b[i + 1] - '0') << 6) | ((b[i + 2] - '0') << 3) | (b[i + 3] - '0'));
                i += 3;
            } else {
                out.write(b[i]);
            }
        }
        return out.toString(StandardCharsets.UTF_8);
    }

    private static boolean isOctal(byte c) {
        return c >= '0' && c <= '7';
    }
}
