package org.rdump.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.rdump.cli.CliProcess.Result;
import org.rdump.testkit.RequiredTools;

/**
 * {@code rdump systemd} through the real command line in a child JVM: the printed units pass
 * {@code systemd-analyze verify} (with awkward paths, several calendars, an Environment= line),
 * {@code --install --root} writes them, leaves identical ones alone, refuses to replace different
 * ones without {@code --force}, and bad input is a clear error.
 */
class SystemdIT {
    @TempDir
    Path dir;

    private Path launcher;

    @BeforeEach
    void launcher() throws Exception {
        launcher = executable(dir.resolve("bin/rdump"));
    }

    private static Path executable(Path p) throws Exception {
        CliProcess.write(p, "#!/bin/sh\nexit 0\n");
        Files.setPosixFilePermissions(p, PosixFilePermissions.fromString("rwxr-xr-x"));
        return p;
    }

    private Path config(Path file) throws Exception {
        Files.createDirectories(dir.resolve("data"));
        return CliProcess.write(file, """
                tools:
                  copies: {type: rsync, dest: %s, mode: mirror}
                simple:
                  - {name: data, mount: %s, actions: [copies]}
                """.formatted(dir.resolve("backups"), dir.resolve("data")));
    }

    /** The units on standard output, by file name (each after its {@code # /etc/systemd/system/NAME} line). */
    private static Map<String, String> units(String stdout) {
        Map<String, String> units = new LinkedHashMap<>();
        String name = null;
        StringBuilder text = new StringBuilder();
        for (String line : stdout.split("\n", -1)) {
            if (line.startsWith("# /")) {
                if (name != null) {
                    units.put(name, text.toString().replaceFirst("\n$", ""));
                }
                name = line.substring(line.lastIndexOf('/') + 1);
                text.setLength(0);
            } else if (name != null) {
                text.append(line).append('\n');
            }
        }
        if (name != null) {
            units.put(name, text.toString().replaceFirst("\n+$", "\n"));
        }
        return units;
    }

    /** {@code systemd-analyze verify FILE...}: its exit code and everything it printed. */
    private static Result verify(List<Path> files) throws Exception {
        List<String> cmd = new ArrayList<>(List.of("systemd-analyze", "verify"));
        files.forEach(f -> cmd.add(f.toString()));
        Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
        p.getOutputStream().close();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(p.waitFor(60, TimeUnit.SECONDS)).isTrue();
        return new Result(p.exitValue(), out, "");
    }

    private Map<String, String> printedAndVerified(Map<String, String> env, String... args) throws Exception {
        RequiredTools.need("systemd", "systemd-analyze");
        Result r = CliProcess.run(dir, env, args);
        assertThat(r.exitCode()).as(r.stderr()).isZero();
        Map<String, String> units = units(r.stdout());
        assertThat(units).containsOnlyKeys("rdump.service", "rdump.timer");
        Path out = Files.createDirectories(dir.resolve("units"));
        List<Path> files = new ArrayList<>();
        for (var u : units.entrySet()) {
            files.add(Files.writeString(out.resolve(u.getKey()), u.getValue()));
        }
        Result v = verify(files);
        assertThat(v.exitCode()).as(v.stdout()).isZero();
        assertThat(v.stdout()).as("systemd-analyze verify says nothing about the units").isEmpty();
        return units;
    }

    @Test
    void printedUnitsPassSystemdAnalyzeVerifyWithAwkwardPaths() throws Exception {
        Path cfg = config(dir.resolve("conf 100% \"x\"/rdump $HOME.yaml"));
        Path exec = executable(dir.resolve("my bin/rdump"));
        Map<String, String> units = printedAndVerified(Map.of(), "--config", cfg.toString(), "systemd",
                "--exec", exec.toString(), "--with-verify", "--timeout", "12h", "--randomized-delay", "90m",
                "--on-calendar", "Mon..Fri 02:00", "--on-calendar", "Sat *-*-* 04:30:00", "data");
        String service = units.get("rdump.service");
        String timer = units.get("rdump.timer");
        String quotedCfg = "\"" + cfg.toString().replace("%", "%%").replace("$", "$$").replace("\"", "\\\"") + "\"";
        assertThat(service.lines()).contains(
                "Type=oneshot",
                "ExecStart=\"" + exec + "\" --config " + quotedCfg + " backup --verify data",
                "SuccessExitStatus=4",
                "Nice=10",
                "IOSchedulingClass=idle",
                "KillMode=mixed",
                "TimeoutStartSec=12h",
                "Description=rdump backup of " + cfg.toString().replace("%", "%%"));
        assertThat(service).doesNotContain("ProtectSystem=strict", "PrivateTmp=yes", "[Install]");
        assertThat(timer.lines()).contains(
                "OnCalendar=Mon..Fri 02:00",
                "OnCalendar=Sat *-*-* 04:30:00",
                "Persistent=true",
                "RandomizedDelaySec=1h30min",
                "FixedRandomDelay=true",
                "Unit=rdump.service",
                "WantedBy=timers.target");
    }

