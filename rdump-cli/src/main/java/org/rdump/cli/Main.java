package org.rdump.cli;

import org.rdump.api.RdumpException;
import picocli.CommandLine;

/** Entry point of {@code rdump}: parses, runs, maps exceptions to exit codes and messages. */
public final class Main {
    private Main() {
    }

    public static void main(String[] args) {
        System.exit(run(args));
    }

    /** Runs the command line and returns the exit code (for tests and embedding). */
    public static int run(String... args) {
        RdumpCommand top = new RdumpCommand();
        CommandLine cl = new CommandLine(top);
        versionEverywhere(cl, new RdumpCommand.Version());
        cl.setExecutionStrategy(parse -> {
            Logging.setUp(top.verbosity());
            Integer asked = top.json ? HelpDocuments.printIfRequested(top, parse) : null;
            return asked != null ? asked : new CommandLine.RunLast().execute(parse);
        });
        cl.setExecutionExceptionHandler((e, commandLine, parse) -> {
            top.err.println("rdump: " + (e instanceof RdumpException && e.getMessage() != null ? e.getMessage() : e.toString()));
            if (e instanceof org.rdump.api.DifferencesFoundException d && !top.json) {
                d.report().lines().forEach(top.out::println);
            }
            if (top.verbosity() >= 2 || !(e instanceof RdumpException)) {
                e.printStackTrace(top.err);
            }
            return top.json ? JsonErrors.print(top, commandLine, e, ExitCode.of(e)) : ExitCode.of(e);
        });
        CommandLine.IParameterExceptionHandler usage = cl.getParameterExceptionHandler();
        cl.setParameterExceptionHandler((e, a) -> {
            int code = usage.handleParseException(e, a);
            return JsonErrors.wanted(top, a) ? JsonErrors.print(top, e.getCommandLine(), e, code) : code;
        });
        return cl.execute(args);
    }

    /** {@code -V}/{@code --version} on a subcommand prints rdump's version, as on {@code rdump} itself. */
    private static void versionEverywhere(CommandLine cl, CommandLine.IVersionProvider version) {
        if (cl.getCommandSpec().versionProvider() == null) {
            cl.getCommandSpec().versionProvider(version);
        }
        cl.getSubcommands().values().forEach(sub -> versionEverywhere(sub, version));
    }
}
