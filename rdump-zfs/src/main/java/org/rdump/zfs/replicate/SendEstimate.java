package org.rdump.zfs.replicate;

import java.util.OptionalLong;

/**
 * Reads the size estimate that {@code zfs send -nP} prints: tab-separated lines such as
 * {@code full	tank/a@1	12345}, {@code incremental	@1	tank/a@5	678} and a last
 * {@code size	13023}. Pure.
 *
 * @since 0.1
 */
public final class SendEstimate {
    private SendEstimate() {
    }

    /** The total from the {@code size} line, else the sum of the per-stream sizes; empty if none. */
    public static OptionalLong parse(String output) {
        long sum = 0;
        boolean any = false;
        for (String line : output.split("\r?\n")) {
            String[] f = line.trim().split("\t");
            if (f.length < 2) {
                continue;
            }
            String last = f[f.length - 1].trim();
            if (!last.matches("[0-9]+")) {
                continue;
            }
            if (f[0].equals("size")) {
                return OptionalLong.of(Long.parseLong(last));
            }
            if (f[0].equals("full") || f[0].equals("incremental")) {
                sum += Long.parseLong(last);
                any = true;
            }
        }
        return any ? OptionalLong.of(sum) : OptionalLong.empty();
    }
}
