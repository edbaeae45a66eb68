package org.rdump.api;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** A report's paths made relative to the tree they were found in. */
class IntegrityReportTest {

    @Test
    void pathsRelativeToTheirTreeAndLinesToMatch() {
        IntegrityReport r = new IntegrityReport(java.util.List.of(
                new IntegrityReport.Difference(IntegrityReport.Change.REMOVED, "./etc/a b", "file", java.util.List.of()),
                new IntegrityReport.Difference(IntegrityReport.Change.CHANGED, ".", "dir", java.util.List.of("mtime")),
                new IntegrityReport.Difference(IntegrityReport.Change.ADDED, "/elsewhere/x", "lnk", java.util.List.of())),
                java.util.List.of("- file                   \"./etc/a b\"", "  [mtime               ] \".\"",
                        "+ lnk                    \"/elsewhere/x\""));
        IntegrityReport rel = r.relativeTo(".");
        assertThat(rel.differences()).extracting(IntegrityReport.Difference::path)
                .containsExactly("etc/a b", ".", "/elsewhere/x");
        assertThat(rel.lines()).containsExactly("- file                   \"etc/a b\"", "  [mtime               ] \".\"",
                "+ lnk                    \"/elsewhere/x\"");
        assertThat(r.relativeTo("/t/").differences().get(2).path()).isEqualTo("/elsewhere/x");
    }
}
