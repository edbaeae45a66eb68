package org.rdump.api.support.prune;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import org.rdump.api.ConfigException;
import org.rdump.api.Settings;
import org.rdump.api.SettingsSchema;
import org.rdump.api.SettingsSchema.Key;
import org.rdump.api.SettingsSchema.Type;

/**
 * A {@code prune:} key as configured on a {@code zfs-volumes} volume, a {@code zfs:} replication
 * job or a {@code snapshots:} volume with {@code keep: true}: the policy, the naming scheme's
 * prefix and (for jobs) which side is pruned. Immutable, value semantics.
 *
 * <p>Either {@code hanoi: N} or time buckets ({@code hourly}, {@code daily}, {@code weekly},
 * {@code monthly}, {@code yearly}, at least one above 0); never both, never nothing (an empty
 * {@code prune:} would keep only the newest snapshot).
 *
 * @param policy what to keep; never null
 * @param prefix the naming scheme's prefix: only {@code <prefix>NNNN-YYYYMMDDHHMM} snapshots
 *     (and, for ZFS, their {@code -rsure} companions) are ever destroyed; never null
 * @param side for a replication job: the source datasets, the destination datasets, or both
 *     ({@link Side#SOURCE} elsewhere); never null
 * @param keepVerified whether the newest snapshot proven restorable (per the ledger) stays
 *     ({@code keep_verified}, default true)
 * @since 0.6 (in {@code org.rdump.zfs.prune} since 0.1)
 */
public record PruneSettings(PrunePolicy policy, String prefix, Side side, boolean keepVerified) {
    private static final String[] BUCKETS = {"hourly", "daily", "weekly", "monthly", "yearly"};

    /**
     * The datasets a replication job's pruning applies to.
     *
     * @since 0.6
     */
    public enum Side {
        /** The job's source datasets (and, outside jobs, the only side). */
        SOURCE,
        /** The job's destination datasets: the replicas' history. */
        DESTINATION,
        /** Both. */
        BOTH;

        /**
         * Whether the source side is pruned.
         *
         * @return true for {@link #SOURCE} and {@link #BOTH}
         */
        public boolean source() {
            return this != DESTINATION;
        }

        /**
         * Whether the destination side is pruned.
         *
         * @return true for {@link #DESTINATION} and {@link #BOTH}
         */
        public boolean destination() {
            return this != SOURCE;
        }
    }

    /**
     * The {@code prune:} keys of a volume: the policy and {@code keep_verified} (the prefix is the
     * volume's, e.g. {@code snapshot_prefix}).
     */
    public static final SettingsSchema VOLUME_SCHEMA = new SettingsSchema(policyKeys());

    /** The {@code prune:} keys of a replication job. */
    public static final SettingsSchema JOB_SCHEMA;

    static {
        List<Key> keys = new ArrayList<>(policyKeys());
        keys.add(Key.optional("prefix", Type.STRING, "", "Only snapshots named <prefix>NNNN-YYYYMMDDHHMM (and their"
                + " -rsure companions) are pruned; use the source volumes' snapshot_prefix."));
        keys.add(Key.choice("side", false, "source", "Prune the source datasets, the destination datasets (the"
                + " replicas' history), or both.", "source", "destination", "both"));
        JOB_SCHEMA = new SettingsSchema(keys);
    }

    /**
     * Checks the components.
     *
     * @param policy what to keep; never null
     * @param prefix the naming scheme's prefix; never null
     * @param side which side of a replication job is pruned; never null
     * @param keepVerified whether the newest snapshot proven restorable stays
     * @throws NullPointerException if a component is null
     */
    public PruneSettings {
        Objects.requireNonNull(policy, "policy");
        Objects.requireNonNull(prefix, "prefix");
        Objects.requireNonNull(side, "side");
    }

    /**
     * With {@code keep_verified} on (the default).
     *
     * @param policy what to keep; never null
     * @param prefix the naming scheme's prefix; never null
     * @param side which side of a replication job is pruned; never null
     */
    public PruneSettings(PrunePolicy policy, String prefix, Side side) {
        this(policy, prefix, side, true);
    }