    @Test
    void theLauncherThatRanRdumpIsTheOneTheServiceRuns() throws Exception {
        Path cfg = config(dir.resolve("rdump.yaml"));
        Path java = executable(dir.resolve("jdk/bin/java"));
        Map<String, String> units = printedAndVerified(Map.of(Launcher.ENV, launcher.toString(), "JAVA",
                java.toString()), "--config", cfg.toString(), "systemd");
        assertThat(units.get("rdump.service").lines()).contains(
                "ExecStart=" + launcher + " --config " + cfg + " backup",
                "Environment=JAVA=" + java)
                .contains("# Written by: rdump --config " + cfg + " systemd");
        assertThat(units.get("rdump.timer").lines()).contains("OnCalendar=daily", "RandomizedDelaySec=1h");
    }

    @Test
    void withoutALauncherOrExecItSaysWhatToPass() throws Exception {
        Path cfg = config(dir.resolve("rdump.yaml"));
        Result r = CliProcess.run(dir, Map.of(Launcher.ENV, ""), "--config", cfg.toString(), "systemd");
        assertThat(r.exitCode()).isEqualTo(1);
        assertThat(r.stderr()).contains("rdump: cannot tell how this rdump was started (not by bin/rdump or an"
                + " installed launcher, nor from a jar); pass --exec PATH, the launcher the service should run");
        assertThat(r.stdout()).isEmpty();
    }

    @Test
    void installWritesUnderRootLeavesTheSameAloneAndReplacesADifferentOneOnlyWithForce() throws Exception {
        Path root = dir.resolve("image");
        config(root.resolve("etc/rdump/rdump.yaml"));
        executable(root.resolve("usr/local/bin/rdump"));
        Path units = root.resolve("etc/systemd/system");
        String[] install = {"systemd", "--install", "--root", root.toString(), "--exec", "/usr/local/bin/rdump"};

        Result first = CliProcess.run(dir, install);
        assertThat(first.exitCode()).as(first.stderr()).isZero();
        assertThat(first.lines()).startsWith("written " + units.resolve("rdump.service"),
                "written " + units.resolve("rdump.timer"), "ExecStart runs /usr/local/bin/rdump (--exec)")
                .endsWith("next: systemctl --root=" + root + " enable rdump.timer");
        String service = Files.readString(units.resolve("rdump.service"));
        assertThat(service.lines()).contains("ExecStart=/usr/local/bin/rdump --config /etc/rdump/rdump.yaml backup");
        assertThat(Files.getPosixFilePermissions(units.resolve("rdump.timer")))
                .isEqualTo(PosixFilePermissions.fromString("rw-r--r--"));
        Result printed = CliProcess.run(dir, "systemd", "--root", root.toString(), "--exec", "/usr/local/bin/rdump");
        assertThat(units(printed.stdout())).containsEntry("rdump.service", service)
                .containsEntry("rdump.timer", Files.readString(units.resolve("rdump.timer")));

        Result again = CliProcess.run(dir, install);
        assertThat(again.exitCode()).isZero();
        assertThat(again.lines()).startsWith("unchanged " + units.resolve("rdump.service"),
                "unchanged " + units.resolve("rdump.timer"));

        String timer = Files.readString(units.resolve("rdump.timer"));
        List<String> changed = new ArrayList<>(List.of(install));
        changed.addAll(List.of("--randomized-delay", "2h"));
        Result refused = CliProcess.run(dir, changed.toArray(String[]::new));
        assertThat(refused.exitCode()).isEqualTo(1);
        assertThat(refused.stderr()).contains("rdump: units exist with other text: " + units.resolve("rdump.service")
                + " (line 2: '# Written by: rdump --config /etc/rdump/rdump.yaml systemd --exec /usr/local/bin/rdump'"
                + " there, '# Written by: rdump --config /etc/rdump/rdump.yaml systemd --randomized-delay 2h --exec"
                + " /usr/local/bin/rdump' from rdump); " + units.resolve("rdump.timer") + " (line 2: ")
                .contains("nothing was written. Pass --force to replace them, or --name NAME for units of another name");
        assertThat(Files.readString(units.resolve("rdump.service"))).isEqualTo(service);
        assertThat(Files.readString(units.resolve("rdump.timer"))).isEqualTo(timer);

        changed.add("--force");
        Result forced = CliProcess.run(dir, changed.toArray(String[]::new));
        assertThat(forced.exitCode()).as(forced.stderr()).isZero();
        assertThat(forced.lines()).startsWith("replaced " + units.resolve("rdump.service"),
                "replaced " + units.resolve("rdump.timer"));
        assertThat(Files.readString(units.resolve("rdump.timer")).lines()).contains("RandomizedDelaySec=2h");
        try (var files = Files.list(units)) {
            assertThat(files.map(p -> p.getFileName().toString())).containsExactlyInAnyOrder("rdump.service",
                    "rdump.timer");
        }
    }

