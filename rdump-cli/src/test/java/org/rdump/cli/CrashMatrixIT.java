package org.rdump.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.BufferedReader;
import java.io.File;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.function.IntPredicate;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.rdump.api.command.Command;
import org.rdump.api.command.Secret;
import org.rdump.api.support.LocalCommandRunner;
import org.rdump.core.run.LockDirectory;
import org.rdump.integrity.SureStore;
import org.rdump.testkit.BtrfsTestVolume;
import org.rdump.testkit.RequiredTools;

/**
 * The crash matrix: a {@code backup --verify} of a plan that uses every strategy (simple,
 * zfs-volumes with clone and {@code -rsure} snapshot, lvm through stand-ins, a zfs replication
 * job, a {@code snapshots:} volume of the btrfs provider on a loop device) and every tool (rsync
 * versioned, mirror and differential, borg, restic, zfs-stream), with a volume's before_backup and after_backup hooks and a sqlite3
 * {@code dump:}, killed with SIGKILL during each of its steps, then run again. The next run must
 * succeed, and afterwards nothing may be left: no clone or other unexpected dataset, no LVM
 * snapshot or mount, no btrfs snapshot (read-only or writable), no mount under the test directory,
 * no scratch, no manifest or dump temporaries, no half-written dump, no child process of the killed
 * run, no journal, no restic lock; and no
 * manifest version, borg archive or restic snapshot may have been lost. SIGTERM and SIGINT at several steps must
 * clean up by themselves (exit 143 / 130).
 *
 * <p>To hit a step exactly, every program rdump runs (zfs, borg, rsync and the LVM stand-ins)
 * is found first in a "gate" directory of wrappers: when the test arms the gate at a step's
 * start, the next program run does its real work, then blocks until killed, so the kill lands
 * while that step runs and after it created what it creates. Steps that run no program (stamp,
 * manifest update, copy-back, rsync retention) are killed as soon as they start.
 */
class CrashMatrixIT {
    private static final String PASSPHRASE = "crash matrix passphrase";
    private static final String RESTIC_PASSWORD = "crash matrix restic password";
    private static final Pattern STEP = Pattern.compile("^\\[(\\d+)/(\\d+)\\] ");
    private static final List<String> WRAPPED = List.of("zfs", "borg", "rsync", "lvcreate", "lvremove", "lvs", "mount",
            "umount", "mountpoint", "sqlite3", "btrfs", "restic");

    @TempDir
    Path dir;
    private final List<Lane> lanes = new ArrayList<>();

    private Lane lane(int id) throws Exception {
        Lane l = new Lane(dir.resolve("lane-" + id), id);
        lanes.add(l); // before its set-up, so that tearDown destroys what a failing set-up made
        l.setUp();
        return l;
    }

    @AfterEach
    void tearDown() throws Exception {
        for (Lane l : lanes) {
            l.close();
        }
    }

    /**
     * Two lanes, each a whole plan of its own, take the odd and the even steps side by side: each
     * step is a killed run and a full run after it, mostly programs starting and waiting (borg,
     * restic, zfs-fuse, the JVM), so two lanes on two cores take about half the time of one.
     */
    @Test
    void aRunKilledDuringAnyStepIsUndoneByTheNextRunAndNothingIsLost() throws Exception {
        Lane odd = lane(1);
        Lane even = lane(2);
        Calibration plan = odd.calibrate();
        assertThat(plan.steps()).as("the plan has every phase").isGreaterThan(15);
        Calibration evenPlan = even.calibrate();
        assertThat(evenPlan.steps()).as("both lanes have the same steps").isEqualTo(plan.steps());
        ExecutorService both = Executors.newFixedThreadPool(2);
        try {
            Future<List<String>> odds = both.submit(() -> odd.killEach(plan, k -> k % 2 == 1));
            Future<List<String>> evens = both.submit(() -> even.killEach(evenPlan, k -> k % 2 == 0));
            List<String> killedDuring = new ArrayList<>(result(odds));
            killedDuring.addAll(result(evens));
            killedDuring.sort(java.util.Comparator.comparingInt(s -> Integer.parseInt(s.substring(0, s.indexOf(':')))));
            System.out.println("crash matrix: killed during " + killedDuring.size() + " steps: " + killedDuring);
        } finally {
            // a failing lane ends the test: the other is interrupted, and its step waited for, before
            // tearDown destroys what both run against
            both.shutdownNow();
            both.awaitTermination(5, TimeUnit.MINUTES);
        }
    }

