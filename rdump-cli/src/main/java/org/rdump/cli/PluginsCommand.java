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
        description = "List every discovered plugin: its SPI, id, module, version and origin.")
final class PluginsCommand implements Callable<Integer> {
    @ParentCommand
    RdumpCommand top;

    @Override
    public Integer call() {
        PluginRegistry registry = RdumpCommand.plugins();
        List<PluginInfo> infos = registry.describe();
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
                m.put("location", p.location());
                m.put("description", p.description());
                out.add(m);
            }
            return JsonDocument.of("plugins").put("plugins", out).put("broken", registry.brokenProviders())
                    .print(top.out, ExitCode.OK);
        }
        top.out.println(String.format("%-17s %-12s %-16s %-15s %s", "SPI", "ID", "MODULE", "VERSION", "DESCRIPTION"));
        for (PluginInfo p : infos) {
            top.out.println(String.format("%-17s %-12s %-16s %-15s %s", p.spi(), p.id(), module(p), p.version(),
                    p.description()));
        }
        if (!infos.isEmpty()) {
            top.out.println("loaded from " + String.join(", ", infos.stream().map(PluginInfo::location).distinct().toList()));
        }
        registry.brokenProviders().forEach(b -> top.err.println("rdump: warning: " + b));
        return ExitCode.OK;
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
