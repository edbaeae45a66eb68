package org.rdump.image;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFileAttributes;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.rdump.api.ArchiveInfo;
import org.rdump.api.BackupRequest;
import org.rdump.api.BackupResult;
import org.rdump.api.BackupTool;
import org.rdump.api.DifferencesFoundException;
import org.rdump.api.IntegrityReport;
import org.rdump.api.PreflightProblem;
import org.rdump.api.PruneProtection;
import org.rdump.api.RdumpApi;
import org.rdump.api.RdumpException;
import org.rdump.api.RestoredTree;
import org.rdump.api.RunContext;
import org.rdump.api.RunEvent;
import org.rdump.api.SettingsSchema;
import org.rdump.api.ToolTarget;
import org.rdump.api.Undo;
import org.rdump.api.UndoAction;
import org.rdump.api.command.Command;
import org.rdump.api.command.CommandFailedException;
import org.rdump.api.command.CommandResult;
import org.rdump.api.support.Programs;

/**
 * Whole-filesystem images as a {@link BackupTool} (id {@code image}): see the package
 * documentation for the files and the order they are written in. Stateless and thread-safe.
 *
 * @since 0.6
 */
public final class ImageBackupTool implements BackupTool {
    /** The undo record kinds, also rebuilt by {@link #release} to mark them done. */
    private static final String RAW = "image-raw";
    private static final String LOOP = "loop";
    private static final String MOUNT = "mount";

    /** Creates the tool; {@link java.util.ServiceLoader} calls this. */
    public ImageBackupTool() {
    }

    @Override
    public String apiVersion() {
        return RdumpApi.VERSION;
    }

    @Override
    public String id() {
        return "image";
    }

    @Override
    public String description() {
        return "image: a zstd-compressed image of the block device behind the volume, with its SHA-256";
    }

    @Override
    public SettingsSchema schema() {
        return ImageSettings.SCHEMA;
    }

    @Override
    public void validate(ToolTarget target) {
        ImageSettings.validate(target.settings());
    }

    /** {@code image:DEST}. */
    @Override
    public List<String> resources(ToolTarget target) {
        return List.of("image:" + ImageSettings.from(target.settings()).dest());
    }

    @Override
    public String storedAs(BackupRequest request) {
        Path dest = ImageSettings.from(request.target().settings()).dest();
        return ImageFiles.image(dest, ImageFiles.base(request.volume(), request.runStamp())).toString();
    }

    /** An image holds the file system whole: every kind, hard links, extended attributes and holes. */
    @Override
    public Set<String> keptMetadata(ToolTarget target) {
        return ALL_METADATA;
    }

    @Override
    public boolean restoresImage() {
        return true;
    }

    /** findmnt, mount and losetup are installed. */
    @Override
    public List<PreflightProblem> preflight(BackupRequest request, RunContext context) {
        List<PreflightProblem> out = new ArrayList<>();
        for (String p : List.of("findmnt", "mount", "losetup")) {
            Programs.check(request.volume(), p, Programs.aptInstall(p.equals("findmnt") || p.equals("losetup")
                    ? "util-linux" : "mount"), context.queryRunner()).ifPresent(out::add);
        }
        return out;
    }

