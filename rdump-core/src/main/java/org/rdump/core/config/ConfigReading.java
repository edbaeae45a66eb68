package org.rdump.core.config;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;
import org.rdump.api.BackupTool;
import org.rdump.api.ConfigException;
import org.rdump.api.ConfigProblem;
import org.rdump.api.IntegrityStore;
import org.rdump.api.Plugin;
import org.rdump.api.Settings;
import org.rdump.api.SettingsSchema;
import org.rdump.api.SettingsSchema.Key;
import org.rdump.api.SettingsSchema.Type;
import org.rdump.api.SnapshotProvider;
import org.rdump.api.Strategy;
import org.rdump.api.ToolTarget;
import org.rdump.core.guard.VolumeGuards;
import org.rdump.core.hook.DumpSpec;
import org.rdump.core.hook.HookSettings;
import org.rdump.core.hook.Hooks;
import org.rdump.core.run.StepRunner;
import org.rdump.api.VolumeSpec;
import org.rdump.core.plugin.PluginRegistry;
import org.rdump.core.snapshots.SnapshotsStrategy;

/**
 * One reading of a configuration's YAML tree into an {@link RdumpConfig}: every section, tool and
 * volume checked against its schema, every problem collected (with its position) instead of
 * stopping at the first. Used once, by {@link ConfigLoader}.
 */
final class ConfigReading {
    private final PluginRegistry registry;
    private final YamlTree tree;
    private final Path base;
    private final Path file;
    private final List<ConfigProblem> problems;
    private final SchemaChecker checker;

    ConfigReading(PluginRegistry registry, YamlTree tree, Path base, Path file, List<ConfigProblem> problems) {
        this.registry = registry;
        this.tree = tree;
        this.base = base;
        this.file = file;
        this.problems = problems;
        this.checker = new SchemaChecker(tree, base, problems);
    }

    RdumpConfig read() {
        Object root = tree.root();
        Map<String, Object> top = Map.of();
        if (root instanceof Map<?, ?> m) {
            top = SchemaChecker.stringKeys(m);
        } else if (root != null) {
            checker.problem("", "expected a mapping of sections (simple:, lvm:, tools:...), found "
                    + SchemaChecker.describe(root));
        }
        Map<String, ToolTarget> tools = readTools(top);
        List<VolumeSpec> volumes = new ArrayList<>();
        Map<String, String> seen = new HashMap<>();
        for (Map.Entry<String, Object> e : top.entrySet()) {
            String section = e.getKey();
            if (ConfigLoader.FIXED_SECTIONS.contains(section)) {
                continue;
            }
            if (!registry.has(Strategy.class, section)) {
                List<String> known = new ArrayList<>(ConfigLoader.FIXED_SECTIONS);
                registry.all(Strategy.class).stream().map(Strategy::id).filter(id -> !known.contains(id))
                        .forEach(known::add);
                checker.problem(section, "unknown section '" + section + "'" + SchemaChecker.suggestion(section, known)
                        + "; expected one of: " + String.join(", ", known)
                        + hint(section));
                continue;
            }
            readVolumes(section, e.getValue(), registry.get(Strategy.class, section), tools, volumes, seen);
        }
        List<ReplicationJob> jobs = readReplications(top.get("zfs"), volumes, seen);
        if (volumes.isEmpty() && problems.isEmpty() && jobs.isEmpty()) {
            checker.problem("", "no volumes configured; add a section such as 'simple:' with at least one volume");
        }
        Path lock = optionalPath(top, "lock", base.resolve("." + file.getFileName() + ".lock"));
        Path scratch = optionalPath(top, "scratch", Path.of(System.getProperty("java.io.tmpdir")));
        Path ledger = optionalPath(top, "ledger", org.rdump.core.ledger.Ledger.beside(lock));
        Path metrics = top.get("metrics_file") == null ? null : optionalPath(top, "metrics_file", base);
        return new RdumpConfig(file, tools, volumes, jobs, lock, scratch, onError(top.get("on_error")), ledger,
                metrics, ping(top.get("ping")), hooks(top.get(HookSettings.KEY)));
    }

