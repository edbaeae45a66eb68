package org.rdump.api;

import org.rdump.api.support.Plural;

/**
 * A check, signoff or test restore found differences between a tree and its manifest: the
 * backup (or the tree) is not what was recorded. The command line exits with status 5.
 *
 * @since 0.1
 */
public class DifferencesFoundException extends RdumpException {
    private static final long serialVersionUID = 1L;
    private final transient IntegrityReport report;
    /** The directory the report's paths start with; empty when they are volume-relative. */
    private final String root;

    /**
     * An exception whose report's paths are relative to the volume already.
     *
     * @param what what was compared, e.g. {@code restore of boot-20261124T101500Z from 'copies'}
     * @param report the differences found; never clean
     */
    public DifferencesFoundException(String what, IntegrityReport report) {
        this(what, report, "");
    }

    /**
     * An exception whose report's paths start with {@code root}.
     *
     * @param what what was compared
     * @param report the differences found; never clean
     * @param root the directory the report's paths start with (a test restore's scratch
     *     directory), for {@link #volumeReport()}; empty when they are relative to the volume already
     * @since 0.5
     */
    public DifferencesFoundException(String what, IntegrityReport report, String root) {
        super(what + ": " + Plural.of(report.differences().size(), "difference") + " from the manifest:\n"
                + String.join("\n", report.lines()));
        this.report = report;
        this.root = java.util.Objects.requireNonNull(root, "root");
    }

    /**
     * The differences with paths relative to the volume's root ({@code etc/hosts}), as a user
     * names them in a restore.
     *
     * @return the report, never null
     * @since 0.5
     */
    public IntegrityReport volumeReport() {
        return root.isEmpty() ? report : report.relativeTo(root);
    }

    /**
     * The differences as found, with paths as the check saw them (under {@code root} when one was
     * given).
     *
     * @return the report, never null and never clean
     */
    public IntegrityReport report() {
        return report;
    }
}
