package org.rdump.cli;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import org.jspecify.annotations.Nullable;
import org.rdump.core.Rdump;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;

/** {@code rdump verify [NAME...] [--archive STAMP] [--tool NAME]}: test restores. */
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

    @Parameters(paramLabel = "NAME", arity = "0..*", description = "Volumes to verify.")
    List<String> names = new ArrayList<>();

    @Override
    public Integer call() {
        ConsoleListener listener = top.listener();
        Rdump rdump = top.rdump(listener);
        Rdump.PlannedRun run = rdump.verify(names, archive, tool);
        if (dryRun) {
            int code = DryRunOutput.print(top, "verify", rdump, run.dryRunResult(), false);
            return top.json ? code : ExitCode.OK; // the text form has always exited 0
        }
        org.rdump.core.run.RunResult r;
        try (Keepalive alive = listener.keepalive()) {
            r = run.run();
        }
        return Summary.finish(top, "verify", r);
    }
}
