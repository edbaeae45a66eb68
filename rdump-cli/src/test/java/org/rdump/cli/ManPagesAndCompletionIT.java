package org.rdump.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.rdump.testkit.RequiredTools;
import picocli.CommandLine;

/**
 * The man pages and the shell completion the build generates from the picocli model
 * (rdump-cli/pom.xml, after compiling): one page per command, naming its subcommands and options,
 * and a completion script that bash runs to complete every subcommand and option.
 */
class ManPagesAndCompletionIT {
    static final Path TARGET = Path.of("target");
    static final Path COMPLETION = TARGET.resolve("rdump-completion.bash");

    private static String page(List<String> words) throws Exception {
        List<String> name = new ArrayList<>(List.of("rdump"));
        name.addAll(words);
        Path p = TARGET.resolve("man/man1/" + String.join("-", name) + ".1");
        assertThat(p).as("the man page of %s", String.join(" ", name)).isRegularFile();
        return Files.readString(p).replace("\\-", "-"); // troff writes - as \-
    }

    @Test
    void everyCommandHasAManPageNamingItsSubcommandsAndOptions() throws Exception {
        RequiredTools.need("asciidoctor", "asciidoctor");
        for (List<String> words : CommandLineModelTest.commands()) {
            String page = page(words);
            CommandLine cl = new CommandLine(new RdumpCommand.All());
            for (String w : words) {
                cl = cl.getSubcommands().get(w);
            }
            assertThat(page).as("%s", words).startsWith("'\\\" t\n").contains(".SH \"NAME\"", ".SH \"SYNOPSIS\"");
            for (String sub : cl.getSubcommands().keySet()) {
                assertThat(page).as("the page of %s names its subcommand %s", words, sub).contains(sub);
            }
            for (CommandLine.Model.OptionSpec o : cl.getCommandSpec().options()) {
                if (o.hidden()) {
                    continue; // e.g. status --now, for tests: in no page and no completion
                }
                assertThat(page).as("the page of %s names %s", words, o.longestName())
                        .contains(o.longestName());
            }
        }
        assertThat(page(List.of())).contains("backup", "verify", "restore", "sure", "zfs", "check-config");
        assertThat(page(List.of("sure"))).contains("rsure");
    }

    @Test
    void bashCompletesEverySubcommandAndTheOptionsOfEach() throws Exception {
        RequiredTools.need("bash", "bash");
        assertThat(COMPLETION).isRegularFile();
        for (List<String> words : CommandLineModelTest.commands()) {
            CommandLine cl = new CommandLine(new RdumpCommand.All());
            for (String w : words) {
                cl = cl.getSubcommands().get(w);
            }
            List<String> line = new ArrayList<>(List.of("rdump"));
            line.addAll(words);
            if (!cl.getSubcommands().isEmpty()) {
                assertThat(complete(line, "")).as("rdump %s <TAB>", words)
                        .containsAll(cl.getSubcommands().keySet());
            }
            List<String> options = cl.getCommandSpec().options().stream().filter(o -> !o.hidden())
                    .map(CommandLine.Model.OptionSpec::longestName).filter(n -> n.startsWith("--")).toList();
            assertThat(complete(line, "--")).as("rdump %s --<TAB>", words).containsAll(options);
        }
        assertThat(complete(List.of("rdump", "sure"), "ch")).containsExactly("check");
        assertThat(complete(List.of("rdump", "sure", "list"), "--")).doesNotContain("--threads");
    }

    /** What bash offers for {@code word} after {@code line}, through the generated script. */
    private static List<String> complete(List<String> line, String word) throws Exception {
        List<String> all = new ArrayList<>(line);
        all.add(word);
        String script = "source " + COMPLETION.toAbsolutePath() + "\nCOMP_WORDS=(" + String.join(" ",
                all.stream().map(w -> "'" + w + "'").toList()) + ")\nCOMP_CWORD=" + line.size()
                + "\nCOMP_LINE=\"${COMP_WORDS[*]}\"\nCOMP_POINT=${#COMP_LINE}\n_complete_rdump\n"
                + "printf '%s\\n' \"${COMPREPLY[@]}\"\n";
        Process p = new ProcessBuilder("bash", "--norc", "--noprofile", "-c", script)
                .redirectError(ProcessBuilder.Redirect.DISCARD).start(); // compopt complains outside a real completion
        p.getOutputStream().close();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(p.waitFor(30, TimeUnit.SECONDS)).isTrue();
        assertThat(p.exitValue()).as(out).isZero();
        return out.lines().map(String::strip).filter(s -> !s.isEmpty()).toList();
    }
}
