package org.rdump.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.StringReader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.LocalDate;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.rdump.api.Step;
import org.rdump.api.command.Command;
import org.rdump.api.command.CommandRunner;
import org.rdump.api.support.LocalCommandRunner;
import org.rdump.core.config.ConfigLoader;
import org.rdump.core.config.RdumpConfig;
import org.rdump.core.plan.Planner;
import org.rdump.core.plugin.PluginRegistry;
import org.rdump.testkit.BtrfsTestVolume;
import org.rdump.testkit.MemoryUndoLog;
import org.rdump.testkit.StepCrashContract;
import org.rdump.testkit.TestRunContext;
import org.rdump.testkit.TreeFixture;

/**
 * Kept btrfs snapshots ({@code keep: true}) and their pruning ({@code prune:}) through the command
 * line, on a real btrfs file system on a loop device (one for the class; every test has its own
 * subvolume): each run keeps a read-only snapshot holding its manifest, the policy (time buckets,
 * Hanoi) deletes exactly the kept snapshots it does not keep, as {@code btrfs subvolume list}
 * shows; a dry run names what it would delete and deletes nothing; configuration errors are named
 * with their position; and the steps, killed after every step and every command, leave no run
 * snapshot and no half-made or half-deleted kept one, after which the next run completes.
 */
class BtrfsKeptSnapshotsIT {
    private static final LocalCommandRunner RUN = new LocalCommandRunner();
    private static final DateTimeFormatter DAY = DateTimeFormatter.ofPattern("uuuuMMdd");
    private static BtrfsTestVolume fs;

    @TempDir
    Path dir;

    static BtrfsTestVolume fs() {
        if (fs == null) {
            fs = BtrfsTestVolume.create("kept");
        }
        return fs;
    }

    @AfterAll
    static void removeFileSystem() {
        if (fs != null) {
            fs.close();
        }
    }

    static String config(Path home, String prune) {
        return """
                snapshots:
                  - name: home
                    provider: btrfs
                    volume: %1$s
                    mount: %1$s
                    snap: %1$s-work
                    actions: [rsure]
                    keep: true
                %2$s""".formatted(home, prune.isEmpty() ? "" : "    prune: " + prune + "\n");
    }

    /** A subvolume with a small tree. */
    static Path home(String name) {
        Path home = fs().subvolume(name);
        TreeFixture.sample(home);
        return home;
    }

    /** A kept snapshot made by hand, as an earlier run would have kept it: {@code rdump-home-NNNN-DAY HHMM}. */
    static void seed(Path home, int number, LocalDate day, String hhmm) throws Exception {
        Path snapshots = home.resolve(".rdump-snapshots");
        if (!Files.isDirectory(snapshots)) {
            BtrfsTestVolume.run("btrfs", "subvolume", "create", snapshots.toString());
        }
        BtrfsTestVolume.run("btrfs", "subvolume", "snapshot", "-r", home.toString(),
                snapshots.resolve(String.format("rdump-home-%04d-%s%s", number, DAY.format(day), hhmm)).toString());
    }

    /** The kept snapshots of {@code home} as {@code btrfs subvolume list} shows them: {@code NNNN-YYYYMMDD}. */
    static List<String> kept(Path home) {
        String out = RUN.run(Command.of("btrfs", "subvolume", "list", fs().mount.toString())).stdout();
        Pattern p = Pattern.compile(" path " + Pattern.quote(home.getFileName() + "/.rdump-snapshots/")
                + "rdump-home-(\\d{4})-(\\d{8})\\d{4}$", Pattern.MULTILINE);
        List<String> found = new ArrayList<>();
        Matcher m = p.matcher(out);
        while (m.find()) {
            found.add(m.group(1) + "-" + m.group(2));
        }
        Collections.sort(found);
        return found;
    }

    static String day(int daysAgo) {
        return DAY.format(LocalDate.now().minusDays(daysAgo));
    }

    private static void assertRan(CliProcess.Result r) {
        assertThat(r.exitCode()).as(r.stdout() + r.stderr()).isZero();
    }

