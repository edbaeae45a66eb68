package org.rdump.restic;

import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A restic version, as {@code restic version} prints it ({@code restic 0.14.0 compiled with
 * go1.19.8 on linux/amd64}), and what rdump uses that depends on it. Immutable.
 *
 * @param major the major number
 * @param minor the minor number
 * @param patch the patch number
 */
record ResticVersion(int major, int minor, int patch) implements Comparable<ResticVersion> {
    /** The oldest restic rdump runs: 0.10 made exit code 3 mean "some files could not be read". */
    static final ResticVersion MINIMUM = new ResticVersion(0, 10, 0);
    /** The first restic whose {@code restore} has {@code --sparse}. */
    static final ResticVersion SPARSE_RESTORE = new ResticVersion(0, 15, 0);
    private static final Pattern LINE = Pattern.compile("^restic (\\d+)\\.(\\d+)\\.(\\d+)");

    /** The version in the first line of {@code restic version}'s output; empty when there is none. */
    static Optional<ResticVersion> parse(String stdout) {
        Matcher m = LINE.matcher(stdout.strip());
        if (!m.find()) {
            return Optional.empty();
        }
        return Optional.of(new ResticVersion(Integer.parseInt(m.group(1)), Integer.parseInt(m.group(2)),
                Integer.parseInt(m.group(3))));
    }

    /** Whether {@code restic restore --sparse} exists (0.15 and later). */
    boolean restoresSparse() {
        return compareTo(SPARSE_RESTORE) >= 0;
    }

    @Override
    public int compareTo(ResticVersion o) {
        int c = Integer.compare(major, o.major);
        if (c == 0) {
            c = Integer.compare(minor, o.minor);
        }
        return c != 0 ? c : Integer.compare(patch, o.patch);
    }

    @Override
    public String toString() {
        return major + "." + minor + "." + patch;
    }
}
