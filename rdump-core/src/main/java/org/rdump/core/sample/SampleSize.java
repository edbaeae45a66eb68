package org.rdump.core.sample;

import java.math.BigDecimal;
import java.util.Objects;

/**
 * How much one sampled run checks: a share of the backup's entries ({@code 5%}) or a number of
 * them ({@code 1000}). Immutable.
 *
 * @param text what the user wrote, for messages
 * @param percent the share in percent (0 &lt; p &le; 100), or null for a count
 * @param entries the number of entries (&ge; 1), or 0 for a share
 */
public record SampleSize(String text, @org.jspecify.annotations.Nullable BigDecimal percent, long entries) {
    public SampleSize {
        Objects.requireNonNull(text, "text");
    }

    /**
     * Reads {@code 5%}, {@code 0.5%} or {@code 1000}.
     *
     * @throws IllegalArgumentException with a message for the user: not a number, 0, more than 100%
     */
    public static SampleSize parse(String text) {
        String t = text.strip();
        String hint = "; give a share of the backup's entries such as 5% (more than 0%, at most 100%) or a number of"
                + " entries such as 1000";
        try {
            if (t.endsWith("%")) {
                BigDecimal p = new BigDecimal(t.substring(0, t.length() - 1).strip());
                if (p.signum() <= 0 || p.compareTo(BigDecimal.valueOf(100)) > 0) {
                    throw new IllegalArgumentException("--sample " + text + ": "
                            + (p.signum() <= 0 ? "a sample of 0% checks nothing" : "more than 100%") + hint);
                }
                return new SampleSize(t, p, 0);
            }
            if (!t.matches("[0-9]+")) {
                throw new IllegalArgumentException("--sample " + text + ": not a number of entries or a share" + hint);
            }
            long n = Long.parseLong(t);
            if (n == 0) {
                throw new IllegalArgumentException("--sample " + text + ": a sample of 0 entries checks nothing" + hint);
            }
            return new SampleSize(t, null, n);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("--sample " + text + ": not a number of entries or a share" + hint, e);
        }
    }

    /** Whether this is 100%: every entry at once, which is a full test restore. */
    public boolean everything() {
        return percent != null && percent.compareTo(BigDecimal.valueOf(100)) == 0;
    }

    /** How many of {@code total} entries one run checks: the share rounded up, at least 1, at most all. */
    public long of(long total) {
        if (total <= 0) {
            return 0;
        }
        long n = percent == null ? entries
                : percent.multiply(BigDecimal.valueOf(total)).divide(BigDecimal.valueOf(100), 0,
                        java.math.RoundingMode.CEILING).longValueExact();
        return Math.max(1, Math.min(total, n));
    }
}