    /** The run's own {@code hooks:}. */
    private HookSettings hooks(@Nullable Object v) {
        if (v == null) {
            return HookSettings.NONE;
        }
        if (!(v instanceof Map<?, ?> m)) {
            checker.problem(HookSettings.KEY, "expected a mapping such as 'before_backup: [[systemctl, stop, app]]',"
                    + " found " + SchemaChecker.describe(v));
            return HookSettings.NONE;
        }
        int before = problems.size();
        Map<String, Object> checked = checker.check(HookSettings.KEY, SchemaChecker.stringKeys(m), HookSettings.SCHEMA,
                List.of());
        if (problems.size() != before) {
            return HookSettings.NONE;
        }
        try {
            return HookSettings.of(new Settings("", Map.of(HookSettings.KEY, checked), tree::position));
        } catch (ConfigException e) {
            problems.addAll(e.problems());
            return HookSettings.NONE;
        }
    }

    private org.rdump.core.monitor.@Nullable PingSettings ping(@Nullable Object v) {
        if (v == null) {
            return null;
        }
        if (!(v instanceof Map<?, ?> m)) {
            checker.problem("ping", "expected a mapping such as 'url: https://hc-ping.com/UUID', found "
                    + SchemaChecker.describe(v));
            return null;
        }
        int before = problems.size();
        Map<String, Object> checked = checker.check("ping", SchemaChecker.stringKeys(m),
                org.rdump.core.monitor.PingSettings.SCHEMA, List.of());
        if (problems.size() != before) {
            return null;
        }
        return org.rdump.core.monitor.PingSettings.read(checked,
                (key, message) -> checker.problem(key.isEmpty() ? "ping" : "ping." + key, message)).orElse(null);
    }

    private String hint(String section) {
        String h = registry.unknownMessage(Strategy.class, section);
        int i = h.indexOf(" (provided by");
        return i < 0 ? "" : h.substring(i);
    }

    private StepRunner.OnError onError(Object v) {
        if (v == null || "continue".equals(v)) {
            return StepRunner.OnError.CONTINUE;
        }
        if ("stop".equals(v)) {
            return StepRunner.OnError.STOP;
        }
        checker.problem("on_error", "expected 'continue' (a failed volume does not stop the others) or 'stop',"
                + " found " + SchemaChecker.describe(v));
        return StepRunner.OnError.CONTINUE;
    }

    private Path optionalPath(Map<String, Object> top, String key, Path fallback) {
        Object v = top.get(key);
        if (v == null) {
            return fallback;
        }
        if (!(v instanceof String s) || s.isBlank()) {
            checker.problem(key, "expected a path for '" + key + "', found " + SchemaChecker.describe(v));
            return fallback;
        }
        return base.resolve(s).normalize();
    }

