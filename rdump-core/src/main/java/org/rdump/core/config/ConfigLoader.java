package org.rdump.core.config;

import java.io.IOException;
import java.io.Reader;
import java.io.StringReader;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;
import org.rdump.api.ConfigException;
import org.rdump.api.ConfigProblem;
import org.rdump.api.SettingsSchema;
import org.rdump.api.Strategy;
import org.rdump.core.guard.VolumeGuards;
import org.rdump.core.status.StatusThresholds;
import org.rdump.core.plugin.PluginRegistry;

/**
 * Reads and validates {@code rdump.yaml}. Every problem in the file is collected and reported
 * together, each with {@code file:line:column}, the key path and what is expected.
 *
 * <p>Top-level sections: {@code config} (the original's {@code borg:} wrapper script),
 * {@code tools} (named backup tool instances), {@code lock}, {@code scratch}, {@code on_error},
 * {@code ledger}, {@code metrics_file}, {@code ping}, {@code hooks}, {@code zfs}
 * (replication jobs), and one section per strategy id ({@code simple}, {@code lvm},
 * {@code zfs-volumes}...) listing its volumes.
 */
public final class ConfigLoader {
    /** Actions that name no tool: {@code snap} (the original's marker) and {@code rsure}. */
    public static final Set<String> BUILT_IN_ACTIONS = Set.of("snap", "rsure");
    /** The id of the integrity store used for the {@code rsure} action. */
    public static final String INTEGRITY_STORE = "rsure";
    /** The strategy that runs {@code zfs:} replication jobs (rdump-zfs). */
    public static final String REPLICATION_STRATEGY = "zfs";
    static final Pattern VOLUME_NAME = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._-]*");
    static final List<String> FIXED_SECTIONS = List.of("config", "tools", "lock", "scratch", "on_error", "ledger",
            "metrics_file", "ping", "hooks", "zfs");

    private final PluginRegistry registry;

    public ConfigLoader(PluginRegistry registry) {
        this.registry = registry;
    }

    /**
     * The keys a volume of {@code strategy} accepts besides {@code name} and {@code actions}: the
     * strategy's schema and, when it has a {@code mount}, core's guard keys ({@code mountpoint},
     * {@code max_shrink}; see {@link VolumeGuards#KEYS}). The config reference shows the same.
     */
    public static SettingsSchema volumeSchema(Strategy strategy) {
        return withStatusKeys(org.rdump.core.hook.Hooks.withKeys(VolumeGuards.schemaFor(strategy.schema()),
                true));
    }

    /** {@code schema} with the status thresholds ({@link StatusThresholds#KEYS}) every volume accepts. */
    static SettingsSchema withStatusKeys(SettingsSchema schema) {
        List<SettingsSchema.Key> keys = new ArrayList<>(schema.keys());
        for (SettingsSchema.Key k : StatusThresholds.KEYS) {
            if (schema.key(k.name()).isEmpty()) {
                keys.add(k);
            }
        }
        return new SettingsSchema(keys);
    }

    /**
     * Loads a configuration file.
     *
     * @throws ConfigException listing every problem, or saying the file cannot be read
     */
    public RdumpConfig load(Path file) {
        Path abs = file.toAbsolutePath().normalize();
        try {
            // The real file: one config reached through a symlink gets one lock and one journal.
            abs = abs.toRealPath();
        } catch (IOException e) {
            // reported below as missing or unreadable
        }
        String text;
        try {
            String tooLarge = ConfigText.tooLarge(Files.size(abs));
            if (tooLarge != null) {
                throw new ConfigException(abs.toString(), tooLarge);
            }
            text = ConfigText.decode(Files.readAllBytes(abs));
        } catch (ConfigText.NotTextException e) {
            throw new ConfigException(abs.toString(), e.getMessage());
        } catch (NoSuchFileException e) {
            throw new ConfigException(abs.toString(), "no such file; write one (see the README's config reference)"
                    + " or pass --config FILE");
        } catch (IOException e) {
            throw new ConfigException(abs.toString(), "cannot read: " + e.getMessage());
        }
        return parse(abs, new StringReader(text));
    }

    /** Parses configuration text as if read from {@code file} (relative paths resolve against its directory). */
    public RdumpConfig parse(Path file, Reader text) {
        Path abs = file.toAbsolutePath().normalize();
        List<ConfigProblem> problems = new ArrayList<>();
        String fileName = abs.getFileName().toString();
        String content;
        try {
            content = ConfigText.read(text);
        } catch (ConfigText.NotTextException e) {
            throw new ConfigException(abs.toString(), e.getMessage());
        } catch (IOException e) {
            throw new ConfigException(abs.toString(), "cannot read: " + e.getMessage());
        }
        ConfigProblem longLine = ConfigText.longLine(fileName, content);
        if (longLine != null) {
            throw new ConfigException(List.of(longLine));
        }
        YamlTree tree;
        try {
            tree = YamlTree.parse(fileName, new StringReader(content), problems);
        } catch (YamlTree.YamlSyntaxException e) {
            throw new ConfigException(e.problems());
        }
        Path base = abs.getParent() == null ? Path.of("/") : abs.getParent();
        RdumpConfig config = new ConfigReading(registry, tree, base, abs, problems).read();
        if (!problems.isEmpty()) {
            throw new ConfigException(problems);
        }
        return config;
    }

}