    private static List<Key> policyKeys() {
        List<Key> keys = new ArrayList<>();
        keys.add(Key.optional("hanoi", Type.INTEGER, null, "The original's policy: keep the newest N, then of the"
                + " older ones the newest for each count of set bits in the snapshot number."));
        for (String b : BUCKETS) {
            keys.add(Key.optional(b, Type.INTEGER, "0", "Keep the newest snapshot of each of this many newest "
                    + b.replace("ily", "y").replace("ly", "") + "s that have one (as sanoid counts)."));
        }
        keys.add(Key.optional("keep_verified", Type.BOOLEAN, "true", "Never destroy the newest snapshot proven"
                + " restorable (rdump restore of the whole snapshot, checked against its manifest, per the ledger);"
                + " if the ledger cannot be read, prune nothing."));
        return keys;
    }

    /**
     * Reads {@code key} of a volume or job.
     *
     * @param parent the volume's or job's settings; never null
     * @param key the key, normally {@code prune}; never null
     * @param defaultPrefix the prefix when the object has no {@code prefix} key; never null
     * @return the settings; never null, empty when {@code key} is absent
     * @throws ConfigException naming the position for a policy that is empty, mixed or negative
     */
    public static Optional<PruneSettings> from(Settings parent, String key, String defaultPrefix) {
        Optional<Settings> child = parent.child(key);
        if (child.isEmpty()) {
            return Optional.empty();
        }
        Settings s = child.get();
        long[] counts = new long[BUCKETS.length];
        boolean anyBucket = false;
        for (int i = 0; i < BUCKETS.length; i++) {
            counts[i] = s.number(BUCKETS[i], 0);
            if (counts[i] < 0 || counts[i] > 100_000) {
                throw new ConfigException(s.locate(BUCKETS[i]), "expected a count from 0 to 100000, found " + counts[i]);
            }
            anyBucket |= counts[i] > 0;
        }
        PrunePolicy policy;
        if (s.has("hanoi")) {
            long n = s.number("hanoi", 0);
            if (anyBucket) {
                throw new ConfigException(s.locate("hanoi"), "choose either hanoi or time buckets (hourly, daily,"
                        + " weekly, monthly, yearly), not both");
            }
            if (n < 1 || n > 100_000) {
                throw new ConfigException(s.locate("hanoi"), "expected a count from 1 to 100000, found " + n);
            }
            policy = new PrunePolicy.Hanoi((int) n);
        } else if (anyBucket) {
            policy = new PrunePolicy.TimeBuckets((int) counts[0], (int) counts[1], (int) counts[2], (int) counts[3],
                    (int) counts[4]);
        } else {
            throw new ConfigException(parent.locate(key), "a prune policy needs 'hanoi: N' or at least one of hourly,"
                    + " daily, weekly, monthly, yearly above 0 (otherwise only the newest snapshot would stay)");
        }
        Side side = switch (s.string("side", "source")) {
            case "destination" -> Side.DESTINATION;
            case "both" -> Side.BOTH;
            case "source" -> Side.SOURCE;
            default -> throw new ConfigException(s.locate("side"), "expected source, destination or both, found '"
                    + s.string("side") + "'");
        };
        return Optional.of(new PruneSettings(policy, s.string("prefix", defaultPrefix), side,
                s.bool("keep_verified", true)));
    }

    /**
     * One line for plans.
     *
     * @return {@code hanoi 8} or {@code daily 7, weekly 4}; never null
     */
    public String describe() {
        if (policy instanceof PrunePolicy.Hanoi h) {
            return "hanoi " + h.keepNewest();
        }
        PrunePolicy.TimeBuckets t = (PrunePolicy.TimeBuckets) policy;
        int[] c = {t.hourly(), t.daily(), t.weekly(), t.monthly(), t.yearly()};
        List<String> parts = new ArrayList<>();
        for (int i = 0; i < c.length; i++) {
            if (c[i] > 0) {
                parts.add(BUCKETS[i] + " " + c[i]);
            }
        }
        return String.join(", ", parts);
    }
}
