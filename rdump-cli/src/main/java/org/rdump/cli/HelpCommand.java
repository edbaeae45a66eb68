package org.rdump.cli;

import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.List;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code rdump help [COMMAND...]}: the help of rdump, or of a command at any depth
 * ({@code rdump help sure check} is {@code rdump sure check --help}). picocli's own help command
 * stops at the first word.
 */
@Command(name = "help", helpCommand = true,
        description = "Show the help of rdump, or of a command at any depth: rdump help sure check.")
final class HelpCommand implements CommandLine.IHelpCommandInitializable2, Runnable {
    @Parameters(paramLabel = "COMMAND", arity = "0..*",
            description = "The command, and its subcommand, whose help to show (default: rdump's).")
    List<String> commands = new ArrayList<>();

    @Option(names = {"-h", "--help"}, usageHelp = true, description = "Show this help message and exit.")
    boolean help;

    private CommandLine self;
    private CommandLine.Help.ColorScheme colors;
    private PrintWriter out;

    @Override
    public void init(CommandLine helpCommandLine, CommandLine.Help.ColorScheme colorScheme, PrintWriter outWriter,
                     PrintWriter errWriter) {
        this.self = helpCommandLine;
        this.colors = colorScheme;
        this.out = outWriter;
    }

    @Override
    public void run() {
        CommandLine target = self.getParent();
        List<String> seen = new ArrayList<>();
        for (String word : commands) {
            CommandLine sub = target.getSubcommands().get(word);
            if (sub == null) {
                throw new CommandLine.ParameterException(self, "no command '" + word + "' under 'rdump"
                        + (seen.isEmpty() ? "" : " " + String.join(" ", seen)) + "'; commands there: "
                        + String.join(", ", target.getSubcommands().keySet()));
            }
            seen.add(word);
            target = sub;
        }
        if (self.getCommandSpec().root().userObject() instanceof RdumpCommand top && top.json) {
            HelpDocuments.usage(top, self, target);
            return;
        }
        target.usage(out, colors);
        out.flush();
    }
}
