package org.rdump.cli;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import org.rdump.api.support.Plural;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import org.jspecify.annotations.Nullable;
import org.rdump.api.ConfigException;
import org.rdump.api.PreflightException;
import org.rdump.api.PreflightProblem;
import org.rdump.api.VolumeSpec;
import org.rdump.core.Rdump;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;

/** {@code rdump check-config}: validate the configuration and show what it defines. */
@Command(name = "check-config", mixinStandardHelpOptions = true,
        description = "Validate the configuration (every problem at once, with positions) and list its volumes.")
final class CheckConfigCommand implements Callable<Integer> {
    @ParentCommand
    RdumpCommand top;

    @Option(names = "--preflight", description = "Also check, changing nothing, what would make a backup fail"
            + " (programs, repositories, destinations, datasets); exits 3 listing every problem.")
    boolean preflight;

    @Override
    public Integer call() {
        if (top.json) {
            return json();
        }
        Rdump rdump = top.rdump(top.listener());
        var c = rdump.config();
        top.out.println(c.file() + ": valid");
        for (VolumeSpec v : c.volumes()) {
            top.out.println("  volume " + v.name() + " (" + v.strategy() + "): actions " + String.join(", ", v.actions()));
        }
        c.tools().values().forEach(t -> top.out.println("  tool " + t.name() + " (" + t.tool() + ")"));
        c.replications().forEach(j -> top.out.println("  zfs replication " + j.name() + ": "
                + j.source().map(h -> h + ":").orElse("") + j.srcVolume() + " -> "
                + j.destination().map(h -> h + ":").orElse("") + j.destVolume()));
        top.out.println("  lock " + c.lockFile());
        if (!preflight) {
            return ExitCode.OK;
        }
        List<PreflightProblem> problems = rdump.backup(List.of(), false).preflight();
        if (problems.isEmpty()) {
            top.out.println("pre-flight: no problems");
            return ExitCode.OK;
        }
        top.out.println("pre-flight: " + Plural.of(problems.size(), "problem") + ":");
        problems.forEach(p -> top.out.println("  " + p));
        return ExitCode.CONFIG;
    }

    /** The JSON document, on standard output whether the configuration is valid or not. */
    private int json() {
        JsonDocument doc = JsonDocument.of("check-config");
        Rdump rdump;
        try {
            rdump = top.rdump(top.quietListener());
        } catch (ConfigException e) {
            top.err.println("rdump: " + ConsoleListener.firstLine(String.valueOf(e.getMessage())));
            String file = e.problems().get(0).file();
            return doc.put("file", file).put("valid", false)
                    .put("problems", e.problems().stream().map(JsonRecords::configProblem).toList())
                    .put("error", JsonRecords.error(e)).print(top.out, ExitCode.CONFIG);
        }
        var c = rdump.config();
        doc.put("file", c.file().toString()).put("valid", true).put("problems", List.of());
        List<Map<String, Object>> volumes = new ArrayList<>();
        for (VolumeSpec v : c.volumes()) {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("name", v.name());
            m.put("strategy", v.strategy());
            m.put("actions", v.actions());
            volumes.add(m);
        }
        doc.put("volumes", volumes);
        doc.put("tools", c.tools().values().stream().map(t -> Map.of("name", t.name(), "type", t.tool())).toList());
        List<Map<String, @Nullable Object>> replications = new ArrayList<>();
        c.replications().forEach(j -> {
            Map<String, @Nullable Object> m = new LinkedHashMap<>();
            m.put("name", j.name());
            m.put("sourceHost", j.source().orElse(null));
            m.put("source", j.srcVolume());
            m.put("destinationHost", j.destination().orElse(null));
            m.put("destination", j.destVolume());
            replications.add(m);
        });
        doc.put("replications", replications);
        doc.put("lock", c.lockFile().toString());
        if (!preflight) {
            return doc.put("preflight", null).print(top.out, ExitCode.OK);
        }
        List<PreflightProblem> problems = rdump.backup(List.of(), false).preflight();
        doc.put("preflight", problems.stream().map(JsonRecords::preflight).toList());
        if (!problems.isEmpty()) {
            PreflightException e = new PreflightException(problems);
            doc.put("error", JsonRecords.error(e));
            return doc.print(top.out, ExitCode.CONFIG);
        }
        return doc.print(top.out, ExitCode.OK);
    }
}
