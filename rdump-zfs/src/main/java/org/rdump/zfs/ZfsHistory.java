package org.rdump.zfs;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;
import org.rdump.api.ArchiveInfo;
import org.rdump.api.IntegrityStore;
import org.rdump.api.RdumpException;
import org.rdump.api.RestoredTree;
import org.rdump.api.RunContext;
import org.rdump.api.ToolTarget;
import org.rdump.zfs.prune.Pruner;
import org.rdump.api.support.prune.SnapshotName;

/**
 * The snapshots of one dataset of the original rdump's scheme ({@code <prefix>NNNN-YYYYMMDDHHMM},
 * with their {@code -rsure} companions) as backups that {@code rdump list} shows and
 * {@code rdump restore} reads: the history of a {@code zfs-volumes} volume ({@link ZfsSnapshots})
 * and the replicas of a replication job ({@link org.rdump.zfs.replicate.ZfsReplicas}). Immutable
 * and thread-safe.
 *
 * <p><b>Identity.</b> A snapshot's name keeps the run's minute in the run clock's zone (see
 * {@link RunSnapshot}), not its seconds. Its {@link ArchiveInfo#stamp()} is that minute in UTC
 * with seconds {@code 00} ({@code rd0012-202611301805} taken in UTC is {@code 20261130T180500Z}),
 * read in the zone of the listing's clock, and its {@link ArchiveInfo#time()} is that instant:
 * never later than the run stamp, so {@code --at} with the run's time picks it. Its
 * {@link ArchiveInfo#id()} is {@code DATASET@NAME}; {@code --archive} accepts either.
 *
 * <p><b>Which manifest.</b> The plain snapshot holds the files as they were backed up, but the
 * {@code 2sure.dat.gz} inside it is the previous version: the run updates the manifest in a
 * clone and copies it back to the live dataset, whose {@code NAME-rsure} snapshot then keeps it
 * (with {@code rsure_snapshot}). A restore therefore copies the files from the plain snapshot and
 * the manifest from the companion when there is one, so that the restored tree is what the run's
 * tools backed up, checked against the manifest that describes it. The clone's
 * {@value ZfsCloneStep#README}, written only in the clone, is in neither snapshot:
 * {@link #notKept} tells the check so.
 *
 * <p><b>Reading.</b> zfs-fuse has no {@code .zfs/snapshot} directory, so a snapshot is read
 * through a temporary clone, on this machine or on the replica's host over ssh
 * ({@link SnapshotReader}).
 *
 * <p><b>Size.</b> {@link #sizes} (for {@code rdump list} only, so that a restore spends no
 * command on it) is each snapshot's {@code referenced} property: the bytes of the whole tree it
 * holds (as stored, after compression), one {@code zfs get -p} call for all of them. Not {@code used}: that is only what destroying it would free, near zero
 * for a tree that did not change, and it grows when a neighbour is pruned.
 *
 * @since 0.4
 */
public final class ZfsHistory {
    private static final Pattern SCHEME = Pattern.compile("^(.*?)(\\d{4,})-(\\d{12})$");
    private final ZfsCommands commands;

    public ZfsHistory(ZfsCommands commands) {
        this.commands = Objects.requireNonNull(commands, "commands");
    }

    /**
     * The scheme's snapshots of {@code dataset}, oldest first, each with its companion.
     *
     * @param prefix the scheme's prefix, or null for any prefix (a replica)
     */
    public List<ArchiveInfo> list(String dataset, @Nullable String prefix, String volume, RunContext context) {
        List<String> names = new ZfsClient(context.runner(), commands).listSnapshots(dataset, false).stream()
                .map(r -> r.snapshot().orElseThrow()).toList();
        Set<String> all = Set.copyOf(names);
        ZoneId zone = context.clock().getZone();
        List<ArchiveInfo> out = new ArrayList<>();
        Map<ArchiveInfo, Integer> numbers = new HashMap<>();
        for (String name : names) {
            Optional<SnapshotName> parsed = parse(prefix, name);
            if (parsed.isEmpty()) {
                continue;
            }
            Instant time = parsed.get().time().atZone(zone).toInstant();
            Map<String, String> details = new HashMap<>();
            details.put("snapshot", dataset + "@" + name);
            if (all.contains(name + Pruner.COMPANION)) {
                details.put("manifest_snapshot", dataset + "@" + name + Pruner.COMPANION);
            }
            if (!(commands.host() instanceof ZfsHost.Local)) {
                details.put("host", commands.host().display());
                details.put("where", commands.host().display() + ":" + dataset + "@" + name);
            }
            ArchiveInfo a = new ArchiveInfo(dataset + "@" + name, volume, time, details);
            numbers.put(a, parsed.get().number());
            out.add(a);
        }
        out.sort(Comparator.comparing(ArchiveInfo::time).thenComparing(numbers::get));
        return List.copyOf(out);
    }