    @Test
    void eachRunKeepsAReadOnlySnapshotWithItsManifestAndDailyPruningKeepsTheNewestOfEachDay() throws Exception {
        Path home = home("daily");
        seed(home, 0, LocalDate.now().minusDays(5), "0900");
        seed(home, 1, LocalDate.now().minusDays(5), "1800");
        seed(home, 2, LocalDate.now().minusDays(4), "1000");
        seed(home, 3, LocalDate.now().minusDays(3), "0800");
        seed(home, 4, LocalDate.now().minusDays(3), "1900");
        Files.writeString(dir.resolve("rdump.yaml"), config(home, "{daily: 3}"));

        CliProcess.Result first = CliProcess.run(dir, "backup");

        assertRan(first);
        assertThat(kept(home)).containsExactly("0002-" + day(4), "0004-" + day(3), "0005-" + day(0));
        assertThat(first.stdout()).contains("keep the snapshot of " + home + " as rdump-home-NNNN-YYYYMMDDHHMM",
                "prune the kept snapshots of " + home + " (daily 3; the newest stays)",
                "pruned kept snapshot " + home + "/.rdump-snapshots/rdump-home-0000-" + day(5) + "0900",
                "pruned kept snapshot " + home + "/.rdump-snapshots/rdump-home-0003-" + day(3) + "0800");
        Path newest = onlyMatch(home, "rdump-home-0005-");
        assertThat(newest.resolve("2sure.dat.gz")).as("the kept snapshot holds the run's manifest").isRegularFile();
        assertThat(newest.resolve("hello.txt")).hasContent("hello, world\n");
        assertThat(RUN.run(Command.of("btrfs", "property", "get", "-ts", newest.toString(), "ro")).stdout().strip())
                .isEqualTo("ro=true");
        assertThat(home.resolve(".rdump-snapshots/rdump-home")).as("the run's own snapshot is deleted").doesNotExist();
        assertThat(Path.of(home + "-work")).doesNotExist();

        assertRan(CliProcess.run(dir, "backup"));

        assertThat(kept(home)).as("today's older kept snapshot goes, the newest of each day stays")
                .containsExactly("0002-" + day(4), "0004-" + day(3), "0006-" + day(0));
    }

    @Test
    void hanoiKeepsTheNewestAndOnePerCountOfSetBits() throws Exception {
        Path home = home("hanoi");
        for (int n = 0; n < 7; n++) {
            seed(home, n, LocalDate.now().minusDays(1), String.format("%02d00", n + 1));
        }
        Files.writeString(dir.resolve("rdump.yaml"), config(home, "{hanoi: 1}"));

        assertRan(CliProcess.run(dir, "backup"));

        // newest 7; then 6 (two bits), 4 (one bit), 0 (no bit); 5, 3, 2 and 1 repeat a count
        assertThat(kept(home)).containsExactly("0000-" + day(1), "0004-" + day(1), "0006-" + day(1),
                "0007-" + day(0));
    }

    @Test
    void withoutPruneEveryRunsSnapshotIsKept() throws Exception {
        Path home = home("all");
        Files.writeString(dir.resolve("rdump.yaml"), config(home, ""));

        assertRan(CliProcess.run(dir, "backup"));
        assertRan(CliProcess.run(dir, "backup"));

        assertThat(kept(home)).containsExactly("0000-" + day(0), "0001-" + day(0));
    }

    @Test
    void aDryRunNamesTheKeptSnapshotAndWhatItWouldDeleteAndChangesNothing() throws Exception {
        Path home = home("dry");
        seed(home, 0, LocalDate.now().minusDays(3), "0900");
        seed(home, 1, LocalDate.now().minusDays(2), "0900");
        seed(home, 2, LocalDate.now().minusDays(1), "0900");
        Files.writeString(dir.resolve("rdump.yaml"), config(home, "{daily: 2}"));

        CliProcess.Result r = CliProcess.run(dir, "backup", "--dry-run");

        assertRan(r);
        String snapshots = home + "/.rdump-snapshots/";
        assertThat(r.stdout()).containsPattern(Pattern.quote("$ btrfs subvolume snapshot -r " + home + "-work "
                + snapshots + "rdump-home-0003-" + day(0)) + "\\d{4}\n")
                .contains("would delete kept snapshot " + snapshots + "rdump-home-0000-" + day(3) + "0900",
                        "would delete kept snapshot " + snapshots + "rdump-home-0001-" + day(2) + "0900")
                .doesNotContain("would delete kept snapshot " + snapshots + "rdump-home-0002-");
        assertThat(kept(home)).containsExactly("0000-" + day(3), "0001-" + day(2), "0002-" + day(1));
    }

    @Test
    void pruneWithoutKeepIsNamedWithItsPosition() throws Exception {
        Path home = home("nokeep");
        Files.writeString(dir.resolve("rdump.yaml"), config(home, "{daily: 2}").replace("    keep: true\n", ""));

        CliProcess.Result r = CliProcess.run(dir, "check-config");

        assertThat(r.exitCode()).as(r.stdout() + r.stderr()).isNotZero();
        assertThat(r.stdout() + r.stderr()).contains("rdump.yaml:8:5 snapshots[0].prune: prune deletes the volume's"
                + " kept snapshots, but the volume keeps none; add 'keep: true' (each run's snapshot is then kept as"
                + " rdump-home-NNNN-YYYYMMDDHHMM) or remove 'prune'");
    }

