package org.rdump.api.support;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/**
 * SHA-256 as the tools that write one file per backup record it (an image, a ZFS stream, an rsync
 * batch): 64 lowercase hex digits, the form of {@code sha256sum} and of
 * {@link org.rdump.api.ArchiveInfo#SHA256}. Pure and thread-safe.
 *
 * @since 0.6
 */
public final class Sha256 {
    private static final int BUFFER = 1 << 16;

    private Sha256() {
    }

    /**
     * A new SHA-256 digest, for hashing what passes through a stream.
     *
     * @return a fresh digest; never null
     */
    public static MessageDigest newDigest() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new AssertionError("every Java has SHA-256", e);
        }
    }

    /**
     * The digest's value as 64 lowercase hex digits; the digest is reset.
     *
     * @param digest a SHA-256 digest; never null
     * @return the hex form
     */
    public static String hex(MessageDigest digest) {
        return HexFormat.of().formatHex(digest.digest());
    }

    /**
     * The SHA-256 of a whole file.
     *
     * @param file the file; never null
     * @return 64 lowercase hex digits
     * @throws IOException when it cannot be read
     */
    public static String of(Path file) throws IOException {
        MessageDigest d = newDigest();
        try (InputStream in = Files.newInputStream(file)) {
            byte[] buf = new byte[BUFFER];
            for (int n; (n = in.read(buf)) > 0; ) {
                d.update(buf, 0, n);
            }
        }
        return hex(d);
    }
}