    /** A lane's result, or its assertion error as it is. */
    private static <T> T result(Future<T> f) throws Exception {
        try {
            return f.get(40, TimeUnit.MINUTES);
        } catch (ExecutionException e) {
            if (e.getCause() instanceof Error err) {
                throw err;
            }
            throw (Exception) e.getCause();
        }
    }

    @Test
    void sigtermAndSigintCleanUpByThemselves() throws Exception {
        Lane lane = lane(0);
        Calibration plan = lane.calibrate();
        // Not the last step: the commands counted after its start are the cleanups', and a cleanup held
        // by the gate forever cannot finish (cleanups are not interrupted by a signal, by design).
        List<Integer> chosen = plan.commandSteps().stream().filter(k -> k < plan.steps()).toList();
        int[] picks = {chosen.get(0), chosen.get(chosen.size() / 3), chosen.get(2 * chosen.size() / 3),
                chosen.get(chosen.size() - 1)};
        for (int i = 0; i < picks.length; i++) {
            String signal = i % 2 == 0 ? "TERM" : "INT";
            Killed stopped = lane.runAndStop(picks[i], true, signal);
            assertThat(stopped.exitCode()).as("SIG%s at step %d (%s): %s", signal, picks[i], stopped.step(),
                    stopped.stderr()).isEqualTo(signal.equals("TERM") ? 143 : 130);
            lane.assertNothingLeftBehind("after SIG" + signal + " at step " + picks[i] + " (" + stopped.step() + "); its"
                    + " stderr:\n" + stopped.stderr() + "\njournal: " + (Files.exists(lane.Journal())
                    ? Files.readString(lane.Journal()) : "none"));
            CliProcess.nextSecond();
        }
    }

    record Calibration(int steps, Set<Integer> commandSteps) {
    }

    record Killed(int exitCode, String step, long pid, String stderr) {
    }

    record State(Map<String, Integer> manifestVersions, List<String> borgArchives, List<String> resticSnapshots) {
    }

    /** One plan and everything it runs against, in a directory of its own. */
    static final class Lane {
        final Path dir;
        final String sleeper;
        ZfsPools pools;
        BtrfsTestVolume btrfs;
        Path data;
        StandInLvm lvm;
        String pool;
        Path gate;
        Path repo;
        Path borgBase;
        Path restic;
        Map<String, String> env;
        Path db;
        String expectedDump;

        Lane(Path dir, int id) {
            this.dir = dir;
            // what a held program of this lane's gate runs: told apart from another lane's by its argument
            this.sleeper = "sleep 1000." + id;
        }

