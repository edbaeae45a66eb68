package org.rdump.core.sample;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Objects;
import java.util.OptionalLong;

/**
 * The pure part of sampling: which entries of a manifest can be sampled, their order in a
 * cycle, and the next slice after a cursor. No I/O; thread-safe.
 */
public final class SampleOrder {
    private SampleOrder() {
    }

    /**
     * The entries a sample draws from: every path of the manifest ({@link
     * org.rdump.api.IntegrityStore#paths}, parents before their children) except directories that
     * hold something, since restoring a directory restores all below it. Files, symlinks,
     * devices, FIFOs and empty directories remain.
     */
    public static List<String> leaves(List<String> manifestPaths) {
        List<String> out = new ArrayList<>();
        for (int i = 0; i < manifestPaths.size(); i++) {
            String p = manifestPaths.get(i);
            boolean parent = i + 1 < manifestPaths.size() && manifestPaths.get(i + 1).startsWith(p + "/");
            if (!parent) {
                out.add(p);
            }
        }
        return out;
    }

    /** The position of {@code path} in the cycle with {@code seed}: the first 8 bytes of SHA-256(seed, path). */
    public static long position(long seed, String path) {
        try {
            MessageDigest md = MessageDigest.getInstance("SHA-256");
            md.update(ByteBuffer.allocate(8).putLong(seed).array());
            md.update(path.getBytes(StandardCharsets.UTF_8));
            return ByteBuffer.wrap(md.digest()).getLong();
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("the JDK has no SHA-256", e);
        }
    }

    /**
     * The next slice of a cycle: the first {@code count} of {@code entries} (in cycle order:
     * position as an unsigned number, then path) whose positions lie after {@code after}, or from
     * the start when {@code after} is empty; fewer when the end of the cycle comes first.
     *
     * @param count how many to take, at least 1
     */
    public static Slice next(long seed, List<String> entries, OptionalLong after, long count) {
        Objects.requireNonNull(entries, "entries");
        if (count < 1) {
            throw new IllegalArgumentException("count must be at least 1: " + count);
        }
        record Entry(long position, String path) { }
        Comparator<Entry> order = Comparator.comparing(Entry::position, Long::compareUnsigned)
                .thenComparing(Entry::path);
        List<Entry> rest = new ArrayList<>();
        for (String p : entries) {
            long pos = position(seed, p);
            if (after.isEmpty() || Long.compareUnsigned(pos, after.getAsLong()) > 0) {
                rest.add(new Entry(pos, p));
            }
        }
        rest.sort(order);
        List<Entry> taken = rest.subList(0, (int) Math.min(count, rest.size()));
        boolean completes = taken.size() == rest.size();
        long cursor = taken.isEmpty() ? (after.isPresent() ? after.getAsLong() : 0) : taken.get(taken.size() - 1).position();
        return new Slice(taken.stream().map(Entry::path).toList(), cursor, completes, rest.size());
    }

    /**
     * One run's slice. Immutable.
     *
     * @param paths the entries to check, in cycle order
     * @param cursor the position of the last of them (where the next run starts)
     * @param completes whether no entry of this backup is left after it in the cycle
     * @param remaining how many entries were left in the cycle before this slice
     */
    public record Slice(List<String> paths, long cursor, boolean completes, long remaining) {
        public Slice {
            paths = List.copyOf(paths);
        }
    }
}
