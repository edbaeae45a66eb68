package org.rdump.restic;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.rdump.api.Settings;
import org.rdump.api.ToolTarget;
import org.rdump.api.command.Command;
import org.rdump.api.command.CommandResult;
import org.rdump.api.support.LocalCommandRunner;
import org.rdump.testkit.RequiredTools;

/** A fresh real restic repository for a test: {@code restic init}, run as an argument vector, with its own cache. */
final class ResticRepo {
    static final String PASSWORD = "correct horse battery staple 7Qx!";

    final Path repo;
    final Path passwordFile;
    final Path cache;

    private ResticRepo(Path repo, Path passwordFile, Path cache) {
        this.repo = repo;
        this.passwordFile = passwordFile;
        this.cache = cache;
    }

    /** Makes a repository under {@code dir}; skips (or under CI fails) without restic. */
    static ResticRepo init(Path dir) {
        RequiredTools.need("restic", "restic");
        try {
            Path pw = Files.writeString(dir.resolve("restic-password"), PASSWORD + "\n");
            ResticRepo r = new ResticRepo(dir.resolve("repo"), pw, dir.resolve("restic-cache"));
            r.restic(dir, "init");
            return r;
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    /** A tool instance for this repository with the right password and {@code more} settings ("" removes one). */
    ToolTarget target(Map<String, Object> more) {
        Map<String, Object> s = new HashMap<>(Map.of("repo", repo.toString(), "password_file", passwordFile.toString(),
                "cache_dir", cache.toString(), "host", "rdump-test"));
        s.putAll(more);
        s.values().removeIf(v -> v.equals(""));
        return new ToolTarget("vault", "restic", Settings.of(s));
    }

    /** Runs {@code restic ARGS...} on this repository in {@code dir}. */
    CommandResult restic(Path dir, String... args) {
        List<String> argv = new java.util.ArrayList<>(List.of("restic"));
        argv.addAll(List.of(args));
        return new LocalCommandRunner().run(Command.of(argv)
                .withEnv("RESTIC_REPOSITORY", repo.toString())
                .withEnv("RESTIC_PASSWORD_FILE", passwordFile.toString())
                .withEnv("RESTIC_CACHE_DIR", cache.toString())
                .withWorkingDirectory(dir)
                .withTimeout(Duration.ofMinutes(2)));
    }
}