    private Map<String, ToolTarget> readTools(Map<String, Object> top) {
        Map<String, ToolTarget> tools = new LinkedHashMap<>();
        Object config = top.get("config");
        if (config != null) {
            SettingsSchema legacy = SettingsSchema.of(Key.optional("borg", Type.PATH, null,
                    "the original rdump's borg wrapper script (sets BORG_REPO and the passphrase, then runs borg)"));
            if (config instanceof Map<?, ?> m) {
                Map<String, Object> checked = checker.check("config", SchemaChecker.stringKeys(m), legacy, List.of());
                if (checked.get("borg") != null) {
                    if (registry.has(BackupTool.class, "borg")) {
                        Map<String, Object> s = new LinkedHashMap<>();
                        s.put("wrapper", checked.get("borg"));
                        tools.put("borg", new ToolTarget("borg", "borg", settings("config", s)));
                    } else {
                        checker.problem("config.borg", registry.unknownMessage(BackupTool.class, "borg"));
                    }
                }
            } else {
                checker.problem("config", "expected a mapping such as 'borg: /path/to/borg.sh', found "
                        + SchemaChecker.describe(config));
            }
        }
        Object section = top.get("tools");
        if (section == null) {
            return tools;
        }
        if (!(section instanceof Map<?, ?> m)) {
            checker.problem("tools", "expected a mapping of tool names to settings, found "
                    + SchemaChecker.describe(section));
            return tools;
        }
        for (Map.Entry<String, Object> e : SchemaChecker.stringKeys(m).entrySet()) {
            String name = e.getKey();
            String where = "tools." + name;
            if (!ConfigLoader.VOLUME_NAME.matcher(name).matches() || ConfigLoader.BUILT_IN_ACTIONS.contains(name)) {
                checker.problem(where, "'" + name + "' cannot name a tool: use letters, digits, '.', '_', '-',"
                        + " and not 'snap' or 'rsure'");
                continue;
            }
            if (tools.containsKey(name)) {
                checker.problem(where, "tool '" + name + "' is defined twice (also by 'config: borg:'); rename one");
                continue;
            }
            if (!(e.getValue() instanceof Map<?, ?> tm)) {
                checker.problem(where, "expected a mapping with 'type' and the tool's settings, found "
                        + SchemaChecker.describe(e.getValue()));
                continue;
            }
            Map<String, Object> values = SchemaChecker.stringKeys(tm);
            Object type = values.get("type");
            if (!(type instanceof String t)) {
                checker.problem(where, "missing 'type': the backup tool's id (known: "
                        + String.join(", ", registry.all(BackupTool.class).stream().map(BackupTool::id).toList()) + ")");
                continue;
            }
            if (!registry.has(BackupTool.class, t)) {
                checker.problem(where + ".type", registry.unknownMessage(BackupTool.class, t));
                continue;
            }
            BackupTool tool = registry.get(BackupTool.class, t);
            Map<String, Object> checked = checker.check(where, values, tool.schema(), List.of("type"));
            checked.remove("type");
            ToolTarget target = new ToolTarget(name, t, settings(where, checked));
            validated(where, tool, () -> tool.validate(target));
            tools.put(name, target); // also when invalid: actions naming it are not reported as unknown
        }
        return tools;
    }

    private void readVolumes(String section, @Nullable Object value, Strategy strategy,
                             Map<String, ToolTarget> tools, List<VolumeSpec> volumes, Map<String, String> seen) {
        if (!(value instanceof List<?> list)) {
            checker.problem(section, "expected a list of volumes ('- name: ...'), found "
                    + SchemaChecker.describe(value));
            return;
        }
        for (int i = 0; i < list.size(); i++) {
            String where = section + "[" + i + "]";
            if (!(list.get(i) instanceof Map<?, ?> m)) {
                checker.problem(where, "expected a volume (a mapping with name, actions...), found "
                        + SchemaChecker.describe(list.get(i)));
                continue;
            }
            Map<String, Object> values = SchemaChecker.stringKeys(m);
            int before = problems.size();
            SettingsSchema schema = ConfigLoader.volumeSchema(strategy);
            @Nullable SnapshotProvider provider = null;
            if (strategy instanceof SnapshotsStrategy && values.get(SnapshotsStrategy.PROVIDER) == null) {
                checker.problem(where, "missing required key '" + SnapshotsStrategy.PROVIDER + "': the snapshot"
                        + " provider's id; known: " + String.join(", ", registry.all(SnapshotProvider.class).stream()
                        .map(SnapshotProvider::id).toList()));
                continue;
            }
            if (strategy instanceof SnapshotsStrategy generic
                    && values.get(SnapshotsStrategy.PROVIDER) instanceof String id) {
                if (!registry.has(SnapshotProvider.class, id)) {
                    checker.problem(where + "." + SnapshotsStrategy.PROVIDER,
                            registry.unknownMessage(SnapshotProvider.class, id));
                    continue;
                }
                provider = registry.get(SnapshotProvider.class, id);
                schema = Hooks.withKeys(VolumeGuards.schemaFor(generic.schema(provider)), true);
            }
            Map<String, Object> checked = checker.check(where, values, schema, List.of("name", "actions"));
            String name = volumeName(where, values.get("name"), seen);
            List<String> actions = actions(where, values.get("actions"), tools);
            if (problems.size() == before && name != null) {
                VolumeSpec volume = new VolumeSpec(name, strategy.id(), settings(where, checked), actions);
                @Nullable SnapshotProvider p = provider;
                if (validated(where, strategy, () -> strategy.validate(volume))
                        && (p == null || validated(where, strategy,
                                () -> ((SnapshotsStrategy) strategy).validate(volume, p)))
                        && validated(where, strategy, () -> VolumeGuards.check(volume))
                        && validated(where, strategy, () -> org.rdump.core.status.StatusThresholds.check(volume))
                        && (validated(where, strategy, () -> HookSettings.of(volume.settings())) // both reported
                                & validated(where, strategy, () -> DumpSpec.of(volume.settings())))) {
                    volumes.add(volume);
                }
            }
        }
    }

