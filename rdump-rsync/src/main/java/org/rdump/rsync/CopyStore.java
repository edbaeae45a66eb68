package org.rdump.rsync;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;
import org.rdump.api.RdumpException;
import org.rdump.api.RunContext;
import org.rdump.api.Undo;
import org.rdump.api.UndoAction;
import org.rdump.api.support.Trees;

/**
 * The host that holds an rsync instance's copies, and the few file operations rdump does there
 * besides rsync itself: this machine ({@link Local}), or a host reached over ssh
 * ({@link SshStore}). Reads go through {@link RunContext#queryRunner()} (they also run in a dry
 * run); the tool never calls a changing operation in a dry run.
 */
sealed interface CopyStore permits CopyStore.Local, SshStore {

    /** {@code path} as an rsync operand: the path, or {@code host:path}. */
    String operand(Path path);

    /** The rsync options that reach the host: none, or {@code -s -e SSH}. */
    List<String> rsyncOptions();

    /** True when a copy can be read where it is (this machine), false when it must be fetched first. */
    boolean readableInPlace();

    /** {@code path} for messages: the path, or {@code host:path}. */
    String display(Path path);

    /** The names of the directories in {@code dir} (symlinks not followed), sorted; empty if it is missing. */
    List<String> directories(Path dir, RunContext context);

    /** The content of a small text file; empty when it does not exist. */
    Optional<String> read(Path file, RunContext context);

    void mkdirs(Path dir, RunContext context);

    /** Renames a directory; {@code to} must not exist. */
    void rename(Path from, Path to, RunContext context);

    /** Deletes a dated copy or an unfinished one, and everything in it. */
    void deleteTree(Path dir, RunContext context);

    /**
     * Deletes a copy as retention does: renamed to {@code NAME.deleting} under an undo record first,
     * so that a copy half deleted by a killed run is never counted, and the next run's recovery (or its
     * leftover sweep) finishes the deletion.
     */
    default void deleteJournaled(Path copy, String volume, RunContext context) {
        Path deleting = copy.resolveSibling(copy.getFileName() + CopyLayout.DELETING);
        Undo undo = context.undo().record(Undo.of("rsync-deleting", deleting.toString(), volume,
                new UndoAction.Delete(deleting)));
        rename(copy, deleting, context);
        deleteTree(deleting, context);
        context.undo().done(undo);
    }

    void write(Path file, String text, RunContext context);

    /** Deletes a file if it exists. */
    void deleteFile(Path file, RunContext context);

    /** This machine: {@link java.nio.file.Files} operations. */
    record Local() implements CopyStore {
        @Override
        public String operand(Path path) {
            return path.toString();
        }

        @Override
        public List<String> rsyncOptions() {
            return List.of();
        }

        @Override
        public boolean readableInPlace() {
            return true;
        }

        @Override
        public String display(Path path) {
            return path.toString();
        }

        @Override
        public List<String> directories(Path dir, RunContext context) {
            if (!Files.isDirectory(dir)) {
                return List.of();
            }
            try (Stream<Path> s = Files.list(dir)) {
                return s.filter(p -> Files.isDirectory(p, LinkOption.NOFOLLOW_LINKS))
                        .map(p -> p.getFileName().toString()).sorted().toList();
            } catch (IOException e) {
                throw new RdumpException("cannot list " + dir + ": " + e.getMessage(), e);
            }
        }

        @Override
        public Optional<String> read(Path file, RunContext context) {
            try {
                return Optional.of(Files.readString(file));
            } catch (NoSuchFileException e) {
                return Optional.empty();
            } catch (IOException e) {
                throw new RdumpException("cannot read " + file + ": " + e.getMessage(), e);
            }
        }

        @Override
        public void mkdirs(Path dir, RunContext context) {
            CopyLayout.mkdirs(dir);
        }

        @Override
        public void rename(Path from, Path to, RunContext context) {
            try {
                Files.move(from, to, StandardCopyOption.ATOMIC_MOVE);
            } catch (IOException e) {
                throw new RdumpException("cannot rename " + from + " to " + to + ": " + e, e);
            }
        }

        @Override
        public void deleteTree(Path dir, RunContext context) {
            Trees.delete(dir);
        }

        @Override
        public void write(Path file, String text, RunContext context) {
            try {
                Files.writeString(file, text);
            } catch (IOException e) {
                throw new RdumpException("cannot write " + file + ": " + e, e);
            }
        }

        @Override
        public void deleteFile(Path file, RunContext context) {
            try {
                Files.deleteIfExists(file);
            } catch (IOException e) {
                throw new RdumpException("cannot delete " + file + ": " + e, e);
            }
        }
    }
}
