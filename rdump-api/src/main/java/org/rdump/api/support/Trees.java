package org.rdump.api.support;

import java.io.IOException;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.attribute.BasicFileAttributes;
import java.nio.file.attribute.PosixFilePermission;
import java.util.EnumSet;
import java.util.Set;
import org.jspecify.annotations.Nullable;
import org.rdump.api.RdumpException;

/**
 * Removing whole trees (scratch directories, test restores, expired copies), for core and the
 * plugins alike. Pure file-system work; thread-safe.
 *
 * @since 0.1
 */
public final class Trees {
    private Trees() {
    }

    /**
     * Deletes a tree without following symlinks, making directories writable first (a copy or an
     * extracted archive keeps read-only directories read-only). Missing is fine.
     *
     * @param root the file or tree to delete; never null
     * @throws RdumpException naming the tree when something cannot be deleted
     */
    public static void delete(Path root) {
        if (!Files.exists(root, LinkOption.NOFOLLOW_LINKS)) {
            return;
        }
        try {
            Files.walkFileTree(root, new SimpleFileVisitor<>() {
                @Override
                public FileVisitResult preVisitDirectory(Path dir, BasicFileAttributes attrs) throws IOException {
                    Set<PosixFilePermission> perms = EnumSet.copyOf(Files.getPosixFilePermissions(dir));
                    if (perms.addAll(Set.of(PosixFilePermission.OWNER_WRITE, PosixFilePermission.OWNER_EXECUTE,
                            PosixFilePermission.OWNER_READ))) {
                        Files.setPosixFilePermissions(dir, perms);
                    }
                    return FileVisitResult.CONTINUE;
                }

                @Override
                public FileVisitResult visitFile(Path file, BasicFileAttributes attrs) throws IOException {
                    Files.delete(file);
                    return FileVisitResult.CONTINUE;
                }

                @Override
                public FileVisitResult postVisitDirectory(Path dir, @Nullable IOException e) throws IOException {
                    if (e != null) {
                        throw e;
                    }
                    Files.delete(dir);
                    return FileVisitResult.CONTINUE;
                }
            });
        } catch (IOException e) {
            throw new RdumpException("cannot delete " + root + ": " + e.getMessage()
                    + "; delete it by hand (rm -rf) and run again", e);
        }
    }

    /**
     * {@code path} made absolute, with every symbolic link resolved as far as the path exists (the
     * rest is appended as given, normalized): one directory reached by two paths gives one
     * answer, e.g. for a {@link org.rdump.api.Step#resources()} identity. Reads the file system,
     * changes nothing.
     *
     * @param path never null
     * @return never null
     * @since 0.2
     */
    public static Path realPath(Path path) {
        Path abs = path.toAbsolutePath().normalize();
        Path existing = abs;
        while (existing != null && !java.nio.file.Files.exists(existing)) {
            existing = existing.getParent();
        }
        if (existing == null) {
            return abs;
        }
        try {
            return existing.toRealPath().resolve(existing.relativize(abs)).normalize();
        } catch (java.io.IOException e) {
            return abs;
        }
    }
}
