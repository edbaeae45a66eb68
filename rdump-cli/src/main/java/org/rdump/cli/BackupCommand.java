package org.rdump.cli;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import org.rdump.core.Rdump;
import org.rdump.core.run.RunResult;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;

/** {@code rdump backup [-n] [--verify] [--allow-shrink NAME]... [NAME...]}. */
@Command(name = "backup", mixinStandardHelpOptions = true,
        description = "Back up the named volumes (all when none are named): stamp, snapshot, mount, manifest,"
                + " backup tools, mirrors; then undo what was set up.")
final class BackupCommand implements Callable<Integer> {
    @ParentCommand
    RdumpCommand top;

    @Option(names = {"-n", "--dry-run"}, description = "Print every step and the exact commands; run nothing.")
    boolean dryRun;

    @Option(names = "--verify", description = "After the backups, restore each one and check it against its manifest.")
    boolean verify;

    @Option(names = "--allow-shrink", paramLabel = "VOLUME", description = "Let VOLUME's new manifest lose more"
            + " than its max_shrink of the files or bytes of the previous version in this run (repeatable).")
    List<String> allowShrink = new ArrayList<>();

    @Parameters(paramLabel = "NAME", arity = "0..*", description = "Volumes to back up.")
    List<String> names = new ArrayList<>();

    @Override
    public Integer call() {
        ConsoleListener listener = top.listener();
        Rdump rdump = top.rdump(listener);
        Rdump.PlannedRun run = rdump.backup(names, verify, new java.util.LinkedHashSet<>(allowShrink));
        if (dryRun) {
            return DryRunOutput.print(top, "backup", rdump, run.dryRunResult(), true);
        }
        RunResult r;
        try (Keepalive alive = listener.keepalive()) {
            r = run.run();
        }
        return Summary.finish(top, "backup", r);
    }
}
