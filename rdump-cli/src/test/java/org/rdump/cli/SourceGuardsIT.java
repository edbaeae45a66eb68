package org.rdump.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assumptions.assumeThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.rdump.api.RunEvent;
import org.rdump.core.Rdump;
import org.rdump.core.guard.GuardState;
import org.rdump.core.run.RunResult;
import org.rdump.testkit.RequiredTools;

/**
 * Source guards end to end, with the real manifest store and real rsync dated copies ({@code keep: 2}):
 * an empty tree, a directory that is not a mount point and a 60% shrink each fail the volume and delete
 * no copy; a real tmpfs mount passes; {@code --allow-shrink} lets the shrink through.
 */
class SourceGuardsIT {
    @TempDir
    Path dir;

    private final List<RunEvent> events = new ArrayList<>();

    private Path boot() throws Exception {
        return Files.createDirectories(dir.resolve("boot"));
    }

    private Path copies() {
        return dir.resolve("copies/boot");
    }

    private void files(Path tree, int n) throws Exception {
        for (int i = 0; i < n; i++) {
            Files.writeString(tree.resolve("f" + i), "x".repeat(1000));
        }
    }

    /** Dated copies as earlier runs left them (one file each). */
    private void existingCopies(String... stamps) throws Exception {
        for (String s : stamps) {
            Files.writeString(Files.createDirectories(copies().resolve(s)).resolve("f0"), "x".repeat(1000));
        }
    }

    private List<String> copyNames() throws Exception {
        try (Stream<Path> s = Files.list(copies())) {
            return s.map(p -> p.getFileName().toString()).sorted().toList();
        }
    }

    private String config(String volumeExtra) {
        return "tools:\n  copies: {type: rsync, dest: copies, mode: versioned, keep: 2}\n"
                + "simple:\n  - {name: boot, mount: boot, " + volumeExtra + "actions: [rsure, copies]}\n";
    }

    private RunResult run(String yaml, String at, Set<String> allowShrink) throws Exception {
        RequiredTools.need("rsync", "rsync");
        Path config = dir.resolve("rdump.yaml");
        Files.writeString(config, yaml);
        return Rdump.builder().config(config).listener(events::add)
                .clock(Clock.fixed(Instant.parse(at), ZoneOffset.UTC)).build()
                .backup(List.of(), false, allowShrink).run();
    }

    private GuardState state() {
        return new GuardState(dir.resolve(".rdump.yaml.lock.guards"));
    }

    @Test
    void anEmptyTreeFailsTheVolumeAndDeletesNoCopy() throws Exception {
        Path boot = boot();
        existingCopies("20260101T000000Z", "20260102T000000Z");

        RunResult r = run(config(""), "2026-01-03T00:00:00Z", Set.of());

        assertThat(r.failedVolumes()).containsOnlyKeys("boot");
        assertThat(r.failedVolumes().get("boot")).hasMessage("volume 'boot': " + boot + " is empty (nothing but"
                + " rdump's own snapstamp and 2sure.* files), as an unmounted file system looks; nothing was backed up"
                + " and no backup was pruned; mount it (or check 'mount' and the snapshot settings) and run again");
        assertThat(copyNames()).containsExactly("20260101T000000Z", "20260102T000000Z");
        assertThat(boot.resolve("2sure.dat.gz")).doesNotExist();
        assertThat(state().failure("boot")).get().extracting(GuardState.Failure::at)
                .isEqualTo(Instant.parse("2026-01-03T00:00:00Z"));
    }

    @Test
    void aDirectoryThatIsNotAMountPointFailsBeforeAnythingIsWrittenToIt() throws Exception {
        Path boot = boot();
        files(boot, 5);
        existingCopies("20260101T000000Z", "20260102T000000Z");

        RunResult r = run(config("mountpoint: true, "), "2026-01-03T00:00:00Z", Set.of());

        assertThat(r.failedVolumes().get("boot")).hasMessage("volume 'boot': " + boot + " is not a mount point"
                + " (mountpoint: true); mount it, or set mountpoint: false if the volume is meant to be a directory of"
                + " its parent's file system; nothing was written to it, backed up or pruned");
        assertThat(r.performed()).isZero();
        assertThat(boot.resolve("snapstamp")).doesNotExist();
        assertThat(boot.resolve("2sure.dat.gz")).doesNotExist();
        assertThat(copyNames()).containsExactly("20260101T000000Z", "20260102T000000Z");
    }