    @Override
    public BackupResult backup(BackupRequest request, RunContext context) {
        ImageSettings s = ImageSettings.from(request.target().settings());
        String volume = request.volume();
        String base = ImageFiles.base(volume, request.runStamp());
        Path image = ImageFiles.image(s.dest(), base);
        Path sums = ImageFiles.checksums(s.dest(), base);
        Instant time = Instant.from(ArchiveInfo.STAMP.parse(request.runStamp()));
        if (context.dryRun()) {
            context.listener().onEvent(new RunEvent.DryRun("  read the block device mounted at " + request.source()
                    + " (remounted read-only while it is read) into " + image + ", with " + sums));
            return new BackupResult(new ArchiveInfo(base, volume, request.runStamp(), time, Map.of()), -1, -1, List.of());
        }
        Mounted m = Mounted.at(request.source(), context);
        m.requireBlockDevice(volume, "imaged");
        Path root = org.rdump.api.support.Trees.realPath(request.source());
        if (org.rdump.api.support.Trees.realPath(existingParent(s.dest())).startsWith(root)) {
            throw new RdumpException("image tool '" + request.target().name() + "': dest " + s.dest() + " is on the"
                    + " file system it would image (" + request.source() + "); choose a dest on another file system");
        }
        try {
            Files.createDirectories(s.dest());
        } catch (IOException e) {
            throw new RdumpException("cannot create the image directory " + s.dest() + ": " + e.getMessage()
                    + "; check 'dest' at " + request.target().settings().locate("dest"), e);
        }
        Undo files = context.undo().record(Undo.of("image-files", image.toString(), volume,
                new UndoAction.DeleteMatching(s.dest(), ImageFiles.filesOf(base))));
        Undo remount = null;
        boolean done = false;
        try {
            if (m.writable()) {
                remount = context.undo().record(Undo.of("remount-ro", request.source().toString(), volume,
                        ImageCommands.remountWritable(request.source(), m.device())));
                try {
                    context.runner().run(Command.of(ImageCommands.remount(request.source(), "ro"))
                            .withTimeout(java.time.Duration.ofMinutes(5)));
                } catch (CommandFailedException e) {
                    context.undo().done(remount);
                    remount = null;
                    throw new RdumpException("cannot make " + request.source() + " (" + m.device() + ", volume "
                            + volume + ") read-only for its image: " + e.getMessage() + "; a process holds a file"
                            + " open for writing there (see 'fuser -vm " + request.source() + "'): stop it, or image"
                            + " a snapshot; rdump never images a file system that is being written", e);
                }
            }
            ImageStreams.Pass p = ImageStreams.compress(Path.of(m.device()), ImageFiles.partial(image),
                    s.level(), s.workers());
            Path sumsPartial = ImageFiles.partial(sums);
            try (var ch = java.nio.channels.FileChannel.open(sumsPartial, java.nio.file.StandardOpenOption.WRITE,
                    java.nio.file.StandardOpenOption.CREATE, java.nio.file.StandardOpenOption.TRUNCATE_EXISTING)) {
                ch.write(java.nio.ByteBuffer.wrap(ImageFiles.format(base, p.sums())
                        .getBytes(java.nio.charset.StandardCharsets.UTF_8)));
                ch.force(true);
            }
            Files.move(ImageFiles.partial(image), image, StandardCopyOption.ATOMIC_MOVE);
            Files.move(sumsPartial, sums, StandardCopyOption.ATOMIC_MOVE); // the pair counts from here
            forceDirectory(s.dest());
            done = true;
            Map<String, String> details = new LinkedHashMap<>();
            details.put("path", image.toString());
            details.put(ArchiveInfo.SIZE, Long.toString(p.compressedBytes()));
            details.put(ArchiveInfo.SHA256, p.sums().compressed());
            details.put("raw_sha256", p.sums().raw());
            details.put("raw_size", Long.toString(p.rawBytes()));
            details.put("device", m.device());
            details.put("fstype", m.fstype());
            context.listener().onEvent(new RunEvent.Report(volume, "image: wrote " + image + " ("
                    + p.rawBytes() + " bytes of " + m.device() + " in " + p.compressedBytes() + ")"));
            return new BackupResult(new ArchiveInfo(base, volume, request.runStamp(), time, details), -1,
                    p.rawBytes(), List.of());
        } catch (IOException e) {
            throw new RdumpException("cannot image " + m.device() + " (volume " + volume + ") into " + image + ": "
                    + e.getMessage() + "; check that " + s.dest() + " is writable and has room", e);
        } finally {
            try {
                if (done) {
                    context.undo().done(files);
                } else {
                    context.undo().undo(files, context);
                }
            } finally {
                if (remount != null) {
                    context.undo().undo(remount, context);
                }
            }
        }
    }

    private static Path existingParent(Path p) {
        Path q = p;
        while (q != null && !Files.exists(q)) {
            q = q.getParent();
        }
        return q == null ? Path.of("/") : q;
    }

    private static void forceDirectory(Path dir) throws IOException {
        try (var ch = java.nio.channels.FileChannel.open(dir, java.nio.file.StandardOpenOption.READ)) {
            ch.force(true);
        }
    }