        /**
         * Makes a plan of its own in {@link #dir}: its pool, btrfs volume, LVM stand-ins, repositories,
         * gate and lock directory, so that two lanes run side by side without seeing each other.
         */
        void setUp() throws Exception {
            Files.createDirectories(dir);
            RequiredTools.need("rsync", "rsync");
            RequiredTools.need("borg", "borg");
            RequiredTools.need("sqlite3", "sqlite3");
            RequiredTools.need("restic", "restic");
            pools = new ZfsPools();
            pool = pools.create("crash");
            ZfsPools.run("zfs", "create", pool + "/home");
            ZfsPools.run("zfs", "create", pool + "/replica");
            SampleTree.make(pools.mount(pool).resolve("home"));
            lvm = new StandInLvm(dir.resolve("lvm"));
            SampleTree.make(lvm.volume("crashvg", "root"));
            SampleTree.make(dir.resolve("boot"));
            db = dir.resolve("app.db");
            new LocalCommandRunner().run(Command.of("sqlite3", db.toString(), "create table t(x); insert into t values (1), (2);")
                    .withTimeout(Duration.ofMinutes(1)));
            expectedDump = new LocalCommandRunner().run(Command.of("sqlite3", db.toString(), ".dump")
                    .withTimeout(Duration.ofMinutes(1))).stdout();
            btrfs = BtrfsTestVolume.create("crash");
            data = btrfs.subvolume("data");
            SampleTree.make(data);
            repo = dir.resolve("repo");
            borgBase = dir.resolve("borg-base");
            new LocalCommandRunner().run(Command.of("borg", "init", "--encryption=repokey", repo.toString())
                    .withEnv("BORG_PASSPHRASE", Secret.of(PASSPHRASE)).withEnv("BORG_BASE_DIR", borgBase.toString())
                    .withTimeout(Duration.ofMinutes(1)));
            restic = Files.createDirectories(dir.resolve("restic"));
            Files.writeString(dir.resolve("restic-pw"), RESTIC_PASSWORD + "\n");
            restic("init");
            gate = Files.createDirectories(dir.resolve("gate"));
            String standIns = lvm.programs.path();
            for (String program : WRAPPED) {
                wrap(program, locate(program, standIns));
            }
            env = Map.of("PATH", gate + ":" + standIns, "BORG_PASSPHRASE", PASSPHRASE,
                    LockDirectory.ENV, Files.createDirectories(dir.resolve("locks")).toString());
            Files.createDirectories(dir.resolve("scratch"));
            Files.createDirectories(dir.resolve("backups"));
            CliProcess.write(dir.resolve("rdump.yaml"), """
                    scratch: scratch
                    tools:
                      copies: {type: rsync, dest: backups/copies, mode: versioned, keep: 100}
                      mirror: {type: rsync, dest: backups/mirror, mode: mirror}
                      vault: {type: borg, repo: '%1$s', base_dir: '%2$s'}
                      diffs: {type: rsync, dest: backups/diffs, mode: differential, full_every: 2, keep: 100}
                      streams: {type: zfs-stream, dest: backups/streams, full_every: 2, keep: 100}
                      safe: {type: restic, repo: '%9$s/repo', password_file: '%9$s-pw', cache_dir: '%9$s/cache'}
                    simple:
                      - {name: boot, mount: boot, actions: [rsure, copies, vault],
                         hooks: {before_backup: [[sqlite3, '%7$s', 'pragma quick_check']],
                                 after_backup: [[sqlite3, '%7$s', 'select count(*) from t']]},
                         dump: [{command: [sqlite3, '%7$s', .dump], file: app.sql}]}
                    zfs-volumes:
                      - {name: home, dataset: %3$s/home, mount: '%4$s/home', rsure_snapshot: true,
                         clone_mount: '%5$s/clone', actions: [rsure, mirror, streams]}
                    lvm:
                      - {name: root, mount: '%6$s', snap: '%5$s/snap-root', vg: crashvg, lv: root, lv_snap: root_snap,
                         fs: ext4, actions: [rsure, copies, diffs]}
                    snapshots:
                      - {name: data, provider: btrfs, volume: '%8$s', mount: '%8$s', snap: '%8$s-work',
                         actions: [rsure, copies, safe]}
                    zfs:
                      - rep:
                          src: {volume: %3$s/home}
                          dest: {volume: %3$s/replica/home}
                    """.formatted(repo, borgBase, pool, pools.mount(pool), dir.resolve("mnt"),
                    lvm.volume("crashvg", "root"), db, data, restic));
            Files.createDirectories(dir.resolve("mnt/snap-root"));
        }

        /** Stops what its gate still holds, destroys its pool and its btrfs volume. */
        void close() throws Exception {
            killGateSleepers();
            if (pools != null) {
                pools.close();
            }
            if (btrfs != null) {
                btrfs.close();
            }
        }

