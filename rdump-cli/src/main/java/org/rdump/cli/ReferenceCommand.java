package org.rdump.cli;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import org.rdump.api.BackupTool;
import org.rdump.api.SettingsSchema;
import org.rdump.api.SettingsSchema.Key;
import org.rdump.api.Strategy;
import org.rdump.core.plugin.PluginRegistry;
import picocli.CommandLine.Command;
import picocli.CommandLine.ParentCommand;

/**
 * {@code rdump config-reference}: the configuration reference as Markdown, generated from the
 * schemas of the plugins on the class path (the README's reference is this command's output).
 */
@Command(name = "config-reference", mixinStandardHelpOptions = true,
        description = "Print the configuration reference (Markdown) for the plugins found.")
final class ReferenceCommand implements Callable<Integer> {
    @ParentCommand
    RdumpCommand top;

    @Override
    public Integer call() {
        PluginRegistry r = top.plugins();
        List<String> out = new ArrayList<>();
        for (Strategy s : r.all(Strategy.class)) {
            out.add("#### `" + s.id() + ":` volumes (strategy `" + s.id() + "`)");
            out.add("");
            out.add(s.description() + ".");
            out.add("");
            List<Key> keys = new ArrayList<>();
            keys.add(Key.required("name", SettingsSchema.Type.STRING,
                    "unique volume name (letters, digits, `.`, `_`, `-`); used in archive and snapshot names"));
            keys.add(Key.required("actions", SettingsSchema.Type.STRING_LIST,
                    "`rsure` (keep the manifest), `snap` (accepted as in the original), and names of tools"));
            keys.addAll(org.rdump.core.config.ConfigLoader.volumeSchema(s).keys());
            table(out, "", keys);
        }
        for (org.rdump.api.SnapshotProvider p : r.all(org.rdump.api.SnapshotProvider.class)) {
            out.add("#### `snapshots:` volumes with `provider: " + p.id() + "`");
            out.add("");
            out.add(p.description() + "." + (p.settingsSchema().keys().isEmpty()
                    ? " No settings of its own." : " Its own settings, next to the keys above:"));
            out.add("");
            if (!p.settingsSchema().keys().isEmpty()) {
                table(out, "", p.settingsSchema().keys());
            }
        }
        for (BackupTool t : r.all(BackupTool.class)) {
            out.add("#### tool `type: " + t.id() + "`");
            out.add("");
            out.add(t.description() + ".");
            out.add("");
            if (!t.schema().keys().isEmpty()) { // a tool with no keys is one rdump uses by itself
                table(out, "", t.schema().keys());
            }
        }
        out.add("#### `ping:` (top level)");
        out.add("");
        out.add("Health-check pings of backup runs (see \"Proof over time\").");
        out.add("");
        table(out, "", org.rdump.core.monitor.PingSettings.SCHEMA.keys());
        out.add("#### `hooks:` (top level, in each volume and replication job)");
        out.add("");
        out.add("Commands run before and after the run, or a volume's backup (see \"Hooks and dumps\").");
        out.add("");
        table(out, "", org.rdump.core.hook.HookSettings.SCHEMA.keys());
        out.add("#### `dump:` entries (in each volume)");
        out.add("");
        out.add("Commands whose standard output is written into the volume's live tree before its snapshot (see"
                + " \"Hooks and dumps\").");
        out.add("");
        table(out, "", org.rdump.core.hook.DumpSpec.SCHEMA.keys());
        if (top.json) {
            return JsonDocument.of("config-reference").put("markdown", String.join("\n", out) + "\n")
                    .print(top.out, ExitCode.OK);
        }
        out.forEach(top.out::println);
        return ExitCode.OK;
    }

    private static void table(List<String> out, String prefix, List<Key> keys) {
        if (prefix.isEmpty()) {
            out.add("| key | type | required | default | meaning |");
            out.add("|---|---|---|---|---|");
        }
        for (Key k : keys) {
            String type = k.choices().isEmpty() ? k.type().name().toLowerCase(java.util.Locale.ROOT).replace('_', ' ')
                    : String.join(" \\| ", k.choices());
            out.add("| `" + prefix + k.name() + "` | " + type + " | " + (k.required() ? "yes" : "no") + " | "
                    + (k.defaultValue() == null ? "" : "`" + k.defaultValue() + "`") + " | "
                    + k.description().replace("|", "\\|") + " |");
            if (k.nested() != null && k != org.rdump.core.hook.Hooks.HOOKS_KEY && k != org.rdump.core.hook.Hooks.DUMP_KEY) {
                table(out, prefix + k.name() + (k.type() == SettingsSchema.Type.OBJECT_LIST ? "[]." : "."),
                        k.nested().keys());
            }
        }
        if (prefix.isEmpty()) {
            out.add("");
        }
    }
}
