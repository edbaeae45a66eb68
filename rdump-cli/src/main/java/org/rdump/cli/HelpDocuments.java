package org.rdump.cli;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;
import org.rdump.api.RdumpApi;
import picocli.CommandLine;
import picocli.CommandLine.Model.OptionSpec;

/**
 * With {@code --json}, {@code --version}, {@code --help} and {@code help} print a document too
 * (docs/json.md), so that a script that always passes {@code --json} always reads JSON: the
 * version of rdump, of its API and of Java; or a command's usage text with its subcommands and
 * options as data. Without {@code --json} they print text, as picocli does.
 */
final class HelpDocuments {
    private HelpDocuments() {
    }

    /**
     * Prints the document for a {@code --version} or {@code --help} that {@code parse} asked for
     * (at any depth), and returns the exit code; null when it asked for neither.
     */
    static @Nullable Integer printIfRequested(RdumpCommand top, CommandLine.ParseResult parse) {
        for (CommandLine cl : parse.asCommandLineList()) {
            if (cl.isVersionHelpRequested()) {
                return version(top, cl);
            }
            if (cl.isUsageHelpRequested()) {
                return usage(top, cl, cl);
            }
        }
        return null;
    }

    /** The version document: {@code version: {rdump, api, java, javaVendor}}. */
    static int version(RdumpCommand top, CommandLine asked) {
        String v = RdumpCommand.class.getPackage().getImplementationVersion();
        Map<String, Object> version = new LinkedHashMap<>();
        version.put("rdump", v == null ? "dev" : v);
        version.put("api", RdumpApi.VERSION);
        version.put("java", Runtime.version().toString());
        version.put("javaVendor", String.valueOf(System.getProperty("java.vendor")));
        return JsonDocument.of(JsonErrors.name(asked)).put("version", version).print(top.out, 0);
    }

    /**
     * The help document of {@code target}, asked for by {@code asked} (itself, or the
     * {@code help} command): {@code help: {command, usage, subcommands, options}}.
     */
    static int usage(RdumpCommand top, CommandLine asked, CommandLine target) {
        Map<String, Object> help = new LinkedHashMap<>();
        help.put("command", JsonErrors.name(target));
        help.put("usage", target.getUsageMessage(CommandLine.Help.Ansi.OFF));
        List<Map<String, Object>> subs = new ArrayList<>();
        target.getSubcommands().forEach((name, sub) -> {
            Map<String, Object> s = new LinkedHashMap<>();
            s.put("name", name);
            String[] d = sub.getCommandSpec().usageMessage().description();
            s.put("description", d.length == 0 ? "" : d[0]);
            subs.add(s);
        });
        help.put("subcommands", subs);
        List<Map<String, Object>> options = new ArrayList<>();
        for (OptionSpec o : target.getCommandSpec().options()) {
            if (o.hidden()) {
                continue;
            }
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("names", List.of(o.names()));
            m.put("paramLabel", o.arity().max() == 0 ? null : o.paramLabel());
            m.put("description", String.join(" ", o.description()));
            options.add(m);
        }
        help.put("options", options);
        return JsonDocument.of(JsonErrors.name(asked)).put("help", help).print(top.out, 0);
    }
}