        /** Kills a run during each step that {@code which} accepts, checking the run after it; what each kill hit. */
        List<String> killEach(Calibration plan, IntPredicate which) throws Exception {
            List<String> killedDuring = new ArrayList<>();
            // What a step must not lose: read before its killed run. Nothing runs between one step's
            // check and the next step's killed run, so the state read after a step is the next one's
            // "before" (one borg and one restic listing less per step).
            State before = state();
            for (int k = 1; k <= plan.steps(); k++) {
                if (!which.test(k)) {
                    continue;
                }
                Killed killed = runAndStop(k, plan.commandSteps().contains(k), "KILL");
                if (killed.exitCode() == 0) {
                    killedDuring.add(k + ": not reached (the run ended before a program of it ran)");
                    assertNothingLeftBehind("after a complete run");
                    before = state();
                    CliProcess.nextSecond();
                    continue;
                }
                killedDuring.add(k + ": " + killed.step());
                assertThat(killed.exitCode()).as("killed at step %d (%s)", k, killed.step()).isEqualTo(137);

                CliProcess.nextSecond();
                CliProcess.Result next = CliProcess.run(dir, env, "backup", "--verify");
                assertThat(next.exitCode()).as("the run after a kill at step %d (%s):\n%s\n%s", k, killed.step(),
                        next.stdout(), next.stderr()).isZero();
                assertNothingLeftBehind("after a kill at step " + k + " (" + killed.step() + ")");
                State after = state();
                Map<String, Integer> versionsBefore = before.manifestVersions();
                assertThat(after.manifestVersions()).as("no manifest version lost (kill at step %d)", k)
                        .allSatisfy((volume, versions) -> assertThat(versions)
                                .isGreaterThanOrEqualTo(versionsBefore.getOrDefault(volume, 0)));
                assertThat(after.borgArchives()).as("no borg archive lost (kill at step %d)", k)
                        .containsAll(before.borgArchives());
                assertThat(after.resticSnapshots()).as("no restic snapshot lost (kill at step %d)", k)
                        .containsAll(before.resticSnapshots());
                assertThat(restic("list", "locks", "--no-lock")).as("no restic lock left after the run that followed a"
                        + " kill at step %d", k).isBlank();
                before = after;
            }
            return killedDuring;
        }

        // ---- running and stopping

