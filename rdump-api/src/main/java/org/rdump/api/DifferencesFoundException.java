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

    /**
     * @param what what was compared, e.g. {@code restore of boot-20261124T101500Z from 'copies'}
     * @param report the differences found; never clean
     */
    public DifferencesFoundException(String what, IntegrityReport report) {
        super(what + ": " + Plural.of(report.differences().size(), "difference") + " from the manifest:\n"
                + String.join("\n", report.lines()));
        this.report = report;
    }

    public IntegrityReport report() {
        return report;
    }
}
