package org.rdump.core.plan;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.BasicFileAttributeView;
import java.nio.file.attribute.PosixFileAttributeView;
import java.nio.file.attribute.PosixFileAttributes;
import org.rdump.api.Undo;
import org.rdump.api.UndoAction;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import org.rdump.api.IntegrityStore;
import org.rdump.api.Phase;
import org.rdump.api.RdumpException;
import org.rdump.api.RunContext;
import org.rdump.api.Step;

/**
 * INTEGRITY: copies the manifest updated inside a snapshot back to the live volume, keeping its
 * times, mode and owner (what the original does with {@code cp -p}), so that the next run's
 * update starts from it. Done in Java, never half-written: the copy goes to a journaled temporary
 * file, is synced, the live manifest is kept as the backup ({@code 2sure.bak.gz}, as rsure names
 * it: a hard link, so the live name never disappears), then the temporary file is renamed over
 * the live manifest and the directory is synced. A failed copy (quota, disk full) removes its
 * temporary file and leaves the live manifest as it was; a killed one is removed by recovery.
 */
final class CopyManifestBackStep implements Step {
    private final String volume;
    private final Path from;
    private final Path to;

    CopyManifestBackStep(String volume, Path tree, Path live) {
        this.volume = volume;
        this.from = tree.resolve(IntegrityStore.DEFAULT_MANIFEST);
        this.to = live.resolve(IntegrityStore.DEFAULT_MANIFEST);
    }

    @Override
    public Phase phase() {
        return Phase.INTEGRITY;
    }

    @Override
    public String volume() {
        return volume;
    }

    @Override
    public String describe() {
        return "copy " + from + " back to " + to + " (times and mode kept)";
    }

    /** The temporary file beside the live manifest. */
    Path temporary() {
        return to.resolveSibling("." + to.getFileName() + ".rdump-tmp");
    }

    /** The previous live manifest, kept under rsure's backup name. */
    Path backup() {
        return to.resolveSibling(to.getFileName().toString().replace(".dat", ".bak"));
    }

    /** The new name of the backup, made as a hard link before it is renamed over the old backup. */
    Path backupLink() {
        return to.resolveSibling("." + backup().getFileName() + ".rdump-tmp");
    }

    @Override
    public void perform(RunContext context) {
        if (context.dryRun()) {
            return;
        }
        Path tmp = temporary();
        Undo undo = context.undo().record(Undo.of("temp-file", tmp.toString(), volume, new UndoAction.Delete(tmp),
                new UndoAction.Delete(backupLink())));
        try {
            copySynced(from, tmp);
            keepBackup();
            Files.move(tmp, to, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
            syncDirectory(to.getParent());
        } catch (IOException e) {
            try {
                Files.deleteIfExists(tmp);
                Files.deleteIfExists(backupLink());
            } catch (IOException ignored) {
                // report the first error; the journal still names the file
                throw new RdumpException("cannot copy the manifest back to " + to + ": " + e + "; the live manifest"
                        + " is unchanged; free space there and run again (remove " + tmp + " by hand)", e);
            }
            context.undo().done(undo);
            throw new RdumpException("cannot copy the manifest back to " + to + ": " + e + "; the live manifest is"
                    + " unchanged (the next run updates it again); free space there and run again", e);
        }
        context.undo().done(undo);
    }

    /** Copies {@code source} to a new {@code target}, synced, with the source's times, mode and owner. */
    private static void copySynced(Path source, Path target) throws IOException {
        Files.deleteIfExists(target);
        try (FileChannel in = FileChannel.open(source, StandardOpenOption.READ);
             FileChannel out = FileChannel.open(target, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE)) {
            long size = in.size();
            long done = 0;
            while (done < size) {
                done += in.transferTo(done, size - done, out);
            }
            out.force(true);
        }
        PosixFileAttributes a = Files.readAttributes(source, PosixFileAttributes.class, LinkOption.NOFOLLOW_LINKS);
        Files.setPosixFilePermissions(target, a.permissions());
        Files.getFileAttributeView(target, BasicFileAttributeView.class)
                .setTimes(a.lastModifiedTime(), a.lastAccessTime(), null);
        try {
            Files.setOwner(target, a.owner());
            Files.getFileAttributeView(target, PosixFileAttributeView.class).setGroup(a.group());
        } catch (IOException | UnsupportedOperationException e) {
            // not root: the copy is owned by whoever runs rdump, as cp -p would leave it
        }
    }

    /** Makes the live manifest (if any) also the backup, atomically replacing the old backup. */
    private void keepBackup() throws IOException {
        if (!Files.isRegularFile(to, LinkOption.NOFOLLOW_LINKS)) {
            return;
        }
        Path link = backupLink();
        Files.deleteIfExists(link);
        if (Files.isRegularFile(backup(), LinkOption.NOFOLLOW_LINKS) && Files.isSameFile(backup(), to)) {
            // a run killed after keeping the backup and before replacing the manifest: it is kept
            // already (and rename(2) of one link over another of the same file does nothing)
            return;
        }
        Files.createLink(link, to);
        Files.move(link, backup(), StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        Files.deleteIfExists(link);
    }

    private static void syncDirectory(Path dir) {
        try (FileChannel ch = FileChannel.open(dir, StandardOpenOption.READ)) {
            ch.force(true);
        } catch (IOException e) {
            // some file systems cannot sync a directory; the rename is still atomic
        }
    }
}
