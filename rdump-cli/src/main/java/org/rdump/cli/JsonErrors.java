package org.rdump.cli;

import java.util.Arrays;
import java.util.List;
import picocli.CommandLine;

/**
 * With {@code --json}, a command that fails before it can write its own document still prints
 * one: {@code schema}, {@code command}, {@code exitCode} and {@code error} (docs/json.md). The
 * message goes to standard error as without {@code --json}.
 */
final class JsonErrors {
    private JsonErrors() {
    }

    /** Whether {@code --json} was asked for, also when the command line did not parse. */
    static boolean wanted(RdumpCommand top, String... args) {
        List<String> a = Arrays.asList(args);
        int end = a.indexOf("--");
        return top.json || (end < 0 ? a : a.subList(0, end)).contains("--json");
    }

    /** Prints the error document for {@code e}, raised by {@code commandLine}, and returns {@code exitCode}. */
    static int print(RdumpCommand top, CommandLine commandLine, Throwable e, int exitCode) {
        return JsonDocument.of(name(commandLine)).put("error", JsonRecords.error(e)).print(top.out, exitCode);
    }

    /** The sub-command's words without the program name ({@code sure check}); empty for {@code rdump} itself. */
    static String name(CommandLine commandLine) {
        String q = commandLine.getCommandSpec().qualifiedName(" ");
        int space = q.indexOf(' ');
        return space < 0 ? "" : q.substring(space + 1);
    }
}
