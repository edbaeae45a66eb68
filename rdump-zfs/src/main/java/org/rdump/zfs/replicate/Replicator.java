package org.rdump.zfs.replicate;

import java.time.Duration;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.OptionalLong;
import org.rdump.api.RunEvent;
import org.rdump.api.RunListener;
import org.rdump.api.command.Command;
import org.rdump.api.command.CommandFailedException;
import org.rdump.api.command.CommandResult;
import org.rdump.api.command.CommandRunner;
import org.rdump.api.support.ByteSizes;
import org.rdump.zfs.ZfsClient;
import org.rdump.zfs.ZfsCommands;
import org.rdump.zfs.ZfsFeature;
import org.rdump.zfs.ZfsFeatures;
import org.rdump.zfs.ZfsListParser;
import org.rdump.zfs.ZfsProperty;
import org.rdump.zfs.ZfsRow;
import org.rdump.zfs.ZfsTree;

/**
 * Carries out replication jobs: detects both sides' features, lists both trees, plans with
 * {@link ReplicationPlanner}, then runs each transfer through a {@link ZfsPipe}. Every command
 * goes through the given runner. Stateless apart from its collaborators; one job at a time per
 * instance is the expected use.
 *
 * @since 0.1
 */
public final class Replicator {
    private final CommandRunner runner;
    private final ZfsCommands commands;
    private final RunListener listener;
    private final ZfsPipe pipe;

    /**
     * @param commands the zfs programs to use; its host is replaced by each job's hosts
     */
    public Replicator(CommandRunner runner, ZfsCommands commands, RunListener listener, ZfsPipe pipe) {
        this.runner = Objects.requireNonNull(runner, "runner");
        this.commands = Objects.requireNonNull(commands, "commands");
        this.listener = Objects.requireNonNull(listener, "listener");
        this.pipe = Objects.requireNonNull(pipe, "pipe");
    }

    public Replicator(CommandRunner runner, RunListener listener) {
        this(runner, ZfsCommands.local(), listener, new ZfsPipe(Duration.ofSeconds(1)));
    }

    /** Everything known about both sides before a run. */
    public record Survey(ReplicationJob job, ZfsFeatures sourceFeatures, ZfsFeatures destinationFeatures,
                         ZfsTree source, ZfsTree destination, Map<String, String> resumeTokens) {
        /** Whether receives may be made resumable and tokens used. */
        public boolean resumable() {
            return sourceFeatures.has(ZfsFeature.RESUMABLE_RECEIVE)
                    && destinationFeatures.has(ZfsFeature.RESUMABLE_RECEIVE);
        }
    }

    /** Detects features and lists both sides (read-only). */
    public Survey survey(ReplicationJob job) {
        ZfsCommands src = commands.on(job.source().host());
        ZfsCommands dest = commands.on(job.destination().host());
        String srcRoot = job.source().volume();
        String destRoot = job.destination().volume();
        ZfsFeatures sf = ZfsFeatures.detect(runner, src, srcRoot);
        ZfsFeatures df = ZfsFeatures.detect(runner, dest, pool(destRoot));
        ZfsClient srcZfs = new ZfsClient(runner, src);
        ZfsClient destZfs = new ZfsClient(runner, dest);
        ZfsTree srcTree = ZfsTree.of(srcRoot, srcZfs.listTree(srcRoot, List.of("name"), false));
        ZfsTree destTree = destZfs.exists(destRoot)
                ? ZfsTree.of(destRoot, destZfs.listTree(destRoot, List.of("name"), false)) : ZfsTree.empty(destRoot);
        Map<String, String> tokens = new HashMap<>();
        if (sf.has(ZfsFeature.RESUMABLE_RECEIVE) && df.has(ZfsFeature.RESUMABLE_RECEIVE) && !destTree.datasets().isEmpty()) {
            for (ZfsProperty p : ZfsListParser.parseGet(
                    runner.run(dest.getRecursive(List.of("receive_resume_token"), destRoot)).stdout())) {
                if (p.property().equals("receive_resume_token") && !p.value().equals("-") && !p.value().isEmpty()) {
                    tokens.put(p.name(), p.value());
                }
            }
        }
        return new Survey(job, sf, df, srcTree, destTree, tokens);
    }

    /** The plan for a survey. */
    public ReplicationPlan plan(Survey s) {
        return ReplicationPlanner.plan(s.job(), s.source(), s.destination(), s.resumeTokens());
    }

    /** The size estimate of one transfer, when the source can estimate. */
    public OptionalLong estimate(Survey s, Transfer t) {
        if (!s.sourceFeatures().has(ZfsFeature.SEND_ESTIMATE)) {
            return OptionalLong.empty();
        }
        Command c = sendCommand(s, t, true);
        var r = runner.run(c);
        return SendEstimate.parse(r.stdout() + "\n" + r.stderr());
    }