    /** A name of the scheme (a {@code -rsure} companion is not: it has a suffix). */
    static Optional<SnapshotName> parse(@Nullable String prefix, String name) {
        if (prefix != null) {
            return SnapshotName.parse(prefix, name);
        }
        Matcher m = SCHEME.matcher(name);
        return m.matches() ? SnapshotName.parse(m.group(1), name) : Optional.empty();
    }

    /** What the plain snapshot lacks by design: the clone's README, when the backup has a companion. */
    public static Set<String> notKept(ArchiveInfo archive) {
        return archive.details().containsKey("manifest_snapshot") ? Set.of(ZfsCloneStep.README) : Set.of();
    }

    /**
     * Restores {@code paths} (all when empty) of the snapshot into {@code into}, the manifest from
     * the companion when there is one (see the class comment), on this machine or over ssh
     * ({@link SnapshotReader}).
     */
    public void restorePaths(ToolTarget target, ArchiveInfo archive, List<String> paths, Path into,
                             RunContext context) {
        String snapshot = archive.details().getOrDefault("snapshot", archive.id());
        String companion = archive.details().get("manifest_snapshot");
        String manifest = IntegrityStore.DEFAULT_MANIFEST;
        boolean wantsManifest = paths.isEmpty() || paths.contains(manifest);
        List<String> fromPlain = companion == null || paths.isEmpty() ? paths
                : paths.stream().filter(p -> !p.equals(manifest)).toList();
        SnapshotReader reader = new SnapshotReader(commands);
        if (!fromPlain.isEmpty() || paths.isEmpty()) {
            reader.copy(snapshot, fromPlain, into, archive, target, context);
        }
        if (companion != null && wantsManifest) {
            reader.copyFile(companion, manifest, into, archive, context);
        }
    }

    /** The whole snapshot in {@code scratch/tree}, for a test restore. */
    public RestoredTree restore(ToolTarget target, ArchiveInfo archive, Path scratch, RunContext context) {
        Path tree = scratch.resolve("tree");
        if (!context.dryRun()) {
            try {
                Files.createDirectories(tree);
            } catch (IOException e) {
                throw new RdumpException("cannot create " + tree + ": " + e.getMessage(), e);
            }
        }
        restorePaths(target, archive, List.of(), tree, context);
        return new RestoredTree(tree, true);
    }

    /** The {@code referenced} bytes of each of {@code archives} by id, in one {@code zfs get -p} call. */
    public Map<String, Long> sizes(List<ArchiveInfo> archives, RunContext context) {
        Map<String, String> snapshotOf = new java.util.LinkedHashMap<>();
        archives.forEach(a -> snapshotOf.put(a.id(), a.details().getOrDefault("snapshot", a.id())));
        Map<String, Long> bytes = referenced(new ZfsClient(context.runner(), commands), commands,
                List.copyOf(snapshotOf.values()));
        Map<String, Long> out = new java.util.LinkedHashMap<>();
        snapshotOf.forEach((id, snap) -> {
            Long n = bytes.get(snap);
            if (n != null) {
                out.put(id, n);
            }
        });
        return out;
    }

    /**
     * The {@code referenced} size in bytes of each of {@code snapshots} (full names), in one
     * {@code zfs get -H -p} call; a snapshot zfs gives no number for (gone since it was listed)
     * is left out.
     */
    private static Map<String, Long> referenced(ZfsClient zfs, ZfsCommands commands, List<String> snapshots) {
        if (snapshots.isEmpty()) {
            return Map.of();
        }
        Map<String, Long> out = new HashMap<>();
        String stdout = zfs.run(commands.get(List.of("referenced"), snapshots.toArray(String[]::new))
                .accepting(0, 1)).stdout();
        try {
            ZfsListParser.parseGetByName(stdout).forEach((name, props) -> {
                ZfsProperty p = props.get("referenced");
                if (p != null && p.value().matches("[0-9]+")) {
                    out.put(name, Long.parseLong(p.value()));
                }
            });
        } catch (RdumpException | IllegalArgumentException e) {
            return Map.of(); // not zfs get's output (a recording runner): no sizes
        }
        return out;
    }
}
