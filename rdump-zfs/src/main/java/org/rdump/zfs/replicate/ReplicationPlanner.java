package org.rdump.zfs.replicate;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.rdump.api.RdumpException;
import org.rdump.zfs.ZfsTree;

/**
 * Plans a replication from the two sides' listings. Pure and stateless; see the package
 * documentation for the rules.
 *
 * @since 0.1
 */
public final class ReplicationPlanner {
    private ReplicationPlanner() {
    }

    /**
     * @param job the job (its roots and excludes)
     * @param source the source tree under {@code job.source().volume()}
     * @param destination the destination tree under {@code job.destination().volume()}
     * @param resumeTokens destination dataset to its {@code receive_resume_token}; empty when the
     *     destination cannot resume
     * @throws RdumpException naming the datasets when a destination has a snapshot newer than
     *     the newest common one, or shares none with the source
     */
    public static ReplicationPlan plan(ReplicationJob job, ZfsTree source, ZfsTree destination,
                                       Map<String, String> resumeTokens) {
        String destRoot = job.destination().volume();
        List<Transfer> transfers = new ArrayList<>();
        List<String> notes = new ArrayList<>();
        Set<String> willExist = new HashSet<>(destination.datasets());
        for (String src : source.datasets()) {
            String dest = destRoot + source.suffix(src);
            if (job.excludes(src)) {
                notes.add("skip " + src + " (excluded)");
                continue;
            }
            String token = resumeTokens.get(dest);
            if (token != null) {
                transfers.add(new Transfer(src, dest, null, "", token, null));
                willExist.add(dest);
                continue;
            }
            List<String> snaps = source.snapshots(src);
            if (snaps.isEmpty()) {
                notes.add("skip " + src + " (no snapshots)");
                continue;
            }
            String last = snaps.get(snaps.size() - 1);
            List<String> destSnaps = destination.snapshots(dest);
            if (!destination.has(dest) || destSnaps.isEmpty()) {
                // the parent, unless this plan or the listing already has it (the executor checks again)
                String parent = dest.contains("/") ? dest.substring(0, dest.lastIndexOf('/')) : null;
                String create = parent != null && !willExist.contains(parent) ? parent : null;
                String first = snaps.get(0);
                transfers.add(new Transfer(src, dest, null, first, null, create));
                if (!first.equals(last)) {
                    transfers.add(new Transfer(src, dest, first, last, null, null));
                }
                willExist.add(dest);
                if (create != null) {
                    willExist.add(create);
                }
                continue;
            }
            Set<String> srcSet = new HashSet<>(snaps);
            int common = -1;
            for (int i = destSnaps.size() - 1; i >= 0; i--) {
                if (srcSet.contains(destSnaps.get(i))) {
                    common = i;
                    break;
                }
            }
            if (common < 0) {
                throw new RdumpException("cannot replicate " + src + " to " + dest + ": they have no snapshot in"
                        + " common (" + dest + " has " + destSnaps.get(destSnaps.size() - 1) + "); rename or destroy "
                        + dest + " to start afresh");
            }
            String base = destSnaps.get(common);
            if (common < destSnaps.size() - 1) {
                throw new RdumpException("cannot replicate " + src + " to " + dest + ": " + dest + "@"
                        + destSnaps.get(common + 1) + " is newer than the newest common snapshot @" + base
                        + " and missing from the source; destroy it on the destination to go on");
            }
            if (base.equals(last)) {
                notes.add("up to date: " + dest + "@" + last);
                continue;
            }
            transfers.add(new Transfer(src, dest, base, last, null, null));
        }
        return new ReplicationPlan(transfers, notes);
    }

    /**
     * For each source dataset whose destination exists, the newest snapshot both share: the one
     * the next incremental send starts from, which pruning must keep. Pure.
     *
     * @return source dataset to the shared snapshot's short name
     */
    public static Map<String, String> needed(ReplicationJob job, ZfsTree source, ZfsTree destination) {
        Map<String, String> out = new java.util.LinkedHashMap<>();
        for (String src : source.datasets()) {
            String dest = job.destination().volume() + source.suffix(src);
            Set<String> srcSet = new HashSet<>(source.snapshots(src));
            List<String> destSnaps = destination.snapshots(dest);
            for (int i = destSnaps.size() - 1; i >= 0; i--) {
                if (srcSet.contains(destSnaps.get(i))) {
                    out.put(src, destSnaps.get(i));
                    break;
                }
            }
        }
        return out;
    }
}
