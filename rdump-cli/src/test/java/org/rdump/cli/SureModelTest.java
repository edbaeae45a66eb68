package org.rdump.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/**
 * {@code rdump sure ...} parses with a model that has only the {@code sure} command
 * ({@link RdumpCommand.SureOnly}); what it prints and its exit code are the same as with the
 * whole model ({@code -Drdump.cli.fullModel=true}), for help, version, usage errors and failures.
 */
class SureModelTest {

    record Outcome(int exitCode, String stdout, String stderr) {
    }

    private static Outcome run(boolean fullModel, String... args) {
        PrintStream oldOut = System.out;
        PrintStream oldErr = System.err;
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        System.setOut(new PrintStream(out, true, StandardCharsets.UTF_8));
        System.setErr(new PrintStream(err, true, StandardCharsets.UTF_8));
        try {
            if (fullModel) {
                System.setProperty(Main.FULL_MODEL, "true");
            } else {
                System.clearProperty(Main.FULL_MODEL);
            }
            int code = Main.run(args);
            System.out.flush();
            System.err.flush();
            return new Outcome(code, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
        } finally {
            System.clearProperty(Main.FULL_MODEL);
            System.setOut(oldOut);
            System.setErr(oldErr);
        }
    }

    @Test
    void helpVersionAndUsageErrorsAreTheSameAsWithTheWholeModel(@TempDir Path tmp) {
        String missing = tmp.resolve("none.dat.gz").toString();
        List<List<String>> cases = List.of(
                List.of("sure", "--help"), List.of("sure", "-h"), List.of("sure"), List.of("sure", "--version"),
                List.of("sure", "-V"), List.of("sure", "update", "--help"), List.of("sure", "check", "-h"),
                List.of("sure", "list", "--help"), List.of("sure", "show", "--help"), List.of("sure", "signoff", "-h"),
                List.of("sure", "scan", "--help"), List.of("sure", "update", "-V"),
                List.of("sure", "--no-such-option"), List.of("sure", "bogus"), List.of("sure", "updat"),
                List.of("sure", "update", "--no-such-option"), List.of("sure", "update", "extra"),
                List.of("sure", "show", "-v"), List.of("sure", "show", "-v", "notanumber"),
                List.of("sure", "help"), List.of("sure", "-v"),
                List.of("--json", "sure", "--help"), List.of("sure", "--json", "--help"), List.of("--json", "sure"),
                List.of("--json", "sure", "update", "--no-such-option"), List.of("sure", "update", "--json", "--bogus"),
                List.of("--json", "sure", "--version"), List.of("-v", "sure", "list", "--help"),
                List.of("--verbose", "sure", "update", "--verbose", "--help"),
                List.of("--config", "x.yaml", "sure", "--help"), List.of("--config=x.yaml", "sure", "bogus"),
                List.of("--plugin-path", "/nonexistent", "sure", "list", "--help"),
                List.of("sure", "list", "-f", missing), List.of("--json", "sure", "list", "-f", missing),
                List.of("-vv", "sure", "list", "-f", missing), List.of("sure", "--verbose", "list", "-f", missing),
                List.of("sure", "show", "-v", "7", "-f", missing));
        List<String> differ = new ArrayList<>();
        for (List<String> c : cases) {
            String[] args = c.toArray(String[]::new);
            assertThat(Main.sureOnly(args)).as("sure-only model for %s", c).isTrue();
            Outcome[] o = new Outcome[2];
            for (int full = 0; full < 2; full++) { // one call site: -vv's stack traces are the same
                o[full] = run(full == 1, args);
            }
            Outcome full = o[1];
            Outcome sure = o[0];
            if (!full.equals(sure)) {
                differ.add(c + ":\n  whole model: " + full + "\n  sure-only:   " + sure);
            }
        }
        assertThat(differ).isEmpty();
        // the cases do reach each kind of outcome: help, usage error, a failed command
        assertThat(run(false, "sure", "--help")).satisfies(o -> {
            assertThat(o.exitCode()).isZero();
            assertThat(o.stdout()).startsWith("Usage: rdump sure ").contains("update", "check", "signoff");
        });
        assertThat(run(false, "sure", "update", "--no-such-option")).satisfies(o -> {
            assertThat(o.exitCode()).isEqualTo(2);
            assertThat(o.stderr()).contains("Unknown option: '--no-such-option'", "Usage: rdump sure update");
        });
        assertThat(run(false, "sure", "list", "-f", missing).exitCode()).isNotIn(0, 2);
    }

    @Test
    void theSureOnlyModelHasOnlySureAndTheWholeOneEveryCommand() {
        assertThat(new CommandLine(new RdumpCommand.SureOnly()).getSubcommands().keySet()).containsExactly("sure");
        CommandLine all = new CommandLine(new RdumpCommand.All());
        assertThat(all.getSubcommands().keySet()).contains("backup", "sure", "zfs", "help").hasSize(13);
        assertThat(new CommandLine(new RdumpCommand.SureOnly()).getSubcommands().get("sure").getUsageMessage())
                .isEqualTo(all.getSubcommands().get("sure").getUsageMessage());
    }

    @Test
    void onlySureWithHarmlessGlobalOptionsBeforeItTakesTheSureOnlyModel() {
        assertThat(Main.sureOnly("sure", "update")).isTrue();
        assertThat(Main.sureOnly("--json", "-vv", "--config", "c.yaml", "--plugin-path=/p", "sure")).isTrue();
        // the top-level usage (every command) or an option's value: the whole model
        assertThat(Main.sureOnly("--help", "sure")).isFalse();
        assertThat(Main.sureOnly("-V", "sure")).isFalse();
        assertThat(Main.sureOnly("--bogus", "sure")).isFalse();
        assertThat(Main.sureOnly("--config", "sure")).isFalse();
        assertThat(Main.sureOnly("--config", "--json", "sure")).isFalse();
        assertThat(Main.sureOnly("--config")).isFalse();
        assertThat(Main.sureOnly("backup", "sure")).isFalse();
        assertThat(Main.sureOnly("--", "sure")).isFalse();
        assertThat(Main.sureOnly()).isFalse();
        assertThat(Main.sureOnly("help", "sure")).isFalse();
    }

    @Test
    void theTopLevelOutcomesOfTheWholeModelAreUnchanged() {
        Outcome help = run(false, "--help", "sure");
        assertThat(help.stdout()).contains("backup", "verify", "sure", "plugins", "Exit codes: 0 ok");
        Outcome bogus = run(false, "--config", "sure", "sure");
        assertThat(bogus).isEqualTo(run(true, "--config", "sure", "sure"));
    }
}
