package org.rdump.cli;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import org.jspecify.annotations.Nullable;
import org.rdump.core.Rdump;
import org.rdump.core.sample.SampleSize;
import org.rdump.core.sample.SampleStep;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;

/** {@code rdump verify [NAME...] [--archive STAMP] [--tool NAME] [--sample N|P%]}: test restores, whole or sampled. */
@Command(name = "verify", mixinStandardHelpOptions = true,
        description = "Restore the newest (or the named) backup of each volume into a scratch directory and check"
                + " it file by file against the manifest that went into it. Exits 5 on any difference.")
final class VerifyCommand implements Callable<Integer> {
    @ParentCommand
    RdumpCommand top;

    @Option(names = "--archive", paramLabel = "STAMP", description = "The backup to verify instead of the newest:"
            + " its run stamp (or a tool's own archive name).")
    @Nullable String archive;

    @Option(names = "--tool", paramLabel = "NAME", description = "Verify only the backups in this tool instance.")
    @Nullable String tool;

    @Option(names = {"-n", "--dry-run"}, description = "Print what would be restored and checked; run nothing.")
    boolean dryRun;

    @Option(names = "--sample", paramLabel = "N|P%", description = "Restore and check only the next N entries (or"
            + " P percent, rounded up) of each backup, continuing the cycle the ledger records, so that successive"
            + " runs check every entry once before any repeats; 100%% is a full test restore.")
    @Nullable String sample;

    @Spec
    CommandSpec spec;

    @Parameters(paramLabel = "NAME", arity = "0..*", description = "Volumes to verify.")
    List<String> names = new ArrayList<>();

    @Override
    public Integer call() {
        SampleSize size = null;
        if (sample != null) {
            try {
                size = SampleSize.parse(sample);
            } catch (IllegalArgumentException e) {
                throw new ParameterException(spec.commandLine(), e.getMessage(), e);
            }
        }
        ConsoleListener listener = top.listener();
        Rdump rdump = top.rdump(listener);
        Rdump.PlannedRun run = rdump.verify(names, archive, tool, size);
        if (dryRun) {
            int code = DryRunOutput.print(top, "verify", rdump, run.dryRunResult(), false);
            return top.json ? code : ExitCode.OK; // the text form has always exited 0
        }
        org.rdump.core.run.RunResult r;
        try (Keepalive alive = listener.keepalive()) {
            r = run.run();
        }
        if (size == null || size.everything()) {
            return Summary.finish(top, "verify", r);
        }
        List<SampleStep> samples = run.steps().stream().filter(SampleStep.class::isInstance)
                .map(SampleStep.class::cast).toList();
        return Summary.finish(top, "verify", r, doc -> doc.put("samples", samples.stream()
                .map(JsonRecords::sample).toList()));
    }
}