    @Test
    void aBadPolicyIsNamedWithItsPosition() throws Exception {
        Path home = home("badpolicy");
        Files.writeString(dir.resolve("rdump.yaml"), config(home, "{hanoi: 3, daily: 2}"));

        CliProcess.Result r = CliProcess.run(dir, "check-config");

        assertThat(r.exitCode()).as(r.stdout() + r.stderr()).isNotZero();
        assertThat(r.stdout() + r.stderr()).containsPattern("rdump.yaml:9:\\d+ snapshots\\[0\\]\\.prune\\.hanoi: choose"
                + " either hanoi or time buckets \\(hourly, daily, weekly, monthly, yearly\\), not both");
    }

    @Test
    void keepVerifiedIsNotAKeyOfAKeptSnapshotsPolicy() throws Exception {
        Path home = home("verified");
        Files.writeString(dir.resolve("rdump.yaml"), config(home, "{daily: 2, keep_verified: false}"));

        CliProcess.Result r = CliProcess.run(dir, "check-config");

        assertThat(r.exitCode()).as(r.stdout() + r.stderr()).isNotZero();
        assertThat(r.stdout() + r.stderr()).containsPattern("rdump.yaml:9:\\d+ snapshots\\[0\\]\\.prune\\.keep_verified:"
                + " unknown key 'keep_verified'");
    }

    @Test
    void keepWithAProviderThatCannotKeepIsNamedWithItsPosition() throws Exception {
        Files.writeString(dir.resolve("rdump.yaml"), """
                snapshots:
                  - name: root
                    provider: lvm
                    volume: vg0/root
                    mount: /srv/root
                    snap: /mnt/root-snap
                    mount_snapshot: {fs: ext4}
                    actions: [rsure]
                    keep: true
                """);

        CliProcess.Result r = CliProcess.run(dir, "check-config");

        assertThat(r.exitCode()).as(r.stdout() + r.stderr()).isNotZero();
        assertThat(r.stdout() + r.stderr()).contains("rdump.yaml:9:5 snapshots[0].keep: snapshot provider 'lvm'"
                + " cannot keep snapshots (it lacks the KEEP feature); remove 'keep' (and 'prune'), or use a provider"
                + " that can, such as btrfs");
    }

    /**
     * SIGKILL while the prune deletes (a {@code btrfs} wrapper first on PATH deletes the first kept
     * snapshot, then blocks until killed): every kept snapshot left is whole, and the next run
     * recovers (the run's own snapshots go) and prunes to exactly what the policy keeps.
     */
    @Test
    void aRunKilledWhilePruningLeavesWholeSnapshotsAndTheNextRunCompletes() throws Exception {
        Path home = home("killed");
        for (int n = 0; n < 4; n++) {
            seed(home, n, LocalDate.now().minusDays(4 - n), "0900");
        }
        Files.writeString(dir.resolve("rdump.yaml"), config(home, "{daily: 2}"));
        Path gate = Files.createDirectories(dir.resolve("gate"));
        String btrfs = RUN.run(Command.of("sh", "-c", "command -v btrfs")).stdout().strip();
        Path wrapper = gate.resolve("btrfs");
        Files.writeString(wrapper, """
                #!/bin/sh
                case "$1 $2 $3" in
                  "subvolume delete "*/rdump-home-0*)
                    %1$s "$@"; touch %2$s/deleted; echo $$ > %2$s/pid; exec sleep 600;;
                esac
                exec %1$s "$@"
                """.formatted(btrfs, gate));
        wrapper.toFile().setExecutable(true);

        Process p = CliProcess.start(dir, java.util.Map.of("PATH", gate + ":" + System.getenv("PATH")), "backup");
        p.getOutputStream().close();
        for (int i = 0; i < 600 && !Files.exists(gate.resolve("deleted")); i++) {
            Thread.sleep(100);
        }
        p.destroyForcibly().waitFor();
        for (int i = 0; i < 50 && !Files.exists(gate.resolve("pid")); i++) {
            Thread.sleep(100);
        }
        RUN.run(Command.of("kill", "-9", Files.readString(gate.resolve("pid")).strip()));

        assertThat(kept(home)).as("the first deletion happened, the others did not; today's kept snapshot is whole")
                .containsExactly("0001-" + day(3), "0002-" + day(2), "0003-" + day(1), "0004-" + day(0));
        try (var s = Files.list(home.resolve(".rdump-snapshots"))) {
            for (Path k : s.filter(x -> x.getFileName().toString().startsWith("rdump-home-0")).toList()) {
                assertThat(RUN.run(Command.of("btrfs", "property", "get", "-ts", k.toString(), "ro")).stdout().strip())
                        .as(k.toString()).isEqualTo("ro=true");
            }
        }

        CliProcess.Result next = CliProcess.run(dir, "backup");

        assertRan(next);
        assertThat(kept(home)).containsExactly("0003-" + day(1), "0005-" + day(0));
        assertThat(home.resolve(".rdump-snapshots/rdump-home")).doesNotExist();
        assertThat(Path.of(home + "-work")).doesNotExist();
    }

