package org.rdump.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import org.rdump.api.RunEvent;
import org.rdump.testkit.RequiredTools;

/**
 * The command line in-process, as a user types it: rsure's argument order, {@code -v} in both of
 * its meanings, errors that say what is wrong and are printed once, counts in good English.
 */
class CliWithoutSurprisesIT {
    @TempDir
    Path dir;

    @RegisterExtension
    final CapturedStdio stdio = new CapturedStdio();

    private int outFrom;
    private int errFrom;

    /** Runs rdump; {@link #out()} and {@link #err()} then hold what this run printed. */
    private int rdump(String... args) {
        outFrom = stdio.stdout().length();
        errFrom = stdio.stderr().length();
        return Main.run(args);
    }

    private String out() {
        return stdio.stdout().substring(outFrom);
    }

    private String err() {
        return stdio.stderr().substring(errFrom);
    }

    private static int count(String text, String part) {
        Matcher m = Pattern.compile(Pattern.quote(part)).matcher(text);
        int n = 0;
        while (m.find()) {
            n++;
        }
        return n;
    }

    private Path tree() throws Exception {
        Path tree = Files.createDirectories(dir.resolve("tree"));
        Files.writeString(tree.resolve("a"), "one");
        return tree;
    }

    @Test
    void sureTakesRsuresOrderAsWellAsItsOwn() throws Exception {
        Path tree = tree();
        String f = dir.resolve("m.dat.gz").toString();
        // rsure's order: the options, then the command
        assertThat(rdump("sure", "-f", f, "-d", tree.toString(), "--tag", "host=a", "scan")).isZero();
        assertThat(out()).startsWith("scan: 0 dirs 1 file").as("rsure's own line, kept as rsure prints it")
                .contains(" files, ");
        Files.writeString(tree.resolve("a"), "two, longer");
        assertThat(rdump("sure", "-f", f, "-d", tree.toString(), "update")).isZero();

        assertThat(rdump("sure", "-f", f, "-d", tree.toString(), "check")).isZero();
        String rsureOrder = out();
        assertThat(rdump("sure", "check", "-f", f, "-d", tree.toString())).isZero();
        assertThat(out()).as("both orders do the same").isEqualTo(rsureOrder).isEqualTo("Check " + f + "\n");

        // -v N after 'sure' is rsure's version; version 1 held "one"
        assertThat(rdump("sure", "-f", f, "-d", tree.toString(), "-v", "1", "check")).isEqualTo(ExitCode.DIFFERENCES);
        assertThat(out()).contains("\"" + tree + "/a\"");
        assertThat(err()).isEqualTo("rdump: check found 1 difference\n");
        assertThat(rdump("sure", "check", "-v", "1", "-f", f, "-d", tree.toString())).isEqualTo(ExitCode.DIFFERENCES);
        // after the subcommand wins over before it
        assertThat(rdump("sure", "-f", f, "-d", tree.toString(), "-v", "1", "check", "-v", "2")).isZero();

        // -v before 'sure' is rdump's verbose flag
        assertThat(rdump("-v", "sure", "-f", f, "-d", tree.toString(), "check")).isZero();
        assertThat(rdump("sure", "-f", f, "--tag", "x=y", "list")).isZero();
        assertThat(out()).contains("   2 | ", "   1 | ");
        assertThat(err()).isEqualTo("rdump: warning: --tag has no effect on sure list (only scan and update write"
                + " a version)\n");
        assertThat(rdump("sure", "-f", f, "show", "-v", "1")).isZero();
        assertThat(out()).startsWith("show " + f + "\n");
    }