    /**
     * Runs a job: resumes interrupted receives first (then plans again), then sends the rest.
     *
     * @param dryRun only report the plan (with estimates where the source has them)
     * @return the bytes copied
     */
    public long run(ReplicationJob job, boolean dryRun) {
        long total = 0;
        for (int round = 0; round < 3; round++) {
            Survey s = survey(job);
            ReplicationPlan plan = plan(s);
            if (dryRun) {
                for (Transfer t : plan.transfers()) {
                    OptionalLong est = estimate(s, t);
                    listener.onEvent(new RunEvent.DryRun("zfs send " + t.describe()
                            + (est.isPresent() ? " (about " + ByteSizes.human(est.getAsLong()) + ")" : "")));
                }
                plan.notes().forEach(n -> listener.onEvent(new RunEvent.DryRun(n)));
                return 0;
            }
            boolean resumed = false;
            Map<String, String> needed = new LinkedHashMap<>(ReplicationPlanner.needed(job, s.source(), s.destination()));
            Map<String, String> before = Map.copyOf(needed);
            for (Transfer t : plan.transfers()) {
                total += transfer(s, t);
                resumed |= t.isResume();
                if (!t.isResume()) {
                    needed.put(t.source(), t.to());
                }
            }
            if (!resumed) {
                plan.notes().forEach(n -> listener.onEvent(new RunEvent.Report(job.name(), n)));
                moveHolds(job, before, needed);
                if (!plan.transfers().isEmpty() && !s.destinationFeatures().has(ZfsFeature.RECEIVE_NO_MOUNT)) {
                    remountParentsFirst(s);
                }
                return total;
            }
        }
        return total;
    }

    /** The hold tag that marks, on each source dataset, the snapshot this job's destination needs next. */
    public static String holdTag(ReplicationJob job) {
        return "rdump-replica " + job.destination();
    }

    /**
     * Holds, on each source dataset, the snapshot the destination now shares with it (the base of
     * the next incremental), and releases the hold from the one it shared before, so that no
     * pruning (rdump's or another tool's) destroys it. A hold that is already there is fine; a zfs
     * without holds only gives a warning.
     */
    private void moveHolds(ReplicationJob job, Map<String, String> before, Map<String, String> after) {
        ZfsClient src = new ZfsClient(runner, commands.on(job.source().host()));
        String tag = holdTag(job);
        try {
            for (Map.Entry<String, String> e : after.entrySet()) {
                src.run(commands.on(job.source().host()).hold(tag, e.getKey() + "@" + e.getValue()));
                String old = before.get(e.getKey());
                if (old != null && !old.equals(e.getValue())) {
                    src.run(commands.on(job.source().host()).release(tag, e.getKey() + "@" + old));
                }
            }
        } catch (CommandFailedException e) {
            listener.onEvent(new RunEvent.Warning(job.name(), "cannot hold the snapshots " + job.destination()
                    + " needs next (pruning may then remove them): " + e.getMessage()));
        }
    }

    /**
     * Without {@code receive -u} (zfs-fuse), each receive mounts its dataset as it arrives: a parent
     * received after its child is mounted over the child's mount point and hides its files. So the
     * received tree is unmounted deepest first and mounted again parents first. A dataset that will
     * not mount is a warning (the data is received; only the view is affected).
     */
    private void remountParentsFirst(Survey s) {
        ZfsCommands dest = commands.on(s.job().destination().host());
        List<String> names = new ZfsClient(runner, dest).listTree(s.job().destination().volume(), List.of("name"),
                false).stream().filter(r -> !r.isSnapshot()).map(ZfsRow::name).sorted().toList();
        for (int i = names.size() - 1; i >= 0; i--) {
            runner.run(dest.unmount(names.get(i)).accepting(0, 1));
        }
        for (String n : names) {
            CommandResult r = runner.run(dest.mount(n).accepting(0, 1));
            if (r.exitCode() != 0) {
                listener.onEvent(new RunEvent.Warning(s.job().name(), "received " + n + " but could not mount it: "
                        + r.stderr().strip()));
            }
        }
    }

    private long transfer(Survey s, Transfer t) {
        ZfsCommands dest = commands.on(s.job().destination().host());
        if (t.createParent() != null) {
            ZfsClient destZfs = new ZfsClient(runner, dest);
            if (!destZfs.exists(t.createParent())) {
                runner.run(dest.create(t.createParent(), Map.of(), true));
            }
        }
        long estimate = estimate(s, t).orElse(-1);
        Command send = sendCommand(s, t, false);
        Command receive = dest.receive(t.destination(), true,
                s.destinationFeatures().has(ZfsFeature.RECEIVE_NO_MOUNT), s.resumable());
        long bytes = pipe.run(runner, send, receive, s.job().name(), "zfs send " + t.describe(), estimate, listener);
        listener.onEvent(new RunEvent.Report(s.job().name(), "sent " + t.describe() + ": "
                + ByteSizes.human(bytes), java.util.List.of(), -1, bytes));
        return bytes;
    }

    private Command sendCommand(Survey s, Transfer t, boolean estimate) {
        ZfsCommands src = commands.on(s.job().source().host());
        if (t.resumeToken() != null) {
            return src.sendResume(t.resumeToken(), estimate);
        }
        return src.send(t.from() == null ? null : "@" + t.from(), t.source() + "@" + t.to(), true, estimate);
    }

    private static String pool(String dataset) {
        int i = dataset.indexOf('/');
        return i < 0 ? dataset : dataset.substring(0, i);
    }
}