    /** The volume's images with their checksum files, oldest first; an image without one does not count. */
    @Override
    public List<ArchiveInfo> list(ToolTarget target, String volume, RunContext context) {
        ImageSettings s = ImageSettings.from(target.settings());
        if (!Files.isDirectory(s.dest())) {
            return List.of();
        }
        List<ArchiveInfo> out = new ArrayList<>();
        try (var entries = Files.list(s.dest())) {
            for (Path p : (Iterable<Path>) entries::iterator) {
                Optional<String> stamp = ImageFiles.stampOf(volume, p.getFileName().toString());
                if (stamp.isEmpty()) {
                    continue;
                }
                String base = ImageFiles.base(volume, stamp.get());
                Path image = ImageFiles.image(s.dest(), base);
                if (!Files.isRegularFile(image)) {
                    continue;
                }
                ImageFiles.Checksums sums = checksums(target, s.dest(), base);
                out.add(new ArchiveInfo(base, volume, stamp.get(), Instant.from(ArchiveInfo.STAMP.parse(stamp.get())),
                        Map.of("path", image.toString(), ArchiveInfo.SIZE, Long.toString(Files.size(image)),
                                ArchiveInfo.SHA256, sums.compressed(), "raw_sha256", sums.raw())));
            }
        } catch (IOException e) {
            throw new RdumpException("cannot list the images in " + s.dest() + " (image tool '" + target.name()
                    + "'): " + e.getMessage(), e);
        }
        out.sort(Comparator.comparing(ArchiveInfo::time).thenComparing(ArchiveInfo::id));
        return List.copyOf(out);
    }

    private static ImageFiles.Checksums checksums(ToolTarget target, Path dest, String base) {
        Path file = ImageFiles.checksums(dest, base);
        try {
            return ImageFiles.readChecksums(file, base);
        } catch (IOException | IllegalArgumentException e) {
            throw new RdumpException("cannot read the checksum file " + file + " of image tool '" + target.name()
                    + "': " + e.getMessage() + "; it is written by rdump beside each image, in sha256sum format", e);
        }
    }

    /**
     * Decompresses the image into {@code scratch/image.raw} (sparse) while checking both
     * checksums, attaches it read-only to a loop device and mounts that {@code -o ro} at
     * {@code scratch/root}, each journaled; {@link #release} undoes them.
     */
    @Override
    public RestoredTree restore(ToolTarget target, ArchiveInfo archive, Path scratch, RunContext context) {
        Path raw = scratch.resolve("image.raw");
        Path mnt = scratch.resolve("root");
        if (context.dryRun()) {
            context.listener().onEvent(new RunEvent.DryRun("  decompress " + archive.id() + " into " + raw
                    + ", attach it read-only to a loop device and mount it read-only at " + mnt));
            return new RestoredTree(mnt, true);
        }
        ImageSettings s = ImageSettings.from(target.settings());
        Path image = ImageFiles.image(s.dest(), archive.id());
        ImageFiles.Checksums sums = checksums(target, s.dest(), archive.id());
        List<Undo> made = new ArrayList<>();
        try {
            Files.createDirectories(scratch);
            made.add(context.undo().record(rawUndo(raw)));
            ImageStreams.Pass p = ImageStreams.decompress(image, raw, true);
            requireMatch(target, archive, image, sums, p);
            String device = attach(raw, made, context);
            Files.createDirectories(mnt);
            made.add(context.undo().record(mountUndo(mnt)));
            context.runner().run(ImageCommands.mountReadOnly(device, mnt));
            return new RestoredTree(mnt, true);
        } catch (IOException | RuntimeException e) {
            for (int i = made.size() - 1; i >= 0; i--) {
                try {
                    context.undo().undo(made.get(i), context);
                } catch (RdumpException again) {
                    e.addSuppressed(again);
                }
            }
            if (e instanceof RuntimeException r) {
                throw r;
            }
            throw new RdumpException("cannot restore image " + image + ": " + e.getMessage(), e);
        }
    }

    private static String attach(Path raw, List<Undo> made, RunContext context) {
        for (int attempt = 1; ; attempt++) {
            String device = context.runner().run(ImageCommands.freeLoop()).stdout().strip();
            Undo loop = context.undo().record(loopUndo(device, raw));
            CommandResult r = context.runner().run(ImageCommands.attach(device, raw));
            if (r.exitCode() == 0) {
                made.add(loop);
                return device;
            }
            context.undo().done(loop);
            if (attempt == 5) {
                throw new RdumpException("cannot attach " + raw + " to a loop device: " + r.stderr().strip()
                        + "; are loop devices available (modprobe loop)?");
            }
        }
    }

    private static Undo rawUndo(Path raw) {
        return Undo.of(RAW, raw.toString(), "rdump", new UndoAction.Delete(raw));
    }

    private static Undo loopUndo(String device, Path raw) {
        return Undo.of(LOOP, device, "rdump", ImageCommands.detach(device, raw));
    }

    private static Undo mountUndo(Path mnt) {
        return Undo.of(MOUNT, mnt.toString(), "rdump", ImageCommands.unmount(mnt));
    }

