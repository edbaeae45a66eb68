package org.rdump.core.hook;

import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.atomic.AtomicReference;
import org.rdump.api.Phase;
import org.rdump.api.PreflightProblem;
import org.rdump.api.RdumpException;
import org.rdump.api.RunContext;
import org.rdump.api.RunEvent;
import org.rdump.api.RunInterruptedException;
import org.rdump.api.Step;
import org.rdump.api.Undo;
import org.rdump.api.UndoAction;
import org.rdump.api.command.Command;
import org.rdump.api.command.CommandFailedException;
import org.rdump.api.command.RunningCommand;
import org.rdump.api.support.ByteSizes;
import org.rdump.api.support.Programs;

/**
 * PREPARE, after the volume's {@code before_backup} hooks: runs one {@code dump:} command and
 * writes its standard output (bytes as they come, so binary formats such as {@code pg_dump -Fc}
 * are fine) into the volume's live tree, before the stamp, the snapshot and the manifest update,
 * so that the snapshot, the manifest and every backup hold it.
 *
 * <p>Never half-written: the output goes to a journaled temporary file beside the dump
 * ({@code .NAME.rdump-tmp}, mode 0600), is synced, and is renamed over the dump only when the
 * command exited 0; otherwise the temporary file is deleted, the previous dump (if any) stays as it
 * was and the volume fails. A kill leaves the temporary file to the next run's recovery. The
 * command is killed (its process tree) when its timeout passes or the run is interrupted. Missing
 * directories of the dump's path are created (and stay, as part of the tree); a path that leads
 * out of the tree through a symlink is refused.
 */
final class DumpStep implements Step {
    private static final Duration POLL = Duration.ofMillis(100);
    private final String volume;
    private final DumpSpec spec;
    private final Path tree;
    private final Path configFile;

    DumpStep(String volume, DumpSpec spec, Path tree, Path configFile) {
        this.volume = volume;
        this.spec = spec;
        this.tree = tree;
        this.configFile = configFile;
    }

    @Override
    public Phase phase() {
        return Phase.PREPARE;
    }

    @Override
    public String volume() {
        return volume;
    }

    Path target() {
        return tree.resolve(spec.file());
    }

    Path temporary() {
        return target().resolveSibling("." + target().getFileName() + ".rdump-tmp");
    }

    @Override
    public String describe() {
        return "dump the output of " + Command.of(spec.command()).display() + " into " + target();
    }

    Command command(String stamp) {
        Command c = Command.of(spec.command()).withTimeout(spec.timeout()).withWorkingDirectory(configFile.getParent());
        for (var e : spec.environment().entrySet()) {
            c = c.withEnv(e.getKey(), e.getValue());
        }
        return c.withEnv("RDUMP_VOLUME", volume).withEnv("RDUMP_STAMP", stamp)
                .withEnv("RDUMP_DUMP_FILE", target().toString());
    }

    @Override
    public List<PreflightProblem> preflight(RunContext context) {
        List<PreflightProblem> out = new ArrayList<>();
        if (!Files.isDirectory(tree)) {
            out.add(new PreflightProblem(volume, "the live tree " + tree + " of volume '" + volume + "' is not a"
                    + " directory, so its dump " + spec.file() + " cannot be written; mount it or fix the volume"));
        }
        Programs.check(volume, spec.command().get(0), "install it, or fix " + spec.where() + ".command",
                context.queryRunner()).ifPresent(out::add);
        return out;
    }

