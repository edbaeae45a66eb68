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

    /**
     * Set to {@code true}, {@code rdump sure ...} parses with the whole command model as every
     * other command does (tests compare the two).
     */
    static final String FULL_MODEL = "rdump.cli.fullModel";

    /** Runs the command line and returns the exit code (for tests and embedding). */
    public static int run(String... args) {
        RdumpCommand top = sureOnly(args) && !Boolean.getBoolean(FULL_MODEL)
                ? new RdumpCommand.SureOnly() : new RdumpCommand.All();
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

    /**
     * Whether {@code args} is {@code [global options] sure ...} with only global options that
     * print nothing at the top level before {@code sure}: then the {@code sure}-only model parses
     * it with the same result (the top-level usage, which lists every command, is never printed).
     * Anything else, such as {@code --help}, an unknown option, or an option value that is an
     * option or {@code sure} itself, takes the whole model.
     */
    static boolean sureOnly(String... args) {
        for (int i = 0; i < args.length; i++) {
            String a = args[i];
            if (a.equals("sure")) {
                return true;
            }
            if (a.equals("--config") || a.equals("--plugin-path")) {
                i++;
                if (i >= args.length || args[i].startsWith("-") || args[i].equals("sure")) {
                    return false;
                }
            } else if (!(a.equals("--json") || a.equals("--verbose") || a.matches("-v+")
                    || a.startsWith("--config=") || a.startsWith("--plugin-path="))) {
                return false;
            }
        }
        return false;
    }

    /** {@code -V}/{@code --version} on a subcommand prints rdump's version, as on {@code rdump} itself. */
    private static void versionEverywhere(CommandLine cl, CommandLine.IVersionProvider version) {
        if (cl.getCommandSpec().versionProvider() == null) {
            cl.getCommandSpec().versionProvider(version);
        }
        cl.getSubcommands().values().forEach(sub -> versionEverywhere(sub, version));
    }
}