    private @Nullable String volumeName(String where, @Nullable Object v, Map<String, String> seen) {
        if (v == null) {
            checker.problem(where, "missing required key 'name' (a string: the volume's unique name)");
            return null;
        }
        if (!(v instanceof String name) || !ConfigLoader.VOLUME_NAME.matcher(name).matches()) {
            checker.problem(where + ".name", "expected a name of letters, digits, '.', '_' and '-' (it goes into"
                    + " archive and snapshot names), found " + SchemaChecker.describe(v));
            return null;
        }
        String first = seen.putIfAbsent(name, tree.position(where + ".name"));
        if (first != null) {
            checker.problem(where + ".name", "duplicate volume name '" + name + "' (first defined at " + first
                    + "); volume names must be unique across all sections");
            return null;
        }
        return name;
    }

    private List<String> actions(String where, @Nullable Object v, Map<String, ToolTarget> tools) {
        String path = where + ".actions";
        if (v == null) {
            checker.problem(where, "missing required key 'actions' (a list such as [rsure, borg])");
            return List.of();
        }
        if (!(v instanceof List<?> list)) {
            checker.problem(path, "expected a list such as [rsure, borg], found " + SchemaChecker.describe(v));
            return List.of();
        }
        List<String> out = new ArrayList<>();
        for (int i = 0; i < list.size(); i++) {
            Object a = list.get(i);
            String ap = path + "[" + i + "]";
            if (!(a instanceof String s)) {
                checker.problem(ap, "expected an action name, found " + SchemaChecker.describe(a));
                continue;
            }
            if (s.equals("rsure") && !registry.has(IntegrityStore.class, ConfigLoader.INTEGRITY_STORE)) {
                checker.problem(ap, registry.unknownMessage(IntegrityStore.class, ConfigLoader.INTEGRITY_STORE));
            } else if (!ConfigLoader.BUILT_IN_ACTIONS.contains(s) && !tools.containsKey(s)) {
                List<String> known = new ArrayList<>(ConfigLoader.BUILT_IN_ACTIONS.stream().sorted().toList());
                known.addAll(tools.keySet());
                checker.problem(ap, "unknown action '" + s + "'" + SchemaChecker.suggestion(s, known)
                        + "; expected snap, rsure or a tool defined under 'tools:'"
                        + (s.equals("borg") ? " (or 'config: borg: SCRIPT' as in the original rdump)" : "")
                        + "; defined tools: " + (tools.isEmpty() ? "none" : String.join(", ", tools.keySet())));
                continue;
            }
            out.add(s);
        }
        return out;
    }

