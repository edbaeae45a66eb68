package org.rdump.api.support;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.channels.Channels;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermission;
import java.util.Set;

/**
 * Replacing a small file so that a reader (node_exporter, systemd, the next run) sees either the
 * old content or the new, never half of it, even after a crash: the bytes go to a temporary file
 * beside it ({@code .NAME.PID.tmp}), are synced, get their mode, and the temporary is renamed over
 * the file; then the directory is synced so the rename survives a power loss. Stateless.
 *
 * @since 0.6
 */
public final class AtomicFiles {
    private AtomicFiles() {
    }

    /**
     * Writes {@code bytes} to {@code file} atomically, creating its directory when missing.
     *
     * @param file the file to create or replace; never null
     * @param bytes its new content; never null
     * @param mode its permissions, such as {@code rw-r--r--}; never null
     * @throws IOException when it cannot be written; the temporary file is removed then, and
     *     {@code file} is as it was
     */
    public static void write(Path file, byte[] bytes, Set<PosixFilePermission> mode) throws IOException {
        Path dir = file.toAbsolutePath().getParent();
        Path tmp = dir.resolve("." + file.getFileName() + "." + ProcessHandle.current().pid() + ".tmp");
        try {
            Files.createDirectories(dir);
            try (FileChannel ch = FileChannel.open(tmp, StandardOpenOption.CREATE, StandardOpenOption.WRITE,
                    StandardOpenOption.TRUNCATE_EXISTING);
                 OutputStream os = Channels.newOutputStream(ch)) {
                os.write(bytes);
                os.flush();
                ch.force(true);
            }
            Files.setPosixFilePermissions(tmp, mode);
            Files.move(tmp, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        } catch (IOException | RuntimeException e) {
            try {
                Files.deleteIfExists(tmp);
            } catch (IOException suppressed) {
                e.addSuppressed(suppressed);
            }
            throw e;
        }
        try (FileChannel d = FileChannel.open(dir, StandardOpenOption.READ)) {
            d.force(true);
        } catch (IOException ignored) {
            // the rename is done; a file system that cannot sync a directory still has the file
        }
    }
}