    @Test
    void verboseWorksAfterTheCommandWordTooAndCountsEveryOccurrence() {
        // from -vv on, an error comes with its stack trace: that shows the verbosity rdump used
        String config = dir.resolve("nothere.yaml").toString();
        assertThat(rdump("--config", config, "backup")).isEqualTo(ExitCode.CONFIG);
        assertThat(err()).doesNotContain("\tat org.rdump.");
        assertThat(rdump("--config", config, "backup", "-v")).isEqualTo(ExitCode.CONFIG);
        assertThat(err()).as("-v: info, no trace").doesNotContain("\tat org.rdump.");
        for (String[] args : new String[][] {
                {"--config", config, "backup", "-vv"},
                {"--config", config, "backup", "--verbose", "-v"},
                {"--config", config, "-v", "backup", "-v"},
                {"--config", config, "-vv", "backup"},
                {"--config", config, "zfs", "prune", "-vv", "--hanoi", "3", "tank/x"}}) {
            rdump(args);
            assertThat(err()).as(String.join(" ", args)).contains("\tat org.rdump.");
        }
    }

    @Test
    void underSureMinusVIsRsuresVersionAndVerboseIsTheLongName() {
        String missing = dir.resolve("nothere.gz").toString();
        assertThat(rdump("sure", "-f", missing, "--verbose", "--verbose", "list")).isEqualTo(ExitCode.FAILED);
        assertThat(err()).contains("no such manifest file", "\tat org.rdump.");
        assertThat(rdump("sure", "list", "--verbose", "-f", missing, "--verbose")).isEqualTo(ExitCode.FAILED);
        assertThat(err()).contains("\tat org.rdump.");
        assertThat(rdump("sure", "list", "-f", missing)).isEqualTo(ExitCode.FAILED);
        assertThat(err()).doesNotContain("\tat org.rdump.");
        // never a verbose -v under sure, even where no -v N applies
        assertThat(rdump("sure", "list", "-v", "-f", missing)).isEqualTo(ExitCode.USAGE);
        assertThat(err()).startsWith("Unknown option: '-v'");
    }

    @Test
    void optionsThatDoNotApplyAreRefused() throws Exception {
        assertThat(rdump("sure", "list", "--threads", "2")).isEqualTo(ExitCode.USAGE);
        assertThat(err()).startsWith("Unknown options: '--threads', '2'");
        assertThat(rdump("sure", "check", "--tag", "a=b")).isEqualTo(ExitCode.USAGE);
        assertThat(rdump("sure", "check", "--help")).isZero();
        assertThat(out()).startsWith("Usage: rdump sure check ");
        assertThat(rdump("help", "sure", "check")).isZero();
        assertThat(out()).startsWith("Usage: rdump sure check ");
        assertThat(rdump("help", "sure", "nosuch")).isEqualTo(ExitCode.USAGE);
        assertThat(err()).startsWith("no command 'nosuch' under 'rdump sure'; commands there: scan, update, check,");
    }

    @Test
    void sureErrorsSayWhatIsWrong() throws Exception {
        Path tree = tree();
        assertThat(rdump("sure", "list", "-f", dir.resolve("nothere.gz").toString())).isEqualTo(ExitCode.FAILED);
        assertThat(out()).isEmpty();
        assertThat(err()).endsWith(": no such manifest file; create it with `rdump sure scan` or name another"
                + " with -f\n");
        assertThat(rdump("sure", "show", "-f", dir.resolve("nothere.gz").toString())).isEqualTo(ExitCode.FAILED);
        assertThat(err()).contains("no such manifest file");

        String f = dir.resolve("m.dat.gz").toString();
        assertThat(rdump("sure", "-f", f, "-d", tree.toString(), "scan")).isZero();
        assertThat(rdump("sure", "check", "-f", f, "-d", "/nonexistent")).isEqualTo(ExitCode.FAILED);
        assertThat(err()).isEqualTo("rdump: /nonexistent: no such directory; -d names the tree to check (default:"
                + " the current directory)\n");
        assertThat(rdump("sure", "-d", tree.resolve("a").toString(), "-f", f, "update")).isEqualTo(ExitCode.FAILED);
        assertThat(err()).isEqualTo("rdump: " + tree.resolve("a") + ": not a directory; -d names the tree to"
                + " update\n");
    }

