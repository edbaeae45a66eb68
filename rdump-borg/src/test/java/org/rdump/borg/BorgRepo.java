package org.rdump.borg;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.rdump.api.Settings;
import org.rdump.api.ToolTarget;
import org.rdump.api.command.Command;
import org.rdump.api.command.Secret;
import org.rdump.api.support.LocalCommandRunner;
import org.rdump.testkit.RequiredTools;

/** A fresh real borg repository for a test: {@code borg init --encryption=repokey}, run as an argument vector. */
final class BorgRepo {
    static final String PASSPHRASE = "correct horse battery staple 7Qx!";

    final Path repo;
    final Path baseDir;

    private BorgRepo(Path repo, Path baseDir) {
        this.repo = repo;
        this.baseDir = baseDir;
    }

    /** Makes a repository under {@code dir} (with its own BORG_BASE_DIR); skips without borg. */
    static BorgRepo init(Path dir) {
        RequiredTools.need("borg", "borg");
        BorgRepo r = new BorgRepo(dir.resolve("repo"), dir.resolve("borg-base"));
        new LocalCommandRunner().run(Command.of("borg", "init", "--encryption=repokey", r.repo.toString())
                .withEnv("BORG_PASSPHRASE", Secret.of(PASSPHRASE))
                .withEnv("BORG_BASE_DIR", r.baseDir.toString())
                .withTimeout(Duration.ofMinutes(1)));
        return r;
    }

    /** A tool instance for this repository with the right passphrase and {@code more} settings. */
    ToolTarget target(Map<String, Object> more) {
        Map<String, Object> s = new HashMap<>(Map.of("repo", repo.toString(), "passphrase", PASSPHRASE,
                "base_dir", baseDir.toString()));
        s.putAll(more);
        s.values().removeIf(v -> v.equals(""));
        return new ToolTarget("vault", "borg", Settings.of(s));
    }

    /**
     * A wrapper script, as the original rdump's borg.sh: sets BORG_REPO itself, runs the real
     * borg with rdump's arguments, then exits with {@code exitAfter} if borg succeeded.
     */
    Path wrapper(Path dir, int exitAfter) throws IOException {
        Path p = dir.resolve("borg-wrapper-" + exitAfter + ".sh");
        Files.writeString(p, "#!/bin/sh\nexport BORG_REPO='" + repo + "'\nborg \"$@\" || exit $?\n"
                + (exitAfter == 0 ? "" : "echo 'wrapper: pretending a warning' >&2\n") + "exit " + exitAfter + "\n");
        Files.setPosixFilePermissions(p, PosixFilePermissions.fromString("rwxr-xr-x"));
        return p;
    }

    /**
     * Runs {@code borg ARGS...} on this repository in {@code dir}, with {@code stdin}: for tests
     * that craft archives rdump would never make ({@code create --paths-from-stdin},
     * {@code import-tar}).
     */
    void borg(Path dir, String stdin, String... args) {
        List<String> argv = new java.util.ArrayList<>(List.of("borg"));
        argv.addAll(List.of(args));
        new LocalCommandRunner().run(Command.of(argv)
                .withEnv("BORG_PASSPHRASE", Secret.of(PASSPHRASE))
                .withEnv("BORG_BASE_DIR", baseDir.toString())
                .withEnv("BORG_REPO", repo.toString())
                .withWorkingDirectory(dir)
                .withStdin(stdin.getBytes(java.nio.charset.StandardCharsets.UTF_8))
                .withTimeout(Duration.ofMinutes(1)));
    }
}