    @Test
    void aRealTmpfsMountPassesTheMountPointGuard() throws Exception {
        Path boot = boot();
        Process mount = new ProcessBuilder("mount", "-t", "tmpfs", "-o", "size=4m", "tmpfs", boot.toString())
                .redirectErrorStream(true).start();
        assumeThat(mount.waitFor()).as("mount -t tmpfs needs root").isZero();
        try {
            files(boot, 5);
            RunResult r = run(config("mountpoint: true, "), "2026-01-03T00:00:00Z", Set.of());

            assertThat(r.succeeded()).as(String.valueOf(r.failure())).isTrue();
            assertThat(copies().resolve("20260103T000000Z/f4")).exists();
            assertThat(boot.resolve("snapstamp")).hasContent("20260103T000000Z");
        } finally {
            new ProcessBuilder("umount", boot.toString()).start().waitFor();
        }
    }

    @Test
    void aSixtyPercentShrinkFailsAndDeletesNothingUntilAllowShrinkLetsItThrough() throws Exception {
        Path boot = boot();
        files(boot, 10);
        existingCopies("20260101T000000Z");
        assertThat(run(config(""), "2026-01-02T00:00:00Z", Set.of()).succeeded()).isTrue();
        for (int i = 0; i < 6; i++) { // 60% of the files and bytes (the manifest also counts snapstamp)
            Files.delete(boot.resolve("f" + i));
        }

        RunResult shrunk = run(config(""), "2026-01-03T00:00:00Z", Set.of());

        assertThat(shrunk.failedVolumes().get("boot")).hasMessage("volume 'boot': the new manifest has 5 files, 55%"
                + " fewer than the previous version's 11, and 3.9 KiB, 60% less than the previous version's 9.8 KiB"
                + " (max_shrink: 50%); nothing was backed up and no backup was pruned; if this is expected run again"
                + " with --allow-shrink boot (or raise max_shrink)");
        assertThat(copyNames()).containsExactly("20260101T000000Z", "20260102T000000Z");

        // the manifest in place now holds the shrunk version: the next run compares with the figures from before
        RunResult again = run(config(""), "2026-01-04T00:00:00Z", Set.of());
        assertThat(again.failedVolumes().get("boot")).hasMessageStartingWith("volume 'boot': the new manifest has 5"
                + " files, 55% fewer than the 11 before the guard failure of 2026-01-03T00:00:00Z, and 3.9 KiB, 60% less"
                + " than the 9.8 KiB before it (max_shrink: 50%)");
        assertThat(copyNames()).containsExactly("20260101T000000Z", "20260102T000000Z");

        RunResult allowed = run(config(""), "2026-01-05T00:00:00Z", Set.of("boot"));

        assertThat(allowed.succeeded()).as(String.valueOf(allowed.failure())).isTrue();
        assertThat(allowed.warnings()).anyMatch(w -> w.endsWith("let through by --allow-shrink boot"));
        // keep: 2; the protected copy (the newest before the failure) is one of the two
        assertThat(copyNames()).containsExactly("20260102T000000Z", "20260105T000000Z");
        assertThat(state().failure("boot")).isEmpty();
    }

    @Test
    void theCommandLineTakesAllowShrinkAndNamesTheFailedVolume() throws Exception {
        RequiredTools.need("rsync", "rsync");
        Path boot = boot();
        Files.writeString(dir.resolve("rdump.yaml"), config("max_shrink: 10%, "));
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        PrintStream oldOut = System.out;
        PrintStream oldErr = System.err;
        System.setOut(new PrintStream(out, true, StandardCharsets.UTF_8));
        System.setErr(new PrintStream(err, true, StandardCharsets.UTF_8));
        try {
            String cfg = dir.resolve("rdump.yaml").toString();
            assertThat(Main.run(new String[] {"--config", cfg, "backup", "--allow-shrink", "nosuch"}))
                    .isEqualTo(ExitCode.CONFIG);
            assertThat(err.toString(StandardCharsets.UTF_8)).contains("no volume named 'nosuch'; configured volumes: boot");
            assertThat(Main.run(new String[] {"--config", cfg, "backup", "--allow-shrink", "boot"}))
                    .isEqualTo(ExitCode.FAILED);
            assertThat(err.toString(StandardCharsets.UTF_8)).contains("rdump: FAILED boot: ")
                    .contains(": volume 'boot': " + boot + " is empty");
            assertThat(out.toString(StandardCharsets.UTF_8)).contains("failed: boot");
        } finally {
            System.setOut(oldOut);
            System.setErr(oldErr);
        }
    }
}