    @Test
    void aMissingSimpleMountIsNamedAndNothingIsWritten() throws Exception {
        Path config = dir.resolve("rdump.yaml");
        Files.writeString(config, "simple:\n  - {name: boot, mount: " + dir.resolve("boot") + ", actions: [rsure]}\n"
                + "lock: " + dir.resolve("lock") + "\nscratch: " + dir.resolve("scratch") + "\n");
        assertThat(rdump("--config", config.toString(), "backup")).isEqualTo(ExitCode.CONFIG);
        assertThat(err()).contains("boot: mount point " + dir.resolve("boot") + " is not a directory (missing or not"
                + " mounted); check 'mount' of volume 'boot'").doesNotContain("Exception", ".snapstamp.tmp");
        assertThat(dir.resolve("boot")).doesNotExist();
    }

    @Test
    void aFailedRestorePrintsItsErrorOnceAndCountsInGoodEnglish() throws Exception {
        RequiredTools.need("rsync", "rsync");
        Path tree = tree();
        Path config = dir.resolve("rdump.yaml");
        Files.writeString(config, """
                tools:
                  copies: {type: rsync, dest: %s, mode: versioned, keep: 2}
                simple:
                  - {name: sample, mount: %s, actions: [rsure, copies]}
                lock: %s
                scratch: %s
                """.formatted(dir.resolve("backups"), tree, dir.resolve("lock"), dir.resolve("scratch")));
        assertThat(rdump("--config", config.toString(), "restore", "sample", "--to", dir.resolve("out").toString()))
                .isEqualTo(ExitCode.FAILED);
        String message = "no backup of volume sample in 'copies'; run 'rdump backup sample' first";
        assertThat(count(out() + err(), message)).as(out() + err()).isEqualTo(1);
        assertThat(err()).contains("rdump: FAILED sample: ");
        assertThat(out()).containsPattern("(?m)^restore FAILED in \\d+\\.\\d s: 0 of 1 step, 0 warnings,"
                + " failed: sample$");

        Files.createDirectories(tree.resolve("sub"));
        Files.move(tree.resolve("a"), tree.resolve("sub/a"));
        // a file changed in the second of the scan is hashed again next time (racy entries): let the tree age
        CliProcess.nextSecond();
        assertThat(rdump("--config", config.toString(), "backup")).as(err()).isZero();
        // the tree holds sub/a and the run stamp
        assertThat(out()).containsPattern("(?m)^    manifest version 1: 2 files, 1 dir, 20 B in the tree; hashed 2"
                        + " files \\(20 B\\) in ")
                .containsPattern("(?m)^    rsync 'copies': \\d{8}T\\d{6}Z, \\d+ files \\([0-9.]+ [KMG]?i?B\\)"
                        + " transferred$")
                .containsPattern("(?m)^backup finished in \\d+\\.\\d s: 6 of 6 steps, 0 warnings$");
        CliProcess.nextSecond();
        assertThat(rdump("--config", config.toString(), "backup")).as(err()).isZero();
        assertThat(out()).as("only the new run stamp is hashed").containsPattern("(?m)^    manifest version 2: 2 files,"
                + " 1 dir, 20 B in the tree; hashed 1 file \\(17 B\\) in ");
    }

    @Test
    void theProgressLineShowsRsyncsPercentageAsAPercentage() {
        var rsync = new RunEvent.Progress("sample", "rsync", 310, 420, 1_288_490_188L, -1, 41_943_040,
                Duration.ofSeconds(12), 82);
        assertThat(ConsoleListener.progressLine(rsync))
                .isEqualTo("    rsync: 82%, 310/420 files, 1.2 GiB, 40.0 MiB/s, ETA 0:12");
        var hashing = new RunEvent.Progress("sample", "hashing", 1, 1, 2048, 4096, 0, Duration.ofSeconds(-1));
        assertThat(ConsoleListener.progressLine(hashing)).isEqualTo("    hashing: 1/1 file, 2.0 KiB of 4.0 KiB (50%)");
        var send = new RunEvent.Progress("tank-home", "zfs send", 0, -1, 3 * 1024 * 1024, -1, 0,
                Duration.ofSeconds(-1));
        assertThat(ConsoleListener.progressLine(send)).isEqualTo("    zfs send: 3.0 MiB");
    }
}
