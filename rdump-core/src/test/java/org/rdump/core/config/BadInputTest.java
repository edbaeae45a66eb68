package org.rdump.core.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;
import static org.rdump.core.config.ConfigLoaderTest.problems;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.rdump.api.ConfigException;
import org.rdump.api.ConfigProblem;
import org.rdump.core.Fakes;

/** Input that is not a usable configuration gives one clear problem, never a stack trace. */
class BadInputTest {
    private static final String VOLUME = "simple:\n  - {name: boot, mount: /boot, actions: [rsure]}\n";

    @TempDir
    Path dir;

    private List<String> load(byte[] bytes) throws IOException {
        Path file = dir.resolve("rdump.yaml");
        Files.write(file, bytes);
        ConfigException e = catchThrowableOfType(() -> new ConfigLoader(Fakes.registry()).load(file),
                ConfigException.class);
        assertThat(e).as("config was accepted").isNotNull();
        return e.problems().stream().map(ConfigProblem::toString).toList();
    }

    private String file() {
        return dir.resolve("rdump.yaml").toString();
    }

    @Nested
    class Text {
        @Test
        void nulInAPathValueIsAProblemAtTheValue() {
            assertThat(problems("simple:\n  - {name: boot, mount: \"/bo\\0ot\", actions: [rsure]}\n"))
                    .containsExactly("rdump.yaml:2:25 simple[0].mount: the value contains a NUL character (\\0) at"
                            + " character 4; no path, argument or secret can hold one: remove it");
        }

        @Test
        void nulInTheLockPathIsAProblemToo() {
            assertThat(problems(VOLUME + "lock: \"/run/\\0x\"\n"))
                    .containsExactly("rdump.yaml:3:7 lock: the value contains a NUL character (\\0) at"
                            + " character 6; no path, argument or secret can hold one: remove it");
        }

        @Test
        void rawNulByteSaysBinaryWithLineAndColumn() throws IOException {
            byte[] b = (VOLUME + "lock: /run/x\0y\n").getBytes(StandardCharsets.UTF_8);
            assertThat(load(b)).containsExactly(file() + ": not UTF-8 text: a NUL byte (0x00) at line 3,"
                    + " column 13 (byte offset 69) (binary data, or UTF-16/UTF-32 text without a byte order"
                    + " mark; save it as UTF-8)");
        }

        @Test
        void invalidUtf8NamesTheByteAndWhereItIs() throws IOException {
            byte[] b = ("simple:\n  - {name: b\u00f6t}\n").getBytes(StandardCharsets.ISO_8859_1);
            assertThat(load(b)).containsExactly(file() + ": not UTF-8 text: invalid byte 0xF6 at line 2,"
                    + " column 13 (byte offset 20); save the file as UTF-8");
        }

        @Test
        void utf16IsRecognisedByItsByteOrderMark() throws IOException {
            assertThat(load(VOLUME.getBytes(StandardCharsets.UTF_16))).containsExactly(file()
                    + ": the file is UTF-16 (it starts with a UTF-16 byte order mark); save it as UTF-8");
            assertThat(load(VOLUME.getBytes(StandardCharsets.UTF_16LE))).isNotEmpty();
            assertThat(load(("\uFEFF" + VOLUME).getBytes(java.nio.charset.Charset.forName("UTF-32LE"))))
                    .containsExactly(file() + ": the file is UTF-32 (it starts with a UTF-32 byte order mark);"
                            + " save it as UTF-8");
        }

        @Test
        void utf8ByteOrderMarkIsAccepted() throws IOException {
            Path file = dir.resolve("rdump.yaml");
            Files.writeString(file, "\uFEFF" + VOLUME);
            assertThat(new ConfigLoader(Fakes.registry()).load(file).volumes()).hasSize(1);
        }
    }

    @Nested
    class Size {
        @Test
        void aFileOverOneMebibyteIsRejectedAtOnceWithItsSize() throws IOException {
            byte[] b = new byte[10 << 20];
            Arrays.fill(b, (byte) 'a');
            long start = System.nanoTime();
            assertThat(load(b)).containsExactly(file() + ": the file is 10485760 bytes, more than the limit of"
                    + " 1048576 bytes (1 MiB) for a configuration; is this the right file?");
            assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(1));
        }

        @Test
        void aLongLineIsRejectedBeforeParsingWithItsLength() throws IOException {
            String yaml = VOLUME + "lock: " + "a".repeat(1_000_000) + "\n";
            long start = System.nanoTime();
            assertThat(load(yaml.getBytes(StandardCharsets.UTF_8))).containsExactly("rdump.yaml:3:1: line 3 is"
                    + " 1000006 characters long, more than the limit of 65536 characters for a line; is this the"
                    + " right file?");
            assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofMillis(500));
        }

        @Test
        void aLongValueOverManyLinesIsRejectedWithItsLength() {
            String yaml = VOLUME + "lock: >\n" + ("  " + "a".repeat(78) + "\n").repeat(1000);
            assertThat(problems(yaml)).containsExactly("rdump.yaml:3:7 lock: a value of 79000 characters is longer"
                    + " than the limit of 65536 characters; is this the right file?");
        }

        @Test
        void moreThanOneMebibyteOfTextIsRejected() {
            assertThat(problems(VOLUME + "#".repeat(1 << 20))).containsExactly("/etc/rdump/rdump.yaml: the"
                    + " configuration is more than 1048576 characters long, the limit (1 MiB); is this the right file?");
        }
    }

    @Nested
    class PluginChecks {
        @Test
        void aToolsOwnCheckRunsAtLoadTime() {
            assertThat(problems("""
                    tools:
                      copies: {type: copy, dest: /b, keep: -5}
                    simple:
                      - {name: boot, mount: /boot, actions: [copies]}
                    """)).containsExactly("rdump.yaml:2:34 tools.copies.keep: expected a number of copies from 1 up,"
                    + " found -5");
        }
    }

    @Nested
    class Documents {
        @Test
        void aSecondDocumentIsRejectedWhereItStarts() {
            assertThat(problems(VOLUME + "---\nsimple: []\n")).containsExactly("rdump.yaml:4:1: a second YAML"
                    + " document starts here; rdump reads one document: remove the '---' line and merge the two,"
                    + " or delete one");
        }

        @Test
        void aLeadingDocumentMarkerIsFine() {
            assertThat(ConfigLoaderTest.parse("---\n" + VOLUME).volumes()).hasSize(1);
        }

        @Test
        void anchorsAliasesAndMergeKeysAreRejectedByName() {
            assertThat(problems("""
                    simple:
                      - &boot {name: boot, mount: /boot, actions: [rsure]}
                      - name: root
                        <<: *boot
                        mount: *m
                    """)).containsExactly(
                    "rdump.yaml:2:5 simple[0]: YAML anchors (&boot) are not supported: write the value out"
                            + " wherever it is used",
                    "rdump.yaml:4:5 simple[1].<<: YAML merge keys (<<) are not supported: write the keys out",
                    "rdump.yaml:5:12 simple[1].mount: YAML aliases (*m) are not supported: write the value out");
        }
    }
}
