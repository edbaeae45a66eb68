package org.rdump.zfs.stream;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.security.MessageDigest;
import java.time.Duration;
import java.util.HexFormat;
import org.rdump.api.RdumpException;
import org.rdump.api.RunInterruptedException;
import org.rdump.api.RunListener;
import org.rdump.api.command.Command;
import org.rdump.api.command.CommandRunner;
import org.rdump.api.command.RunningCommand;
import org.rdump.api.support.Sha256;
import org.rdump.zfs.replicate.TransferMeter;

/**
 * The byte work of streams: {@code zfs send} into a file with its SHA-256 computed on the way
 * (one pass, never re-read), a file's SHA-256, and a file fed to {@code zfs receive}. Each call
 * is independent; thread-safe.
 *
 * @since 0.5
 */
final class StreamFiles {
    private static final int BUFFER = 256 * 1024;
    private final Duration reportInterval;

    StreamFiles(Duration reportInterval) {
        this.reportInterval = reportInterval;
    }

    /** The size and SHA-256 of a written stream. */
    record Written(long size, String sha256) { }

    /**
     * Runs {@code send} and writes its standard output to {@code file} (created new, synced),
     * digesting it on the way. On failure the file is left for the caller's undo record.
     *
     * @throws org.rdump.api.command.CommandFailedException when zfs send fails
     */
    Written send(CommandRunner runner, Command send, Path file, String volume, RunListener listener) {
        MessageDigest sha = sha256();
        TransferMeter meter = new TransferMeter(volume, "zfs send to " + file.getFileName(), -1, System.nanoTime(),
                reportInterval);
        try (RunningCommand sender = runner.start(send);
             FileChannel ch = FileChannel.open(file, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE);
             OutputStream out = java.nio.channels.Channels.newOutputStream(ch)) {
            byte[] buf = new byte[BUFFER];
            InputStream in = sender.stdout();
            try {
                int n;
                while ((n = in.read(buf)) > 0) {
                    if (Thread.currentThread().isInterrupted()) {
                        sender.kill();
                        throw new RunInterruptedException("interrupted while running " + send + " > " + file);
                    }
                    out.write(buf, 0, n);
                    sha.update(buf, 0, n);
                    meter.add(n, System.nanoTime()).ifPresent(listener::onEvent);
                }
                out.flush();
                ch.force(true);
            } catch (IOException e) {
                sender.kill();
                throw new RdumpException("writing the stream of " + send + " to " + file + " failed: "
                        + e.getMessage(), e);
            }
            sender.await();
        } catch (IOException e) {
            throw new RdumpException("cannot create " + file + ": " + e.getMessage(), e);
        }
        listener.onEvent(meter.progress(System.nanoTime()));
        return new Written(meter.bytes(), HexFormat.of().formatHex(sha.digest()));
    }

    /** The SHA-256 of a file, 64 lowercase hex digits. */
    static String sha256Of(Path file) {
        try {
            return Sha256.of(file);
        } catch (IOException e) {
            throw new RdumpException("cannot read " + file + ": " + e.getMessage(), e);
        }
    }

    /** Feeds {@code file} to the standard input of {@code receive} and waits for it. */
    void receive(CommandRunner runner, Command receive, Path file) {
        try (RunningCommand receiver = runner.start(receive); InputStream in = Files.newInputStream(file)) {
            OutputStream out = receiver.stdin();
            byte[] buf = new byte[BUFFER];
            int n;
            try {
                while ((n = in.read(buf)) > 0) {
                    if (Thread.currentThread().isInterrupted()) {
                        receiver.kill();
                        throw new RunInterruptedException("interrupted while running " + receive + " < " + file);
                    }
                    out.write(buf, 0, n);
                }
                out.close();
            } catch (IOException e) {
                // the receiver stopped reading: its own error (from await) says why
                receiver.await();
                throw new RdumpException(receive + " stopped reading " + file + " (" + e.getMessage() + ")", e);
            }
            receiver.await();
        } catch (IOException e) {
            throw new RdumpException("cannot read " + file + ": " + e.getMessage(), e);
        }
    }

    /** Writes a small file through a temporary name and a rename, synced. */
    static void writeSmall(Path file, String text) {
        Path tmp = file.resolveSibling("." + file.getFileName() + ".partial");
        try {
            Files.writeString(tmp, text, StandardCharsets.UTF_8);
            try (FileChannel ch = FileChannel.open(tmp, StandardOpenOption.WRITE)) {
                ch.force(true);
            }
            Files.move(tmp, file, StandardCopyOption.ATOMIC_MOVE);
        } catch (IOException e) {
            throw new RdumpException("cannot write " + file + ": " + e.getMessage(), e);
        }
    }

    private static MessageDigest sha256() {
        return Sha256.newDigest();
    }
}
