package org.rdump.cli;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/** Runs {@code rdump} in a child JVM with the test class path, as a user would run it. */
final class CliProcess {
    record Result(int exitCode, String stdout, String stderr) {
        /** Standard output's lines. */
        List<String> lines() {
            return stdout.lines().toList();
        }
    }

    private CliProcess() {
    }

    static Process start(Path workDir, String... args) throws IOException {
        return start(workDir, Map.of(), args);
    }

    /**
     * Starts rdump with {@code env} added to (or replacing in) the inherited environment; a
     * {@code PATH} there is also where the child JVM looks programs up.
     */
    static Process start(Path workDir, Map<String, String> env, String... args) throws IOException {
        List<String> cmd = new ArrayList<>(List.of(ProcessHandle.current().info().command().orElse("java"),
                "-cp", System.getProperty("java.class.path"), Main.class.getName()));
        cmd.addAll(List.of(args));
        ProcessBuilder pb = new ProcessBuilder(cmd).directory(workDir.toFile());
        String locks = System.getProperty("rdump.lock.dir");
        if (locks != null) {
            pb.environment().put("RDUMP_LOCK_DIR", locks); // the build's lock directory, as in-process runs use
        }
        pb.environment().putAll(env);
        return pb.start();
    }

    static Result run(Path workDir, String... args) throws Exception {
        return run(workDir, Map.of(), args);
    }

    /** Runs rdump to its end (at most 120 s) with {@code env} added to the inherited environment. */
    static Result run(Path workDir, Map<String, String> env, String... args) throws Exception {
        Process p = start(workDir, env, args);
        p.getOutputStream().close();
        // stderr is drained on its own thread so that neither pipe can fill up and stall the child
        var err = new java.util.concurrent.CompletableFuture<byte[]>();
        Thread drain = new Thread(() -> {
            try {
                err.complete(p.getErrorStream().readAllBytes());
            } catch (IOException e) {
                err.completeExceptionally(e);
            }
        });
        drain.start();
        var out = p.getInputStream().readAllBytes();
        if (!p.waitFor(120, TimeUnit.SECONDS)) {
            p.destroyForcibly();
            throw new AssertionError("rdump did not finish");
        }
        return new Result(p.exitValue(), new String(out, StandardCharsets.UTF_8),
                new String(err.get(30, TimeUnit.SECONDS), StandardCharsets.UTF_8));
    }

    /**
     * Waits for the next second of the wall clock, so that a run started afterwards has a later
     * run stamp (second resolution) than every run before it: two dated copies need two stamps.
     */
    static void nextSecond() throws InterruptedException {
        Thread.sleep(1000 - System.currentTimeMillis() % 1000 + 20);
    }

    /** Writes {@code text} to {@code file} and returns the file. */
    static Path write(Path file, String text) throws IOException {
        Files.createDirectories(file.getParent());
        return Files.writeString(file, text);
    }
}