    private static Path onlyMatch(Path home, String prefix) throws Exception {
        try (var s = Files.list(home.resolve(".rdump-snapshots"))) {
            List<Path> l = s.filter(p -> p.getFileName().toString().startsWith(prefix)).toList();
            assertThat(l).hasSize(1);
            return l.get(0);
        }
    }

    /**
     * The volume's steps with keep and a daily prune over a seeded history, killed after every step
     * and after every command: the records alone delete the run's snapshots and any half-made kept
     * one; every kept snapshot left is a whole read-only one; and the next run completes with
     * exactly the snapshots the policy keeps.
     */
    @Nested
    class KilledRuns extends StepCrashContract {
        private int counter;

        private Path home(Path fixture) {
            return fs().mount.resolve(fixture.getFileName().toString());
        }

        private List<Step> planFor(Path fixture, Path home) throws Exception {
            PluginRegistry registry = PluginRegistry.discover();
            RdumpConfig config = new ConfigLoader(registry).parse(fixture.resolve("rdump.yaml"),
                    new StringReader(config(home, "{daily: 2}")));
            return new Planner(registry, config).backup(List.of(), "20261201T120000Z", false).steps();
        }

        @Override
        protected List<Step> plan(Path fixture) throws Exception {
            Path home = home(fixture);
            if (!Files.exists(home)) {
                BtrfsKeptSnapshotsIT.home(home.getFileName().toString());
                seed(home, 0, LocalDate.of(2026, 11, 28), "0900");
                seed(home, 1, LocalDate.of(2026, 11, 29), "0900");
                seed(home, 2, LocalDate.of(2026, 11, 30), "0900");
            }
            return planFor(fixture, home);
        }

        @Override
        protected Path fixture(int attempt) throws Exception {
            return Files.createDirectories(work.resolve("kcrash" + (++counter) + "-" + (attempt < 0 ? "n" : attempt)));
        }

        @Override
        protected CommandRunner runner(Path fixture) {
            return new LocalCommandRunner();
        }

        @Override
        protected void assertNothingLeft(Path fixture) throws Exception {
            Path home = home(fixture);
            assertThat(home.resolve(".rdump-snapshots/rdump-home")).as("no run snapshot is left").doesNotExist();
            assertThat(Path.of(home + "-work")).as("no writable snapshot is left").doesNotExist();
            try (var s = Files.list(home.resolve(".rdump-snapshots"))) {
                for (Path p : s.toList()) {
                    assertThat(p.getFileName().toString()).matches("rdump-home-\\d{4}-\\d{12}");
                    assertThat(RUN.run(Command.of("btrfs", "property", "get", "-ts", p.toString(), "ro")).stdout()
                            .strip()).as(p + " is a whole kept snapshot").isEqualTo("ro=true");
                    assertThat(p.resolve("hello.txt")).hasContent("hello, world\n");
                }
            }
            // the next run completes, and the policy (daily 2) leaves its own and the newest seeded one
            List<Step> next = planFor(fixture, home);
            TestRunContext ctx = new TestRunContext(new LocalCommandRunner(), Clock.systemUTC(), false,
                    "20261201T130000Z", Files.createDirectories(fixture.resolve("scratch-next")))
                    .journalingInto(new MemoryUndoLog());
            for (Step s : next) {
                s.perform(ctx);
            }
            List<Step> reversed = new ArrayList<>(next);
            Collections.reverse(reversed);
            for (Step s : reversed) {
                s.cleanup(ctx);
            }
            List<String> left = kept(home);
            assertThat(left).hasSize(2).first().isEqualTo("0002-20261130");
            assertThat(left.get(1)).startsWith("000").endsWith("-20261201");
        }
    }
}