    /**
     * The original's {@code zfs:} jobs. Each also becomes a volume of the {@code zfs} strategy (rdump-zfs's
     * replication) named after the job, so that {@code rdump backup} replicates after the snapshots are taken
     * and {@code rdump backup JOB} replicates one job.
     */
    private List<ReplicationJob> readReplications(@Nullable Object v, List<VolumeSpec> volumes,
                                                  Map<String, String> seen) {
        List<ReplicationJob> jobs = new ArrayList<>();
        if (v == null) {
            return jobs;
        }
        if (!(v instanceof List<?> list)) {
            checker.problem("zfs", "expected a list of replication jobs ('- NAME: {src: ..., dest: ...}'), found "
                    + SchemaChecker.describe(v));
            return jobs;
        }
        SettingsSchema end = SettingsSchema.of(
                Key.optional("host", Type.STRING, null, "the host, reached with ssh; absent for this machine"),
                Key.required("volume", Type.STRING, "the dataset, e.g. tank/home"),
                Key.optional("ssh", Type.STRING_LIST, null, "the ssh program and its options, before the host"));
        List<Key> jobKeys = new ArrayList<>(List.of(
                Key.object("src", true, "where the datasets come from", end),
                Key.object("dest", true, "where they are replicated to", end),
                Key.optional("exclude", Type.STRING_LIST, null, "regular expressions of datasets to leave out")));
        // and whatever more the replication plugin accepts (e.g. rdump-zfs's prune:)
        if (registry.has(Strategy.class, ConfigLoader.REPLICATION_STRATEGY)) {
            for (Key k : registry.get(Strategy.class, ConfigLoader.REPLICATION_STRATEGY).schema().keys()) {
                if (jobKeys.stream().noneMatch(j -> j.name().equals(k.name()))) {
                    jobKeys.add(k);
                }
            }
        }
        SettingsSchema job = ConfigLoader.withStatusKeys(Hooks.withKeys(new SettingsSchema(jobKeys), false));
        for (int i = 0; i < list.size(); i++) {
            String where = "zfs[" + i + "]";
            if (!(list.get(i) instanceof Map<?, ?> m) || m.size() != 1) {
                checker.problem(where, "expected a job as '- NAME: {src: {host, volume}, dest: {host, volume}}', found "
                        + SchemaChecker.describe(list.get(i)));
                continue;
            }
            var entry = m.entrySet().iterator().next();
            String name = String.valueOf(entry.getKey());
            String jw = where + "." + name;
            if (!(entry.getValue() instanceof Map<?, ?> jm)) {
                checker.problem(jw, "expected src: and dest:, found " + SchemaChecker.describe(entry.getValue()));
                continue;
            }
            int before = problems.size();
            Map<String, Object> checked = checker.check(jw, SchemaChecker.stringKeys(jm), job, List.of());
            if (problems.size() != before) {
                continue;
            }
            Settings s = settings(jw, checked);
            Settings src = s.child("src").orElseThrow();
            Settings dest = s.child("dest").orElseThrow();
            for (String re : s.strings("exclude")) {
                try {
                    Pattern.compile(re);
                } catch (java.util.regex.PatternSyntaxException e) {
                    checker.problem(jw + ".exclude", "not a regular expression: '" + re + "': " + e.getDescription());
                }
            }
            jobs.add(new ReplicationJob(name, src.optionalString("host").orElse(null), src.string("volume"),
                    dest.optionalString("host").orElse(null), dest.string("volume"), s.strings("exclude"), s));
            if (volumeName(jw, name, seen) == null) {
                continue;
            }
            if (registry.has(Strategy.class, ConfigLoader.REPLICATION_STRATEGY)) {
                Strategy replication = registry.get(Strategy.class, ConfigLoader.REPLICATION_STRATEGY);
                VolumeSpec volume = new VolumeSpec(name, ConfigLoader.REPLICATION_STRATEGY, s, List.of());
                if (validated(jw, replication, () -> replication.validate(volume))
                        && validated(jw, replication, () -> HookSettings.of(volume.settings()))) {
                    volumes.add(volume);
                }
            } else {
                checker.problem(jw, registry.unknownMessage(Strategy.class, ConfigLoader.REPLICATION_STRATEGY));
            }
        }
        return jobs;
    }

    /**
     * Runs a plugin's own check of settings; its problems join the others. A plugin that fails
     * otherwise (a bug) is reported as a problem too, so that no stack trace reaches the user.
     */
    private boolean validated(String where, Plugin plugin, Runnable check) {
        try {
            check.run();
            return true;
        } catch (ConfigException e) {
            problems.addAll(e.problems());
        } catch (RuntimeException e) {
            checker.problem(where, "the '" + plugin.id() + "' plugin (" + plugin.getClass().getName()
                    + ") failed while checking these settings: " + e
                    + "; this is a bug in the plugin, please report it");
        }
        return false;
    }

    private Settings settings(String where, Map<String, Object> values) {
        return new Settings(where, values, key -> tree.position(where + "." + key));
    }
}
