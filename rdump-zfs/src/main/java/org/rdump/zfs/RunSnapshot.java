package org.rdump.zfs;

import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Objects;
import org.jspecify.annotations.Nullable;
import org.rdump.api.RunContext;
import org.rdump.api.support.prune.SnapshotName;

/**
 * The name of the snapshot one {@code zfs-volumes} volume takes in one run, shared by that
 * volume's steps: the snapshot step chooses it, the clone, {@code -rsure} and prune steps use it.
 * The name is the original rdump's {@code <prefix>NNNN-YYYYMMDDHHMM}: the number is one more than
 * the highest of the scheme under the dataset's tree (listed when the snapshot step runs, through
 * {@link RunContext#queryRunner()}, so a dry run shows the real next name), the time is the run
 * stamp's minute in the run clock's zone. Mutable, used from one thread at a time (steps run in
 * order).
 *
 * @since 0.1
 */
public final class RunSnapshot {
    private static final DateTimeFormatter STAMP = DateTimeFormatter.ofPattern("uuuuMMdd'T'HHmmss'Z'");
    private final String dataset;
    private final String prefix;
    private @Nullable String chosen;

    public RunSnapshot(String dataset, String prefix) {
        this.dataset = Objects.requireNonNull(dataset, "dataset");
        this.prefix = Objects.requireNonNull(prefix, "prefix");
    }

    /** Lists the dataset's tree and chooses this run's name (again, when called again). */
    public String choose(ZfsClient query, RunContext context) {
        ZfsTree tree = ZfsTree.of(dataset, query.listTree(dataset, List.of("name"), false));
        int next = nextNumber(prefix, tree);
        LocalDateTime time = LocalDateTime.ofInstant(runInstant(context), context.clock().getZone())
                .truncatedTo(ChronoUnit.MINUTES);
        chosen = new SnapshotName(prefix, next, time).format();
        return chosen;
    }

    /**
     * For a dry run that cannot list the dataset: the name with {@code NNNN} for the number (never
     * a name of the scheme, so pruning counts it as nothing).
     */
    public String chooseUnnumbered(RunContext context) {
        LocalDateTime time = LocalDateTime.ofInstant(runInstant(context), context.clock().getZone())
                .truncatedTo(ChronoUnit.MINUTES);
        chosen = prefix + "NNNN-" + new SnapshotName(prefix, 0, time).format().substring(prefix.length() + 5);
        return chosen;
    }

    /** One more than the highest number of the scheme anywhere in {@code tree}; 0 when none. */
    public static int nextNumber(String prefix, ZfsTree tree) {
        List<String> names = new java.util.ArrayList<>();
        for (String ds : tree.datasets()) {
            names.addAll(tree.snapshots(ds));
        }
        return SnapshotName.nextNumber(prefix, names);
    }

    /** The run's instant: its stamp ({@code yyyyMMdd'T'HHmmss'Z'}), or the clock when the stamp has another form. */
    static Instant runInstant(RunContext context) {
        try {
            return LocalDateTime.parse(context.runStamp(), STAMP).toInstant(ZoneOffset.UTC);
        } catch (DateTimeParseException e) {
            return context.clock().instant();
        }
    }

    /** The chosen short name. */
    public String name() {
        if (chosen == null) {
            throw new IllegalStateException("the snapshot of " + dataset + " has not been taken in this run");
        }
        return chosen;
    }

    public boolean isChosen() {
        return chosen != null;
    }

    /** {@code DS@NAME} once chosen, {@code DS@<prefix>NNNN-YYYYMMDDHHMM} before, for step descriptions. */
    public String display() {
        return dataset + "@" + (chosen != null ? chosen : prefix + "NNNN-YYYYMMDDHHMM");
    }

    public String dataset() {
        return dataset;
    }
}
