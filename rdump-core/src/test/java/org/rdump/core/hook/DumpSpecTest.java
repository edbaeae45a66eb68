package org.rdump.core.hook;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.Test;
import org.rdump.api.ConfigException;
import org.rdump.api.Settings;

class DumpSpecTest {
    private static Settings volume(String file) {
        return new Settings("simple[0]", Map.of("dump", List.of(Map.of("command", List.of("sqlite3", "db", ".dump"),
                "file", file))), key -> "rdump.yaml:3:5");
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "/etc/passwd|is absolute; give a path relative to the volume's live tree, e.g. dumps/app.sql",
            "../x.sql|leaves the volume's tree (..); give a path inside it, e.g. dumps/app.sql",
            "dumps/../../x.sql|leaves the volume's tree (..)",
            "dumps/|names a directory",
            "./x.sql|has a '.' component",
            "snapstamp|is one of rdump's own files (snapstamp, 2sure.*)",
            "2sure.dat.gz|is one of rdump's own files",
            "dumps/.a.sql.rdump-tmp|ends in .rdump-tmp"})
    void aFileOutsideTheTreeOrOfRdumpsOwnIsRefusedWithItsPosition(String file, String why) {
        assertThatThrownBy(() -> DumpSpec.of(volume(file))).isInstanceOf(ConfigException.class)
                .hasMessageContaining("rdump.yaml:3:5 simple[0].dump[0].file: the dump file '" + file + "' " + why);
    }

    @Test
    void aRelativeFileInsideTheTreeIsKept() {
        DumpSpec d = DumpSpec.of(volume("dumps/db/app.sql")).get(0);
        assertThat(d.file()).isEqualTo(Path.of("dumps/db/app.sql"));
        assertThat(d.command()).containsExactly("sqlite3", "db", ".dump");
        assertThat(d.timeout()).isEqualTo(DumpSpec.DEFAULT_TIMEOUT);
        assertThat(d.where()).isEqualTo("simple[0].dump[0]");
    }
}
