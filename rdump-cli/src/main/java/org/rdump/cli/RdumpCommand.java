package org.rdump.cli;

import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.jspecify.annotations.Nullable;
import org.rdump.api.ConfigException;
import org.rdump.api.RdumpApi;
import org.rdump.core.Rdump;
import org.rdump.core.plugin.PluginPath;
import org.rdump.core.plugin.PluginRegistry;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * The {@code rdump} command's global options and attributes, without sub-commands: {@link All} is
 * the whole command, {@link SureOnly} the one {@code Main} builds for {@code rdump sure ...}
 * (picocli's model of the other commands costs a fresh JVM ~150 ms of CPU that {@code sure} does
 * not need). The sub-commands are on the subclasses so that both share this one definition.
 */
@Command(name = "rdump", mixinStandardHelpOptions = true, versionProvider = RdumpCommand.Version.class,
        modelTransformer = VerboseOptions.class,
        description = "System backups driven in a safe order (snapshots, manifests, borg/rsync), proven by test"
                + " restores.",
        footer = {"", "Exit codes: 0 ok, 1 run failed, 2 usage, 3 config error, 4 lock held, 5 differences found,"
                + " 130 interrupted (SIGINT), 143 terminated (SIGTERM). 'status --check' exits 0 OK, 1 WARNING,"
                + " 2 CRITICAL, 3 UNKNOWN."})
public class RdumpCommand {
    /** The whole {@code rdump} command, with every sub-command (man pages, completion, every command but sure). */
    @Command(subcommands = {BackupCommand.class, VerifyCommand.class, StatusCommand.class, ListCommand.class,
            RestoreCommand.class, RecoverCommand.class, SureCommand.class, ZfsCommand.class, PluginsCommand.class,
            CheckConfigCommand.class, ReferenceCommand.class, SystemdCommand.class, HelpCommand.class})
    static final class All extends RdumpCommand {
    }

    /** {@code rdump} with only its {@code sure} sub-command: what {@code rdump sure ...} parses with. */
    @Command(subcommands = SureCommand.class)
    static final class SureOnly extends RdumpCommand {
    }

    /** Only the subclasses are commands. */
    RdumpCommand() {
    }

    static final Path LOCAL_CONFIG = Path.of("rdump.yaml");
    static final Path SYSTEM_CONFIG = Path.of("/etc/rdump/rdump.yaml");

    @Option(names = "--config", paramLabel = "FILE",
            description = "The configuration (default: ./rdump.yaml, then /etc/rdump/rdump.yaml).")
    @Nullable Path config;

    // also after the command word (rdump backup -v): VerboseOptions adds a copy to every command
    @Option(names = {"-v", "--verbose"}, description = "More detail in the log (-v info, -vv debug and stack"
            + " traces); before or after the command word ('--verbose' after 'sure', whose -v N is rsure's).")
    boolean[] verbose = new boolean[0];

    /** The -v/--verbose counts given after command words (VerboseOptions). */
    final List<java.util.function.IntSupplier> verboseAfterCommands = new ArrayList<>();

    // INHERIT: accepted before the command word and after it (rdump backup --json), same field
    @Option(names = "--json", scope = CommandLine.ScopeType.INHERIT,
            description = "Print one JSON document on stdout (schema rdump/1, see docs/json.md),"
            + " also when the command fails; before or after the command word.")
    boolean json;

    @Option(names = "--plugin-path", paramLabel = "DIR[:DIR]",
            description = "Load plugin jars from these directories first, then from $RDUMP_PLUGIN_PATH,"
                    + " /usr/lib/rdump/plugins and ~/.local/share/rdump/plugins.")
    @Nullable String pluginPath;

    private @Nullable PluginRegistry registry;

    PrintStream out = new RedactingPrintStream(System.out);
    PrintStream err = new RedactingPrintStream(System.err);

    /** How many -v were given, before and after the command words ({@code -v backup -v} is 2). */
    int verbosity() {
        return verbose.length + verboseAfterCommands.stream().mapToInt(java.util.function.IntSupplier::getAsInt).sum();
    }

    /** The configuration file to use. */
    Path configFile() {
        if (config != null) {
            return config;
        }
        if (Files.exists(LOCAL_CONFIG)) {
            return LOCAL_CONFIG;
        }
        if (Files.exists(SYSTEM_CONFIG)) {
            return SYSTEM_CONFIG;
        }
        throw new ConfigException(LOCAL_CONFIG.toAbsolutePath().toString(),
                "no configuration: neither ./rdump.yaml nor /etc/rdump/rdump.yaml exists; pass --config FILE");
    }

    /** The listener of a run: step lines, and progress on stderr (live on a terminal, else a keepalive line). */
    ConsoleListener listener() {
        return new ConsoleListener(out, err, Terminal.isStderr(), json, Keepalive.interval(System.getenv(), err));
    }

    /** Progress and warnings only (for commands whose stdout has a fixed format). */
    ConsoleListener quietListener() {
        return new ConsoleListener(out, err, Terminal.isStderr(), true);
    }

    Rdump rdump(ConsoleListener listener) {
        return Rdump.builder().config(configFile()).plugins(plugins()).listener(listener).handleSignals(true).build();
    }

    /** The jar's version and the API version. */
    static final class Version implements CommandLine.IVersionProvider {
        @Override
        public String[] getVersion() {
            String v = RdumpCommand.class.getPackage().getImplementationVersion();
            List<String> lines = new ArrayList<>();
            lines.add("rdump " + (v == null ? "dev" : v) + " (rdump-api " + RdumpApi.VERSION + ")");
            lines.add("Java " + Runtime.version() + " (" + System.getProperty("java.vendor") + ")");
            return lines.toArray(String[]::new);
        }
    }

    /** The built-in providers and those of the plugin path; a jar that failed to load is reported once. */
    PluginRegistry plugins() {
        if (registry == null) {
            registry = PluginRegistry.discover(PluginPath.standard(pluginPath));
            registry.brokenProviders().forEach(b -> err.println("rdump: error: " + b));
        }
        return registry;
    }
}