    @Test
    void aSecondConfigurationGetsUnitsOfItsOwnName() throws Exception {
        Path root = dir.resolve("image");
        config(root.resolve("etc/rdump/home.yaml"));
        executable(root.resolve("usr/bin/rdump"));
        Result r = CliProcess.run(dir, "--config", "/etc/rdump/home.yaml", "systemd", "--install", "--name",
                "rdump-home", "--root", root.toString(), "--exec", "/usr/bin/rdump");
        assertThat(r.exitCode()).as(r.stderr()).isZero();
        Path units = root.resolve("etc/systemd/system");
        assertThat(Files.readString(units.resolve("rdump-home.timer")).lines()).contains("Unit=rdump-home.service");
        assertThat(Files.readString(units.resolve("rdump-home.service")).lines())
                .contains("ExecStart=/usr/bin/rdump --config /etc/rdump/home.yaml backup");
    }

    @Test
    void badInputIsAClearError() throws Exception {
        RequiredTools.need("systemd", "systemd-analyze");
        Path cfg = config(dir.resolve("rdump.yaml"));
        String[] base = {"--config", cfg.toString(), "systemd", "--exec", launcher.toString()};

        Result calendar = CliProcess.run(dir, concat(base, "--on-calendar", "dayly"));
        assertThat(calendar.exitCode()).isEqualTo(2);
        assertThat(calendar.stderr()).startsWith("--on-calendar 'dayly' is not a systemd calendar expression"
                + " (systemd-analyze: Failed to parse calendar specification 'dayly': Invalid argument); see man"
                + " systemd.time, e.g. daily, 'Mon..Fri 02:00', '*-*-* 03:30:00'");

        Result name = CliProcess.run(dir, concat(base, "--name", "rdump.service"));
        assertThat(name.exitCode()).isEqualTo(2);
        assertThat(name.stderr()).startsWith("'rdump.service' is not a unit name for --name");

        Result volume = CliProcess.run(dir, concat(base, "nothere"));
        assertThat(volume.exitCode()).isEqualTo(3);
        assertThat(volume.stderr()).contains("no volume named 'nothere'; configured volumes: data");

        Result relative = CliProcess.run(dir, "--config", cfg.toString(), "systemd", "--exec", "bin/rdump");
        assertThat(relative.exitCode()).isEqualTo(2);
        assertThat(relative.stderr()).startsWith("--exec must be an absolute path (systemd runs it from /): bin/rdump");

        Result missing = CliProcess.run(dir, "--config", cfg.toString(), "systemd", "--exec", "/nonexistent/rdump");
        assertThat(missing.exitCode()).isEqualTo(1);
        assertThat(missing.stderr()).contains("rdump: --exec /nonexistent/rdump: /nonexistent/rdump is not an"
                + " executable file");

        Result noUnitDir = CliProcess.run(dir, "--config", cfg.toString(), "systemd", "--exec", launcher.toString(),
                "--force");
        assertThat(noUnitDir.exitCode()).isEqualTo(2);
        assertThat(noUnitDir.stderr()).startsWith("--force applies to --install only");
    }

    private static String[] concat(String[] a, String... b) {
        List<String> all = new ArrayList<>(List.of(a));
        all.addAll(List.of(b));
        return all.toArray(String[]::new);
    }
}