        /** A first, complete run: how many steps the plan has, and which of them run a program. */
        private Calibration calibrate() throws Exception {
            File errFile = Files.createTempFile(dir, "err", ".txt").toFile();
            ProcessBuilder pb = new ProcessBuilder(ProcessHandle.current().info().command().orElse("java"), "-cp",
                    System.getProperty("java.class.path"), Main.class.getName(), "backup", "--verify")
                    .directory(dir.toFile()).redirectError(errFile);
            pb.environment().putAll(env);
            Process p = pb.start();
            int steps = 0;
            Set<Integer> withCommands = new TreeSet<>();
            int current = 0;
            long callsAtStart = 0;
            try (BufferedReader out = new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8))) {
                String line;
                while ((line = out.readLine()) != null) {
                    Matcher m = STEP.matcher(line);
                    if (m.find()) {
                        long calls = calls();
                        if (current > 0 && calls > callsAtStart) {
                            withCommands.add(current);
                        }
                        current = Integer.parseInt(m.group(1));
                        steps = Integer.parseInt(m.group(2));
                        callsAtStart = calls;
                    }
                }
            }
            assertThat(p.waitFor(300, TimeUnit.SECONDS)).isTrue();
            String err = Files.readString(errFile.toPath());
            assertThat(p.exitValue()).as(err).isZero();
            if (calls() > callsAtStart) {
                withCommands.add(current);
            }
            assertNothingLeftBehind("after a complete run");
            CliProcess.nextSecond();
            return new Calibration(steps, withCommands);
        }

        /**
         * Runs {@code backup --verify} and sends {@code signal} to it while step {@code k} runs: once a
         * program of that step has done its work (the gate holds it), or, for a step that runs no
         * program, as soon as the step starts.
         */
        private Killed runAndStop(int k, boolean throughGate, String signal) throws Exception {
            Files.deleteIfExists(gate.resolve("hit"));
            Files.deleteIfExists(gate.resolve("arm"));
            File err = Files.createTempFile(dir, "err", ".txt").toFile();
            List<String> cmd = new ArrayList<>(List.of(ProcessHandle.current().info().command().orElse("java"),
                    "-cp", System.getProperty("java.class.path"), Main.class.getName(), "backup", "--verify"));
            ProcessBuilder pb = new ProcessBuilder(cmd).directory(dir.toFile()).redirectError(err)
                    .redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null")));
            pb.environment().putAll(env);
            Process p = pb.start();
            String step = "(the run ended first)";
            boolean sent = false;
            try (BufferedReader out = new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8))) {
                String line;
                while (!sent && (line = out.readLine()) != null) {
                    Matcher m = STEP.matcher(line);
                    if (!m.find() || Integer.parseInt(m.group(1)) != k) {
                        continue;
                    }
                    step = line;
                    if (throughGate) {
                        Files.writeString(gate.resolve("arm"), "");
                        for (int i = 0; i < 1200 && !Files.exists(gate.resolve("hit")) && p.isAlive(); i++) {
                            Thread.sleep(50);
                        }
                        if (!Files.exists(gate.resolve("hit"))) {
                            break; // the run ended before any program of it ran: nothing to kill
                        }
                        step = line + " during `" + Files.readString(gate.resolve("hit")).strip() + "`";
                    }
                    signal(p.pid(), signal);
                    sent = true;
                }
                out.transferTo(java.io.Writer.nullWriter());
            }
            assertThat(p.waitFor(120, TimeUnit.SECONDS)).as("the run ends after SIG%s", signal).isTrue();
            Files.deleteIfExists(gate.resolve("arm"));
            return new Killed(p.exitValue(), step, p.pid(), Files.readString(err.toPath()));
        }

        static void signal(long pid, String signal) throws Exception {
            Process kill = new ProcessBuilder("kill", "-s", signal, Long.toString(pid)).inheritIO().start();
            assertThat(kill.waitFor(10, TimeUnit.SECONDS)).isTrue();
        }

        // ---- what must hold afterwards

        private void assertNothingLeftBehind(String when) throws Exception {
            assertThat(Journal()).as("no journal %s", when).doesNotExist();
            try (Stream<Path> s = Files.list(dir.resolve("scratch"))) {
                assertThat(s.toList()).as("no scratch %s", when).isEmpty();
            }
            List<String> datasets = ZfsPools.run("zfs", "list", "-H", "-t", "filesystem,volume", "-o", "name,origin", "-r",
                    pool).stdoutLines();
            assertThat(datasets).as("no clone %s", when).allSatisfy(l -> assertThat(l).endsWith("\t-"));
            assertThat(datasets).as("no zfs-stream scratch dataset %s", when).noneMatch(l -> l.contains("/rdump-stream-"));
            try (Stream<Path> s = Files.walk(dir.resolve("backups"), 3)) {
                assertThat(s.map(f -> f.getFileName().toString()).toList())
                        .as("no partial copy, stream or batch and no copy being deleted in backups/ %s", when)
                        .noneMatch(n -> n.contains(".partial") || n.endsWith(".deleting"));
            }
            assertThat(lvm.volumes("crashvg")).as("no LVM snapshot %s", when).containsExactly("root");
            assertThat(lvm.mounts()).as("no stand-in mount %s", when).isEmpty();
            assertThat(Files.readAllLines(Path.of("/proc/self/mountinfo"))).as("no mount under the clone mount %s", when)
                    .noneMatch(l -> l.contains(dir.resolve("mnt/clone").toString()));
            if (Files.isDirectory(data.resolve(".rdump-snapshots"))) {
                try (Stream<Path> s = Files.list(data.resolve(".rdump-snapshots"))) {
                    assertThat(s.toList()).as("no read-only btrfs snapshot %s", when).isEmpty();
                }
            }
            assertThat(Path.of(data + "-work")).as("no writable btrfs snapshot %s", when).doesNotExist();
            for (Path live : List.of(dir.resolve("boot"), pools.mount(pool).resolve("home"), lvm.volume("crashvg", "root"),
                    data)) {
                try (Stream<Path> s = Files.list(live)) {
                    assertThat(s.map(f -> f.getFileName().toString()).toList()).as("no manifest temporaries in %s %s", live,
                            when).noneMatch(n -> n.matches("2sure\\.[0-9]+") || n.endsWith(".rdump-tmp"));
                }
            }
            assertThat(gateSleepers()).as("no child of the killed run is still running %s", when).isEmpty();
            Path dump = dir.resolve("boot/app.sql");
            if (Files.exists(dump)) {
                assertThat(dump).as("the dump is whole %s", when).hasContent(expectedDump);
            }
        }

        private State state() throws Exception {
            Map<String, Integer> versions = new LinkedHashMap<>();
            SureStore store = new SureStore();
            Map<String, Path> live = Map.of("boot", dir.resolve("boot"), "home", pools.mount(pool).resolve("home"),
                    "root", lvm.volume("crashvg", "root"), "data", data);
            live.forEach((v, root) -> {
                Path m = root.resolve("2sure.dat.gz");
                versions.put(v, Files.exists(m) ? store.versions(m).size() : 0);
            });
            List<String> archives = new LocalCommandRunner().run(Command.of("borg", "list", "--short", repo.toString())
                    .withEnv("BORG_PASSPHRASE", Secret.of(PASSPHRASE)).withEnv("BORG_BASE_DIR", borgBase.toString())
                    .withTimeout(Duration.ofMinutes(1))).stdoutLines().stream()
                    .filter(a -> !a.endsWith(".checkpoint")).toList();
            List<String> snapshots = restic("snapshots", "--no-lock", "--json").lines().findFirst()
                    .map(json -> org.rdump.api.support.Json.asList(org.rdump.api.support.Json.parse(json)).stream()
                            .map(o -> String.valueOf(org.rdump.api.support.Json.asMap(o).get("id"))).toList())
                    .orElse(List.of());
            return new State(versions, archives, snapshots);
        }

        private String restic(String... args) {
            List<String> argv = new ArrayList<>(List.of("restic"));
            argv.addAll(List.of(args));
            return new LocalCommandRunner().run(Command.of(argv).withEnv("RESTIC_REPOSITORY", restic.resolve("repo").toString())
                    .withEnv("RESTIC_PASSWORD_FILE", dir.resolve("restic-pw").toString())
                    .withEnv("RESTIC_CACHE_DIR", restic.resolve("cache").toString())
                    .withTimeout(Duration.ofMinutes(2))).stdout();
        }

        private Path Journal() {
            return dir.resolve(".rdump.yaml.lock.journal");
        }

        // ---- the gate

        private long calls() throws IOException {
            Path calls = gate.resolve("calls");
            if (!Files.exists(calls)) {
                return 0;
            }
            try (Stream<String> s = Files.lines(calls)) {
                return s.count();
            }
        }

        private static String locate(String program, String searchPath) {
            for (String d : searchPath.split(":")) {
                Path p = Path.of(d, program);
                if (!d.isEmpty() && Files.isExecutable(p) && !Files.isDirectory(p)) {
                    return p.toString();
                }
            }
            throw new AssertionError(program + " not found on " + searchPath);
        }

        /** A wrapper that runs the real program, and when armed, blocks after it until killed. */
        private void wrap(String program, String real) throws IOException {
            String g = Command.quote(gate.toString());
            String r = Command.quote(real);
            Path w = gate.resolve(program);
            // Real programs see the system's PATH: zfs-fuse's zfs runs umount(8), which must not be the LVM stand-in.
            String path = real.startsWith(lvm.programs.state().getParent().toString()) ? ""
                    : "PATH=" + Command.quote(System.getenv("PATH")) + "; export PATH\n";
            Files.writeString(w, "#!/bin/sh\n" + path
                    + "if mv " + g + "/arm " + g + "/arm.$$ 2>/dev/null; then\n"
                    + "  " + r + " \"$@\"; rc=$?\n"
                    + "  echo \"" + program + " $* (exit $rc)\" > " + g + "/hit.$$; mv " + g + "/hit.$$ " + g + "/hit\n"
                    + "  exec " + sleeper + " # CRASH-MATRIX-GATE\n"
                    + "fi\n"
                    + "echo \"" + program + " $*\" >> " + g + "/calls\n"
                    + "exec " + r + " \"$@\"\n");
            Files.setPosixFilePermissions(w, PosixFilePermissions.fromString("rwxr-xr-x"));
        }

        /** The gate's blocked programs still alive (they are children of a stopped run). */
        private List<ProcessHandle> gateSleepers() {
            return ProcessHandle.allProcesses().filter(h -> h.info().commandLine().orElse("").equals(sleeper))
                    .filter(h -> h.parent().map(pp -> !pp.equals(ProcessHandle.current())).orElse(true)).toList();
        }

        private void killGateSleepers() {
            gateSleepers().forEach(ProcessHandle::destroyForcibly);
        }
    }
}
