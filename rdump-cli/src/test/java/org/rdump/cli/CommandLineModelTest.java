package org.rdump.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import picocli.CommandLine;
import picocli.CommandLine.Model.ArgSpec;
import picocli.CommandLine.Model.CommandSpec;

/**
 * The command line's model, walked whole: every command at every depth has {@code --help} and
 * {@code -h}, every option and positional parameter says what it is for, and
 * {@code rdump help A B} shows the same help as {@code rdump A B --help}.
 */
class CommandLineModelTest {
    @RegisterExtension
    final CapturedStdio stdio = new CapturedStdio();

    /** Every command under {@code rdump}, as the words that name it ({@code [sure, check]}). */
    static List<List<String>> commands() {
        List<List<String>> out = new ArrayList<>();
        walk(new CommandLine(new RdumpCommand.All()), new ArrayList<>(), out);
        return out;
    }

    private static void walk(CommandLine cl, List<String> path, List<List<String>> out) {
        out.add(List.copyOf(path));
        cl.getSubcommands().forEach((name, sub) -> {
            if (sub.getCommandSpec().name().equals(name)) { // each command once, not once per alias
                List<String> p = new ArrayList<>(path);
                p.add(name);
                walk(sub, p, out);
            }
        });
    }

    private static CommandSpec spec(List<String> words) {
        CommandLine cl = new CommandLine(new RdumpCommand.All());
        for (String w : words) {
            cl = cl.getSubcommands().get(w);
        }
        return cl.getCommandSpec();
    }

    @Test
    void everyOptionAndParameterHasADescription() {
        List<String> missing = new ArrayList<>();
        for (List<String> words : commands()) {
            CommandSpec spec = spec(words);
            List<ArgSpec> args = new ArrayList<>(spec.options());
            args.addAll(spec.positionalParameters());
            for (ArgSpec a : args) {
                if (a.description().length == 0 || String.join("", a.description()).isBlank()) {
                    missing.add(("rdump " + String.join(" ", words)).strip() + " " + (a.isOption()
                            ? ((CommandLine.Model.OptionSpec) a).longestName() : a.paramLabel()));
                }
            }
            assertThat(spec.usageMessage().description()).as("rdump %s has a description", words).isNotEmpty();
        }
        assertThat(missing).as("options and parameters without a description").isEmpty();
    }

    @Test
    void helpWorksOnEveryCommandAtEveryDepthBothWays() {
        List<List<String>> all = commands();
        assertThat(all).contains(List.of("sure", "check"), List.of("zfs", "prune"), List.of("backup"));
        for (List<String> words : all) {
            String expected = null;
            for (String flag : new String[] {"--help", "-h"}) {
                List<String> args = new ArrayList<>(words);
                args.add(flag);
                String out = run(args);
                assertThat(out).as(String.join(" ", args)).startsWith("Usage: rdump" + (words.isEmpty() ? ""
                        : " " + String.join(" ", words)) + " ");
                expected = expected == null ? out : expected;
                assertThat(out).isEqualTo(expected);
            }
            if (!words.isEmpty() && !words.get(0).equals("help")) {
                List<String> args = new ArrayList<>(List.of("help"));
                args.addAll(words);
                assertThat(run(args)).as(String.join(" ", args)).isEqualTo(expected);
            }
        }
    }

    @Test
    void versionPrintsRdumpsVersionWhereverItIsOffered() {
        int offered = 0;
        for (List<String> words : commands()) {
            var v = spec(words).optionsMap().get("-V");
            if (v != null && v.versionHelp()) {
                List<String> args = new ArrayList<>(words);
                args.add("-V");
                assertThat(run(args)).as(String.join(" ", args)).startsWith("rdump ").contains("(rdump-api ");
                offered++;
            }
        }
        assertThat(offered).isGreaterThan(10);
    }

    @Test
    void optionsThatDoNotApplyAreNotOffered() {
        assertThat(spec(List.of("sure", "list")).optionsMap()).containsKeys("-f", "--check")
                .doesNotContainKeys("--threads", "--tag", "-i", "-d");
        assertThat(spec(List.of("sure", "show")).optionsMap()).containsKeys("-f", "-v")
                .doesNotContainKeys("--threads", "--tag", "-i");
        assertThat(spec(List.of("sure", "check")).optionsMap()).containsKeys("-f", "-d", "-v", "-i", "--threads")
                .doesNotContainKeys("--tag");
        assertThat(spec(List.of("sure", "signoff")).optionsMap()).containsKeys("-f", "-i")
                .doesNotContainKeys("--threads", "--tag", "-v");
        assertThat(spec(List.of("sure", "scan")).optionsMap()).containsKeys("-f", "-d", "--tag", "--threads")
                .doesNotContainKeys("-i", "-v");
    }

    private String run(List<String> args) {
        int before = stdio.stdout().length();
        int code = Main.run(args.toArray(String[]::new));
        assertThat(code).as(String.join(" ", args)).isZero();
        return stdio.stdout().substring(before);
    }
}
