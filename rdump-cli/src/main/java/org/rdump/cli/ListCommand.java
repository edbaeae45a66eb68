package org.rdump.cli;

import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import org.jspecify.annotations.Nullable;
import org.rdump.core.Rdump;
import org.rdump.core.restore.Backup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;

/** {@code rdump list [NAME...] [--tool T] [--json]}: every backup of each volume, newest first. */
@Command(name = "list", mixinStandardHelpOptions = true,
        description = "List every backup of the named volumes (all when none are named) in each of their"
                + " destinations, newest first: run stamp, time, tool, where it is, size where the tool knows it"
                + " (human-readable; bytes in --json), and the manifest version inside it where it can be read"
                + " cheaply, and its last test restore or restore check recorded in the ledger (when, and the verdict).")
final class ListCommand implements Callable<Integer> {
    static final String HEADER = "VOLUME  STAMP  TIME  TOOL  WHERE  SIZE  MANIFEST  VERIFIED";
    private static final DateTimeFormatter TIME =
            DateTimeFormatter.ofPattern("uuuu-MM-dd HH:mm:ss'Z'").withZone(ZoneOffset.UTC);

    @ParentCommand
    RdumpCommand top;

    @Option(names = "--tool", paramLabel = "NAME", description = "Only the backups in this tool instance.")
    @Nullable String tool;


    @Parameters(paramLabel = "NAME", arity = "0..*", description = "Volumes to list.")
    List<String> names = new ArrayList<>();

    private static org.rdump.core.ledger.@Nullable VerificationRecord lastCheck(
            org.rdump.core.ledger.LedgerSnapshot ledger, Backup b) {
        return ledger.lastCheck(b.volume(), b.target().name(), b.stamp()).orElse(null);
    }

    /** {@code 2026-12-01 21:51:40Z matches}, {@code ... differs (5)}, {@code ... restore of 2 paths matches}, or {@code -}. */
    private static String verified(org.rdump.core.ledger.@Nullable VerificationRecord v) {
        if (v == null) {
            return "-";
        }
        if (v.sample() != null) {
            return TIME.format(v.at()) + " sample of " + v.sample().count() + " " + v.verdict().label()
                    + (v.differences() > 0 ? " (" + v.differences() + ")" : "");
        }
        return TIME.format(v.at()) + " " + (v.paths().isEmpty() ? "" : "(" + v.paths().size() + " path"
                + (v.paths().size() == 1 ? "" : "s") + ") ") + v.verdict().label()
                + (v.differences() > 0 ? " (" + v.differences() + ")" : "");
    }

    @Override
    public Integer call() {
        boolean asJson = top.json;
        Rdump rdump = top.rdump(top.quietListener());
        List<Backup> backups = rdump.list(names, tool);
        org.rdump.core.ledger.LedgerSnapshot ledger;
        try {
            ledger = rdump.ledger();
        } catch (org.rdump.api.RdumpException e) {
            top.err.println(StatusCommand.unreadable(e));
            ledger = org.rdump.core.ledger.LedgerSnapshot.EMPTY;
        }
        if (asJson) {
            org.rdump.core.ledger.LedgerSnapshot checks = ledger;
            return JsonDocument.of("list").put("backups", backups.stream().map(b -> {
                Map<String, @Nullable Object> m = JsonRecords.backup(b);
                m.put("lastVerification", StatusCommand.check(lastCheck(checks, b), null));
                return m;
            }).toList()).print(top.out, ExitCode.OK);
        }
        List<String[]> table = new ArrayList<>();
        table.add(HEADER.split("  "));
        for (Backup b : backups) {
            table.add(new String[] {b.volume(), b.stamp(), TIME.format(b.time()),
                    b.target().name() + " (" + b.target().tool() + ")", b.where(),
                    b.size() < 0 ? "-" : org.rdump.api.support.ByteSizes.human(b.size()), b.manifest() == null ? "-" : b.manifest(),
                    verified(lastCheck(ledger, b))});
        }
        if (backups.isEmpty()) {
            top.out.println("no backups" + (names.isEmpty() ? "" : " of " + String.join(", ", names))
                    + (tool == null ? "" : " in '" + tool + "'"));
            return ExitCode.OK;
        }
        int[] width = new int[table.get(0).length];
        for (String[] row : table) {
            for (int i = 0; i < row.length; i++) {
                width[i] = Math.max(width[i], row[i].length());
            }
        }
        for (String[] row : table) {
            StringBuilder line = new StringBuilder();
            for (int i = 0; i < row.length; i++) {
                line.append(i == row.length - 1 ? row[i] : String.format("%-" + width[i] + "s  ", row[i]));
            }
            top.out.println(line.toString().stripTrailing());
        }
        return ExitCode.OK;
    }
}