    /** Unmounts the tree, detaches its loop device and deletes the raw image; each record marked done. */
    @Override
    public void release(ToolTarget target, RestoredTree tree, RunContext context) {
        Path mnt = tree.root();
        Path raw = mnt.resolveSibling("image.raw");
        if (context.dryRun()) {
            return;
        }
        context.undo().undo(mountUndo(mnt), context);
        CommandResult held = context.runner().run(Command.of("losetup", "-n", "-O", "NAME", "-j", raw.toString())
                .accepting(0, 1));
        for (String device : held.stdoutLines()) {
            if (!device.isBlank()) {
                context.undo().undo(loopUndo(device.strip(), raw), context);
            }
        }
        context.undo().undo(rawUndo(raw), context);
    }

    /**
     * Checks both checksums in one pass, then writes the raw image to {@code to}: a new file
     * (sparse, under a journaled {@code .partial} name, renamed when complete) or a block device
     * at least as large as the image.
     */
    @Override
    public void restoreImage(ToolTarget target, ArchiveInfo archive, Path to, RunContext context) {
        ImageSettings s = ImageSettings.from(target.settings());
        Path image = ImageFiles.image(s.dest(), archive.id());
        if (context.dryRun()) {
            context.listener().onEvent(new RunEvent.DryRun("  check " + image + " against its checksums and write"
                    + " the raw image to " + to));
            return;
        }
        ImageFiles.Checksums sums = checksums(target, s.dest(), archive.id());
        try {
            ImageStreams.Pass check = ImageStreams.decompress(image, null, false);
            requireMatch(target, archive, image, sums, check);
            if (Files.exists(to) && blockDevice(to)) {
                long size = Long.parseLong(context.runner().run(Command.of("blockdev", "--getsize64", to.toString()))
                        .stdout().strip());
                if (size < check.rawBytes()) {
                    throw new RdumpException("block device " + to + " holds " + size + " bytes, and image "
                            + archive.id() + " is " + check.rawBytes() + "; restore it to a device at least as large");
                }
                ImageStreams.decompress(image, to, false);
                return;
            }
            if (Files.exists(to, LinkOption.NOFOLLOW_LINKS)) {
                throw new RdumpException(to + " exists and is not a block device; restore an image to a new file"
                        + " or to a block device (rdump never overwrites a file)");
            }
            Path partial = ImageFiles.partial(to);
            Undo u = context.undo().record(Undo.of("image-restore", partial.toString(), archive.volume(),
                    new UndoAction.Delete(partial)));
            try {
                ImageStreams.decompress(image, partial, true);
                Files.move(partial, to, StandardCopyOption.ATOMIC_MOVE);
            } finally {
                context.undo().undo(u, context);
            }
        } catch (IOException e) {
            throw new RdumpException("cannot restore image " + image + " to " + to + ": " + e.getMessage(), e);
        }
    }

    private static boolean blockDevice(Path p) throws IOException {
        PosixFileAttributes a = Files.readAttributes(p, PosixFileAttributes.class);
        return a.isOther();
    }

    private static void requireMatch(ToolTarget target, ArchiveInfo archive, Path image, ImageFiles.Checksums sums,
                                     ImageStreams.Pass p) {
        List<IntegrityReport.Difference> diffs = new ArrayList<>();
        List<String> lines = new ArrayList<>();
        if (!p.sums().compressed().equals(sums.compressed())) {
            diffs.add(new IntegrityReport.Difference(IntegrityReport.Change.CHANGED, image.getFileName().toString(),
                    "file", List.of("sha256")));
            lines.add("changed: " + image + ": SHA-256 " + p.sums().compressed() + ", recorded " + sums.compressed());
        }
        if (!p.sums().raw().equals(sums.raw())) {
            diffs.add(new IntegrityReport.Difference(IntegrityReport.Change.CHANGED, archive.id() + ".img",
                    "file", List.of("sha256")));
            lines.add("changed: the raw image of " + image + ": SHA-256 " + p.sums().raw() + ", recorded " + sums.raw());
        }
        if (!diffs.isEmpty()) {
            throw new DifferencesFoundException("image " + archive.id() + " in '" + target.name() + "' does not match"
                    + " its checksum file " + ImageFiles.checksums(image.getParent(), archive.id())
                    + " (the image is damaged; restore another one)", new IntegrityReport(diffs, lines));
        }
    }

    @Override
    public void prune(ToolTarget target, String volume, RunContext context) {
        prune(target, volume, PruneProtection.NONE, context);
    }

    /** Deletes the oldest images beyond {@code keep}, never one {@code protection} names (checksum file first). */
    @Override
    public void prune(ToolTarget target, String volume, PruneProtection protection, RunContext context) {
        ImageRetention.apply(ImageSettings.from(target.settings()), list(target, volume, context), protection,
                volume, context);
    }
}
