package org.rdump.restic;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** ResticJsonParser on output recorded from Debian's restic 0.14.0 (src/test/resources/restic-0.14). */
class ResticJsonParserTest {
    private static String fixture(String name) throws IOException {
        try (InputStream in = ResticJsonParserTest.class.getResourceAsStream("/restic-0.14/" + name)) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }

    @Test
    void backupStatusAndSummaryLines() throws Exception {
        List<ResticJsonParser.BackupLine> lines = fixture("backup.stdout.jsonl").lines()
                .map(ResticJsonParser::backupLine).flatMap(Optional::stream).toList();

        assertThat(lines).hasSize(3);
        assertThat(lines.get(0)).isEqualTo(new ResticJsonParser.Status(0, -1, -1, -1, -1, -1));
        assertThat(lines.get(1)).isEqualTo(new ResticJsonParser.Status(0.21875027939667246, 2, 3, 7340044, 33554444, -1));
        assertThat(lines.get(2)).isEqualTo(new ResticJsonParser.Summary("b8e5f232", 5, 0, 3, 0, 8, 33554454,
                0.306699644));
    }

    @Test
    void errorLinesOfAnIncompleteBackupAndPlainTextIsNoLine() throws Exception {
        List<String> stderr = fixture("backup-exit3.stderr").lines().toList();

        assertThat(stderr.stream().map(ResticJsonParser::backupLine).toList()).containsExactly(
                Optional.of(new ResticJsonParser.ItemError("scan", "/tmp/rn/src/locked", "")),
                Optional.of(new ResticJsonParser.ItemError("archival", "/tmp/rn/src/b", "open b: permission denied")),
                Optional.of(new ResticJsonParser.ItemError("archival", "locked", "")),
                Optional.empty());
        assertThat(stderr.get(3)).isEqualTo("Warning: at least one source file could not be read");
    }

    @Test
    void errorTextReadsAMessageOrGosPathError() {
        assertThat(ResticJsonParser.errorText(java.util.Map.of("message", "read /x: input/output error")))
                .isEqualTo("read /x: input/output error");
        assertThat(ResticJsonParser.errorText(java.util.Map.of("Op", "lstat", "Path", "/x", "Err", 2)))
                .isEqualTo("lstat /x: no such file or directory");
        assertThat(ResticJsonParser.errorText(java.util.Map.of("Err", 99))).isEqualTo("errno 99");
        assertThat(ResticJsonParser.errorText(java.util.Map.of())).isEmpty();
    }

    @Test
    void snapshotsOldestFirstWithTagsAndIds() throws Exception {
        List<ResticJsonParser.Snapshot> s = ResticJsonParser.snapshots(fixture("snapshots.json"));

        assertThat(s).extracting(ResticJsonParser.Snapshot::shortId).containsExactly("3239e3ac", "1d6ee051", "b8e5f232");
        assertThat(s.get(0).id()).startsWith("3239e3ac").hasSize(64);
        assertThat(s.get(0).time()).isEqualTo("2026-11-24T10:15:00Z");
        assertThat(s.get(0).hostname()).isEqualTo("h1");
        assertThat(s.get(0).paths()).containsExactly("/tmp/rx/src");
        assertThat(s.get(2).tag(ResticCommands.STAMP_TAG)).contains("20261124T101700Z");
        assertThat(ResticJsonParser.snapshots(fixture("snapshots-empty.json"))).isEmpty();
    }

    @Test
    void forgetDryRunNamesWhatItWouldRemove() throws Exception {
        assertThat(ResticJsonParser.wouldRemove(fixture("forget-dry-run.json"))).hasSize(2)
                .allMatch(id -> id.length() == 64).first().asString().startsWith("1d6ee051");
        assertThat(ResticJsonParser.wouldRemove("[{\"keep\":[],\"remove\":null}]")).isEmpty();
    }

    @Test
    void statsAndLs() throws Exception {
        assertThat(ResticJsonParser.totalSize(fixture("stats.json"))).isEqualTo(33554448L);
        assertThat(ResticJsonParser.nodes(fixture("ls.jsonl"))).containsExactly(
                new ResticJsonParser.Node("dir", "/d"), new ResticJsonParser.Node("file", "/d/hl"),
                new ResticJsonParser.Node("symlink", "/d/ln"), new ResticJsonParser.Node("dir", "/data"),
                new ResticJsonParser.Node("file", "/data/f"));
        assertThatThrownBy(() -> ResticJsonParser.nodes("Fatal: no\n")).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void versionLine() {
        assertThat(ResticVersion.parse("restic 0.14.0 compiled with go1.19.8 on linux/amd64\n"))
                .contains(new ResticVersion(0, 14, 0));
        assertThat(ResticVersion.parse("restic 0.14.0 compiled with go1.19.8 on linux/amd64").orElseThrow().restoresSparse())
                .isFalse();
        assertThat(ResticVersion.parse("restic 0.16.4 compiled").orElseThrow().restoresSparse()).isTrue();
        assertThat(ResticVersion.parse("restic 0.9.6").orElseThrow()).isLessThan(ResticVersion.MINIMUM);
        assertThat(ResticVersion.parse("borg 1.2.4")).isEmpty();
    }
}
