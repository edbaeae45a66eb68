package org.rdump.cli;

import java.nio.file.Path;
import java.time.Instant;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import org.jspecify.annotations.Nullable;
import org.rdump.core.Rdump;
import org.rdump.core.restore.RestoreRequest;
import org.rdump.core.restore.RestoreTime;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

/**
 * {@code rdump restore VOLUME (--to DIR [--overwrite] | --in-place [--delete]) [--tool T]
 * [--archive STAMP | --at TIME] [--path P]... [--dry-run]}.
 */
@Command(name = "restore", mixinStandardHelpOptions = true,
        description = "Restore a backup of VOLUME (the newest, the one --archive names, or the newest at or before"
                + " --at), or only the --path entries of it, into DIR, then check what was restored against the"
                + " manifest inside that backup. Exits 5 on any difference. With --in-place, restore into the live"
                + " volume instead: staged and checked first (nothing changes if it differs), the changes listed,"
                + " applied with rsync, checked again.")
final class RestoreCommand implements Callable<Integer> {
    @ParentCommand
    RdumpCommand top;

    @Spec
    CommandSpec spec;

    @Parameters(index = "0", paramLabel = "VOLUME", description = "The volume to restore.")
    String volume;

    @Option(names = "--to", paramLabel = "DIR",
            description = "Where to restore; must be new or empty unless --overwrite.")
    @Nullable Path to;

    @Option(names = "--in-place", description = "Restore into the live volume (the tree it backs up) instead of"
            + " --to; files the backup does not hold stay unless --delete.")
    boolean inPlace;

    @Option(names = "--delete", description = "With --in-place: delete what the live volume (under each --path)"
            + " holds that the backup does not.")
    boolean delete;

    @Option(names = "--tool", paramLabel = "NAME", description = "Restore from this tool instance only.")
    @Nullable String tool;

    @Option(names = "--archive", paramLabel = "STAMP",
            description = "The backup by run stamp (or a tool's own archive name).")
    @Nullable String archive;

    @Option(names = "--at", paramLabel = "TIME", description = "The newest backup at or before TIME: '2026-11-30"
            + " 18:00' (local time) or RFC 3339 '2026-11-30T18:00:00Z'.")
    @Nullable String at;

    @Option(names = "--path", paramLabel = "P", description = "Restore only this file or directory, relative to the"
            + " volume's root (repeatable).")
    List<String> paths = new ArrayList<>();

    @Option(names = "--overwrite", description = "Write into a non-empty DIR (files there that are not in the"
            + " backup stay).")
    boolean overwrite;

    @Option(names = "--image", description = "Write the backup's whole file-system image to --to, a new file or a"
            + " block device at least as large (tools whose backups are images: type image).")
    boolean image;

    @Option(names = {"-n", "--dry-run"}, description = "Print the backup chosen and the exact commands; run nothing.")
    boolean dryRun;

    @Override
    public Integer call() {
        RestoreRequest request;
        try {
            Instant when = at == null ? null : RestoreTime.parse(at, ZoneId.systemDefault());
            request = new RestoreRequest(volume, to, tool, archive, when, paths, overwrite, inPlace, delete, image);
        } catch (IllegalArgumentException e) {
            throw new CommandLine.ParameterException(spec.commandLine(), e.getMessage(), e);
        }
        ConsoleListener listener = top.listener();
        Rdump rdump = top.rdump(listener);
        Rdump.PlannedRun run = rdump.restore(request);
        if (dryRun) {
            return DryRunOutput.print(top, "restore", rdump, run.dryRunResult(), false);
        }
        org.rdump.core.run.RunResult r;
        try (Keepalive alive = listener.keepalive()) {
            r = run.run();
        }
        java.util.Optional<org.rdump.core.restore.RestoreResult> result = run.steps().get(0)
                instanceof org.rdump.core.restore.RestoreStep s ? s.result() : java.util.Optional.empty();
        return Summary.finish(top, "restore", r,
                doc -> doc.put("restore", result.map(JsonRecords::restore).orElse(null)));
    }
}
