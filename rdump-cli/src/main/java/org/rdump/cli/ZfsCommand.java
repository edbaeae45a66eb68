package org.rdump.cli;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.Callable;
import org.rdump.api.RunEvent;
import org.rdump.api.Settings;
import org.rdump.api.support.ByteSizes;
import org.rdump.api.support.LocalCommandRunner;
import org.rdump.zfs.ZfsClient;
import org.rdump.zfs.ZfsCommands;
import org.rdump.api.support.prune.PrunePlan;
import org.rdump.api.support.prune.PrunePolicy;
import org.rdump.zfs.prune.Pruner;
import org.rdump.zfs.replicate.ReplicationJob;
import org.rdump.zfs.replicate.Replicator;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;

/** {@code rdump zfs clone|prune}: ZFS replication and snapshot pruning without a config file. */
@Command(name = "zfs", mixinStandardHelpOptions = true, description = "ZFS replication and pruning.",
        subcommands = {ZfsCommand.Clone.class, ZfsCommand.Prune.class})
final class ZfsCommand {
    @ParentCommand
    RdumpCommand top;

    @Command(name = "clone", mixinStandardHelpOptions = true,
            description = "Replicate every dataset under SRC to DEST ([HOST:]DATASET; HOST is reached with ssh):"
                    + " missing datasets are created and sent in full, existing ones brought up to date"
                    + " incrementally; interrupted resumable receives are resumed.")
    static final class Clone implements Callable<Integer> {
        @ParentCommand
        ZfsCommand zfs;

        @Parameters(index = "0", paramLabel = "SRC", description = "The source dataset tree: [HOST:]DATASET.")
        String src;

        @Parameters(index = "1", paramLabel = "DEST", description = "Where it goes: [HOST:]DATASET.")
        String dest;

        @Option(names = "--exclude", paramLabel = "REGEX", description = "Leave out source datasets matching it.")
        List<String> exclude = new ArrayList<>();

        @Option(names = {"-n", "--dry-run"}, description = "Print the transfers (with sizes where zfs can estimate).")
        boolean dryRun;

        @Override
        public Integer call() {
            RdumpCommand top = zfs.top;
            Map<String, Object> settings = new LinkedHashMap<>();
            settings.put("src", endpoint(src));
            settings.put("dest", endpoint(dest));
            settings.put("exclude", exclude);
            ReplicationJob job = ReplicationJob.from("clone", Settings.of(settings));
            ConsoleListener listener = top.listener();
            List<String> planned = new ArrayList<>();
            List<String> reports = new ArrayList<>();
            Replicator replicator = new Replicator(new LocalCommandRunner(), e -> {
                if (e instanceof RunEvent.DryRun d) {
                    planned.add(d.line());
                } else if (e instanceof RunEvent.Report r) {
                    synchronized (reports) {
                        reports.add(r.message());
                    }
                }
                listener.onEvent(e);
            });
            long bytes;
            try (Keepalive alive = dryRun ? Keepalive.NONE : listener.keepalive()) {
                bytes = replicator.run(job, dryRun);
            }
            if (top.json) {
                return JsonDocument.of("zfs clone").put("src", src).put("dest", dest).put("dryRun", dryRun)
                        .put("planned", planned).put("reports", reports).put("bytesSent", dryRun ? null : bytes)
                        .print(top.out, ExitCode.OK);
            }
            if (dryRun) {
                planned.forEach(top.out::println);
                if (planned.isEmpty()) {
                    top.out.println("nothing to send: " + dest + " is up to date");
                }
            } else {
                top.out.println("replicated " + src + " to " + dest + ": " + ByteSizes.human(bytes) + " sent");
            }
            return ExitCode.OK;
        }

        private static Map<String, Object> endpoint(String spec) {
            int colon = spec.indexOf(':');
            Map<String, Object> m = new LinkedHashMap<>();
            if (colon > 0) {
                m.put("host", spec.substring(0, colon));
                m.put("volume", spec.substring(colon + 1));
            } else {
                m.put("volume", spec);
            }
            return m;
        }
    }

    @Command(name = "prune", mixinStandardHelpOptions = true,
            description = "Destroy old <prefix>NNNN-YYYYMMDDHHMM snapshots of DATASET by a policy; the newest is"
                    + " always kept.")
    static final class Prune implements Callable<Integer> {
        @ParentCommand
        ZfsCommand zfs;

        @Parameters(index = "0", paramLabel = "DATASET", description = "The dataset whose snapshots are pruned.")
        String dataset;

        @Option(names = "--prefix", defaultValue = "", description = "The snapshot name prefix (default: none).")
        String prefix;

        @ArgGroup(exclusive = true, multiplicity = "1")
        Policy policy;

        static final class Policy {
            @Option(names = "--hanoi", paramLabel = "N",
                    description = "Keep the newest N, then one per popcount of the snapshot number (the original's scheme).")
            Integer hanoi;

            @ArgGroup(exclusive = false)
            Buckets buckets;
        }

        static final class Buckets {
            @Option(names = "--hourly", paramLabel = "N", defaultValue = "0",
                    description = "Keep the newest snapshot of each of the N newest hours that have one.")
            int hourly;

            @Option(names = "--daily", paramLabel = "N", defaultValue = "0",
                    description = "Keep the newest snapshot of each of the N newest days that have one.")
            int daily;

            @Option(names = "--weekly", paramLabel = "N", defaultValue = "0",
                    description = "Keep the newest snapshot of each of the N newest weeks that have one.")
            int weekly;

            @Option(names = "--monthly", paramLabel = "N", defaultValue = "0",
                    description = "Keep the newest snapshot of each of the N newest months that have one.")
            int monthly;

            @Option(names = "--yearly", paramLabel = "N", defaultValue = "0",
                    description = "Keep the newest snapshot of each of the N newest years that have one.")
            int yearly;
        }

        @Option(names = {"-n", "--dry-run"}, description = "List what would be destroyed.")
        boolean dryRun;

        @Override
        public Integer call() {
            RdumpCommand top = zfs.top;
            PrunePolicy p = policy.hanoi != null ? new PrunePolicy.Hanoi(policy.hanoi)
                    : new PrunePolicy.TimeBuckets(policy.buckets.hourly, policy.buckets.daily, policy.buckets.weekly,
                    policy.buckets.monthly, policy.buckets.yearly);
            ZfsClient client = new ZfsClient(new LocalCommandRunner(), ZfsCommands.local());
            PrunePlan plan = new Pruner(prefix, p).prune(client, dataset, Set.of(), dryRun, top.listener());
            if (top.json) {
                return JsonDocument.of("zfs prune").put("dataset", dataset).put("dryRun", dryRun)
                        .put("keep", plan.keep()).put("destroy", plan.destroy()).print(top.out, ExitCode.OK);
            }
            plan.destroy().forEach(s -> top.out.println((dryRun ? "would destroy " : "destroyed ") + dataset + "@" + s));
            top.out.println("kept " + plan.keep().size() + ", " + (dryRun ? "would destroy " : "destroyed ")
                    + plan.destroy().size());
            return ExitCode.OK;
        }
    }
}
