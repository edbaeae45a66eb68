package org.rdump.cli;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import org.rdump.core.plugin.PluginInfo;
import org.rdump.core.plugin.PluginRegistry;
import picocli.CommandLine.Command;
import picocli.CommandLine.ParentCommand;

/** {@code rdump plugins}: every discovered provider. */
@Command(name = "plugins", mixinStandardHelpOptions = true,
        description = {"List every plugin: its SPI, id, version (the jar manifest's Implementation-Version) and"
                + " where it came from (built in, or the jar found on the plugin path).",
                "Exits 1 when a plugin jar failed to load (each is named on stderr with the cause)."})
final class PluginsCommand implements Callable<Integer> {
    @ParentCommand
    RdumpCommand top;

    @Override
    public Integer call() {
        PluginRegistry registry = top.plugins();
        List<PluginInfo> infos = registry.describe();
        int exit = registry.brokenProviders().isEmpty() ? ExitCode.OK : ExitCode.FAILED;
        if (top.json) {
            List<Map<String, Object>> out = new ArrayList<>();
            for (PluginInfo p : infos) {
                Map<String, Object> m = new LinkedHashMap<>();
                m.put("spi", p.spi());
                m.put("id", p.id());
                m.put("module", module(p));
                m.put("version", p.version());
                m.put("apiVersion", p.apiVersion());
                m.put("class", p.className());
                m.put("origin", p.origin());
                m.put("location", p.location());
                m.put("description", p.description());
                out.add(m);
            }
            return JsonDocument.of("plugins").put("plugins", out).put("broken", registry.brokenProviders())
                    .put("pluginPath", registry.path().directories().stream().map(Object::toString).toList())
                    .put("error", exit == ExitCode.OK ? null
                            : Map.of("type", "plugin", "message", String.join("; ", registry.brokenProviders())))
                    .print(top.out, exit);
        }
        List<List<String>> rows = new ArrayList<>();
        rows.add(List.of("SPI", "ID", "VERSION", "FROM", "DESCRIPTION"));
        for (PluginInfo p : infos) {
            rows.add(List.of(p.spi(), p.id(), p.version(), from(p), p.description()));
        }
        int[] width = new int[4];
        for (List<String> r : rows) {
            for (int i = 0; i < width.length; i++) {
                width[i] = Math.max(width[i], r.get(i).length());
            }
        }
        for (List<String> r : rows) {
            StringBuilder line = new StringBuilder();
            for (int i = 0; i < width.length; i++) {
                line.append(String.format("%-" + width[i] + "s  ", r.get(i)));
            }
            top.out.println(line.append(r.get(4)).toString().stripTrailing());
        }
        top.out.println("plugin path: " + registry.path().describe());
        return exit;
    }

    /** {@code built in (rdump-zfs)}, or the plugin jar's file name (the path is in the plugin path line). */
    static String from(PluginInfo p) {
        if (p.origin().equals(PluginInfo.BUILT_IN)) {
            return PluginInfo.BUILT_IN + " (" + module(p) + ")";
        }
        return java.nio.file.Path.of(p.origin()).getFileName().toString();
    }

    /** {@code org.rdump.zfs.X} comes from module {@code rdump-zfs}; other plugins show their jar. */
    static String module(PluginInfo p) {
        String cls = p.className();
        if (cls.startsWith("org.rdump.")) {
            String rest = cls.substring("org.rdump.".length());
            return "rdump-" + rest.substring(0, rest.indexOf('.'));
        }
        String loc = p.location();
        return loc.substring(loc.lastIndexOf('/') + 1);
    }
}