    @Override
    public void perform(RunContext context) {
        Command c = command(context.runStamp());
        if (context.dryRun()) {
            context.runner().run(c); // shown, not run
            context.listener().onEvent(new RunEvent.DryRun("      (its standard output to " + temporary()
                    + ", renamed to " + target() + " when it exits 0)"));
            return;
        }
        Path tmp = temporary();
        Path dir = parent();
        Undo undo = context.undo().record(Undo.of("temp-file", tmp.toString(), volume, new UndoAction.Delete(tmp)));
        long t0 = System.nanoTime();
        long bytes;
        try {
            bytes = write(context, c, tmp);
            Files.move(tmp, target(), StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
            syncDirectory(dir);
        } catch (IOException | RuntimeException e) {
            deleteQuietly(tmp);
            context.undo().done(undo);
            if (e instanceof RunInterruptedException r) {
                throw r;
            }
            String why = e instanceof IOException ? "cannot write " + tmp + ": " + e
                    : e instanceof CommandFailedException f ? HookCommand.failure(spec.command(), f, spec.timeout(),
                            spec.where() + ".timeout") : e.getMessage();
            throw new RdumpException("volume '" + volume + "': the dump into " + target() + " failed: " + why
                    + "; " + (Files.exists(target(), LinkOption.NOFOLLOW_LINKS) ? "the previous dump stays as it was"
                    : "no dump file was written") + ", and nothing of volume '" + volume + "' was snapshotted or"
                    + " backed up" + (e instanceof CommandFailedException f ? HookCommand.stderr(f) : ""), e);
        }
        context.undo().done(undo);
        double secs = (System.nanoTime() - t0) / 1e9;
        context.listener().onEvent(new RunEvent.Report(volume, String.format(Locale.ROOT,
                "dump %s: %s from %s in %.1f s", target(), ByteSizes.human(bytes), spec.command().get(0), secs),
                List.of(), 1, bytes));
    }

    /** The dump's directory, created if missing, checked to be inside the tree (symlinks resolved). */
    private Path parent() {
        Path dir = target().getParent();
        try {
            Path realTree = tree.toRealPath();
            Files.createDirectories(dir);
            Path real = dir.toRealPath();
            if (!real.startsWith(realTree)) {
                throw new RdumpException("volume '" + volume + "': the dump file " + spec.file() + " would be written"
                        + " to " + real.resolve(target().getFileName()) + ", outside the live tree " + realTree
                        + " (a symlink on the way); fix " + spec.where() + ".file");
            }
            if (Files.isSymbolicLink(target()) || Files.isDirectory(target(), LinkOption.NOFOLLOW_LINKS)) {
                throw new RdumpException("volume '" + volume + "': " + target() + " is a "
                        + (Files.isSymbolicLink(target()) ? "symlink" : "directory") + ", not a dump file rdump"
                        + " wrote; remove it or fix " + spec.where() + ".file");
            }
            return dir;
        } catch (IOException e) {
            throw new RdumpException("volume '" + volume + "': cannot create the directory " + dir + " for the dump "
                    + spec.file() + ": " + e + "; nothing of the volume was snapshotted or backed up", e);
        }
    }

    /** Runs the command with its output into {@code tmp} (synced); returns the bytes written. */
    private long write(RunContext context, Command c, Path tmp) throws IOException {
        Files.deleteIfExists(tmp);
        Thread caller = Thread.currentThread();
        AtomicReference<String> killed = new AtomicReference<>();
        try (FileChannel out = FileChannel.open(tmp, java.util.Set.of(StandardOpenOption.CREATE_NEW,
                StandardOpenOption.WRITE), PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
             RunningCommand running = context.runner().start(c)) {
            running.stdin().close();
            long deadline = System.nanoTime() + spec.timeout().toNanos();
            Thread watchdog = new Thread(() -> {
                while (killed.get() == null) {
                    if (caller.isInterrupted()) {
                        killed.compareAndSet(null, "interrupted");
                    } else if (System.nanoTime() - deadline > 0) {
                        killed.compareAndSet(null, "timeout");
                    } else {
                        try {
                            Thread.sleep(POLL.toMillis());
                        } catch (InterruptedException e) {
                            return; // the copy is over
                        }
                        continue;
                    }
                    running.kill();
                }
            }, "rdump-dump-watchdog-" + volume);
            watchdog.setDaemon(true);
            watchdog.start();
            long bytes = 0;
            try (InputStream in = running.stdout()) {
                byte[] buf = new byte[1 << 16];
                int n;
                while ((n = in.read(buf)) > 0) {
                    ByteBuffer b = ByteBuffer.wrap(buf, 0, n);
                    while (b.hasRemaining()) {
                        out.write(b);
                    }
                    bytes += n;
                }
            } catch (IOException e) {
                if (killed.get() == null) {
                    throw e;
                }
            } finally {
                watchdog.interrupt();
            }
            try {
                running.await();
            } catch (CommandFailedException e) {
                if ("timeout".equals(killed.get())) {
                    throw CommandFailedException.timedOut(c.toString(), spec.timeout(), e.stderrTail());
                }
                if ("interrupted".equals(killed.get()) || Thread.currentThread().isInterrupted()) {
                    throw new RunInterruptedException("interrupted while running " + c);
                }
                throw e;
            }
            if ("timeout".equals(killed.get())) {
                throw CommandFailedException.timedOut(c.toString(), spec.timeout(), "");
            }
            out.force(true);
            return bytes;
        }
    }

    private static void deleteQuietly(Path p) {
        try {
            Files.deleteIfExists(p);
        } catch (IOException ignored) {
            // the journal still names it; the next run's recovery removes it
        }
    }

    private static void syncDirectory(Path dir) {
        try (FileChannel ch = FileChannel.open(dir, StandardOpenOption.READ)) {
            ch.force(true);
        } catch (IOException e) {
            // some file systems cannot sync a directory; the rename is still atomic
        }
    }
}
