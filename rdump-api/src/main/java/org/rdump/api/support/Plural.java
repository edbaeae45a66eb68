package org.rdump.api.support;

/**
 * Counts for people: {@code 1 file}, {@code 2 files}, {@code 0 warnings}, {@code 1 entry}. One
 * helper for every message, report and summary line that shows a count (core, the command line
 * and the plugins). Pure and thread-safe.
 *
 * @since 0.1
 */
public final class Plural {
    private Plural() {
    }

    /**
     * {@code n} and {@code noun}, with an {@code s} added unless {@code n} is 1 ({@code 1 file}, {@code 3 files}).
     *
     * @param n the count
     * @param noun the singular noun; never null
     * @return e.g. {@code 0 files}, {@code 1 file}; never null
     */
    public static String of(long n, String noun) {
        return of(n, noun, noun + "s");
    }

    /**
     * {@code n} and {@code singular} when {@code n} is 1, else {@code plural} ({@code 1 entry}, {@code 2 entries}).
     *
     * @param n the count
     * @param singular the noun for one; never null
     * @param plural the noun for any other count; never null
     * @return e.g. {@code 2 entries}; never null
     */
    public static String of(long n, String singular, String plural) {
        return n + " " + (n == 1 ? singular : plural);
    }
}
