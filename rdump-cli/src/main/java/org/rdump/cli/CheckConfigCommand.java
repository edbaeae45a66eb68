package org.rdump.cli;

import org.rdump.api.support.Plural;
import java.util.List;
import java.util.concurrent.Callable;
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
}
