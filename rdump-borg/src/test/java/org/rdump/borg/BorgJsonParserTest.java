package org.rdump.borg;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Map;
import org.junit.jupiter.api.Test;

/** Fixtures are borg 1.2.4's own output. */
class BorgJsonParserTest {
    static final String CREATE = """
            {
                "archive": {
                    "command_line": ["/usr/bin/borg", "create", "::vol-20261124T101500Z", "."],
                    "duration": 0.031301,
                    "end": "2026-11-25T17:47:18.000000",
                    "id": "52e8bc5fc39aee8e31d628a2c16c918c8521c10a62577925378f321a94640bbb",
                    "limits": {"max_archive_size": 2.6464514019254437e-05},
                    "name": "vol-20261124T101500Z",
                    "start": "2026-11-25T17:47:18.000000",
                    "stats": {"compressed_size": 2000687, "deduplicated_size": 2000687, "nfiles": 2,
                              "original_size": 2000567}
                },
                "cache": {"path": "/tmp/bt/base/.cache/borg/d548", "stats": {"total_chunks": 5}},
                "encryption": {"mode": "repokey"},
                "repository": {"id": "d548", "last_modified": "2026-11-25T17:47:18.000000", "location": "/tmp/bt/repo"}
            }
            """;
    static final String LIST = """
            {
                "archives": [
                    {"archive": "vol-20261124T101500Z", "barchive": "vol-20261124T101500Z", "id": "52e8",
                     "name": "vol-20261124T101500Z", "start": "2026-11-25T17:47:18.000000",
                     "time": "2026-11-25T17:47:18.000000"},
                    {"archive": "vol-20261124T101600Z", "barchive": "vol-20261124T101600Z", "id": "cc34",
                     "name": "vol-20261124T101600Z", "start": "2026-11-25T17:48:00.000000",
                     "time": "2026-11-25T17:48:00.000000"}
                ],
                "encryption": {"mode": "repokey"},
                "repository": {"id": "d548", "last_modified": "2026-11-25T17:47:18.000000", "location": "/tmp/bt/repo"}
            }
            """;

    @Test
    void readsTheCreateReport() {
        assertThat(BorgJsonParser.created(CREATE))
                .isEqualTo(new BorgJsonParser.Created("vol-20261124T101500Z", 2, 2000567, 2000687, 2000687, 0.031301));
    }

    @Test
    void readsTheArchiveListInOrder() {
        assertThat(BorgJsonParser.archives(LIST)).containsExactly(
                new BorgJsonParser.Archive("vol-20261124T101500Z", "52e8", "2026-11-25T17:47:18.000000"),
                new BorgJsonParser.Archive("vol-20261124T101600Z", "cc34", "2026-11-25T17:48:00.000000"));
    }

    @Test
    void readsEachArchivesOriginalSizeFromTheInfoReportAndLeavesOutOneWithoutIt() {
        String info = """
                {"archives": [
                  {"name": "vol-20261124T101500Z", "id": "52e8", "stats": {"compressed_size": 46,
                   "deduplicated_size": 516, "nfiles": 1, "original_size": 2000567}},
                  {"name": "vol-20261124T101600Z", "id": "cc34", "stats": {"nfiles": 1}},
                  {"name": "vol-20261124T101700Z", "id": "dd45"}],
                 "cache": {}, "repository": {"id": "0d49"}}
                """;

        assertThat(BorgJsonParser.originalSizes(info)).containsExactly(Map.entry("vol-20261124T101500Z", 2000567L));
        assertThatThrownBy(() -> BorgJsonParser.originalSizes("{\"cache\": {}}"))
                .hasMessage("borg's JSON has no 'archives' field");
    }

    @Test
    void somethingElseIsRejected() {
        assertThatThrownBy(() -> BorgJsonParser.created("{\"repository\": {}}"))
                .hasMessage("borg's JSON has no 'archive' field");
        assertThatThrownBy(() -> BorgJsonParser.archives("not json")).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void readsArchiveProgressLines() {
        assertThat(BorgJsonParser.logLine("{\"original_size\": 1500000, \"compressed_size\": 1400000, \"deduplicated_size\": 1300000,"
                + " \"nfiles\": 3, \"path\": \"data/big.bin\", \"time\": 1795628838.6311386, \"type\": \"archive_progress\","
                + " \"finished\": false}"))
                .contains(new BorgJsonParser.ArchiveProgress(1500000, 1400000, 1300000, 3, "data/big.bin",
                        1795628838.6311386, false));
        assertThat(BorgJsonParser.logLine("{\"time\": 1795628838.66, \"type\": \"archive_progress\", \"finished\": true}"))
                .contains(new BorgJsonParser.ArchiveProgress(-1, -1, -1, -1, "", 1795628838.66, true));
    }

    @Test
    void readsLogMessages() {
        assertThat(BorgJsonParser.logLine("{\"type\": \"log_message\", \"time\": 1795628871.45, \"message\":"
                + " \"passphrase supplied in BORG_PASSPHRASE, by BORG_PASSCOMMAND or via BORG_PASSPHRASE_FD is incorrect.\","
                + " \"levelname\": \"ERROR\", \"name\": \"borg.archiver\", \"msgid\": \"PassphraseWrong\"}"))
                .contains(new BorgJsonParser.LogMessage("ERROR", "PassphraseWrong",
                        "passphrase supplied in BORG_PASSPHRASE, by BORG_PASSCOMMAND or via BORG_PASSPHRASE_FD is incorrect."));
    }

    @Test
    void otherLinesAreIgnored() {
        assertThat(BorgJsonParser.logLine("{\"message\": \"Saving files cache\", \"operation\": 2, \"msgid\": \"cache.commit\","
                + " \"type\": \"progress_message\", \"finished\": false, \"time\": 1795628838.75}")).isEmpty();
        assertThat(BorgJsonParser.logLine("wrapper: pretending a warning")).isEmpty();
        assertThat(BorgJsonParser.logLine("")).isEmpty();
    }
}
