package org.rdump.integrity.node;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HexFormat;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.Size;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.rdump.api.IntegrityException;

class AttributeRulesTest {
    static final String SHA1 = "expected 40 lower-case hex digits";

    @Property(tries = 500)
    void everySha1DigestIsAccepted(@ForAll @Size(20) byte[] digest) {
        assertThat(AttributeRules.problem("sha1", HexFormat.of().formatHex(digest))).isNull();
    }

    @Property(tries = 1000)
    void anythingElseIsNotASha1(@ForAll("notSha1") String v) {
        assertThat(AttributeRules.problem("sha1", v)).isEqualTo(SHA1);
    }

    @Provide
    Arbitrary<String> notSha1() {
        Arbitrary<String> wrongLength = Arbitraries.strings().withChars("0123456789abcdef").ofMaxLength(80)
                .filter(s -> s.length() != 40);
        Arbitrary<String> badChar = Arbitraries.integers().between(0, 39).flatMap(at ->
                Arbitraries.chars().filter(c -> !(c >= '0' && c <= '9' || c >= 'a' && c <= 'f')).map(c -> {
                    char[] s = "0123456789abcdef0123456789abcdef01234567".toCharArray();
                    s[at] = c;
                    return new String(s);
                }));
        return Arbitraries.oneOf(wrongLength, badChar);
    }

    @Property(tries = 500)
    void numbersInRangeAreAcceptedAndOthersNamedWithTheRange(@ForAll long n) {
        String v = Long.toString(n);
        assertThat(AttributeRules.problem("mtime", v)).isNull();
        assertThat(AttributeRules.problem("ino", Long.toUnsignedString(n))).isNull();
        assertThat(AttributeRules.problem("size", v)).isEqualTo(n >= 0 ? null
                : "expected a decimal number from 0 to 9223372036854775807");
        boolean u32 = n >= 0 && n <= 0xffffffffL;
        assertThat(AttributeRules.problem("uid", v)).isEqualTo(u32 ? null
                : "expected a decimal number from 0 to 4294967295");
        assertThat(AttributeRules.problem("perm", v)).isEqualTo(n >= 0 && n <= 07777 ? null
                : "expected a decimal number from 0 to 4095");
    }

    @Test
    void boundariesAndNonNumbers() {
        assertThat(AttributeRules.problem("ino", "18446744073709551615")).isNull();
        assertThat(AttributeRules.problem("ino", "18446744073709551616")).isNotNull();
        assertThat(AttributeRules.problem("ino", BigInteger.TWO.pow(70).toString())).isNotNull();
        assertThat(AttributeRules.problem("size", "0009223372036854775807")).isNull();
        assertThat(AttributeRules.problem("size", "9223372036854775808")).isNotNull();
        assertThat(AttributeRules.problem("mtime", "-9223372036854775808")).isNull();
        assertThat(AttributeRules.problem("mtime", "-9223372036854775809"))
                .isEqualTo("expected a decimal number from -9223372036854775808 to 9223372036854775807");
        for (String bad : new String[] {"", "-", "+1", "1e3", "0x10", "12 ", "١٢"}) {
            assertThat(AttributeRules.problem("gid", bad)).as(bad).isEqualTo("expected a decimal number from 0 to 4294967295");
        }
        assertThat(AttributeRules.problem("kind", "whatever")).isNull();
        assertThat(AttributeRules.problem("targ", "=2e=2e")).isNull();
    }

    @TempDir Path tmp;

    private String readFailure(String entry) throws IOException {
        Path p = tmp.resolve("stream");
        Files.writeString(p, "asure-2.0\n-----\nd__root__ [gid 0 kind dir perm 493 uid 0 ]\n-\n" + entry + "\nu\n",
                StandardCharsets.ISO_8859_1);
        try (NodeReader r = NodeReader.open(p)) {
            while (r.next() != null) {
                // read on
            }
        } catch (IntegrityException e) {
            assertThat(e.path()).isEqualTo(p);
            return e.getMessage().substring(p.toString().length());
        }
        throw new AssertionError("accepted: " + entry);
    }

    static final String FILE = "fa [ctime 1 gid 0 ino 2 kind file mtime 3 perm 420 sha1 "
            + "da39a3ee5e6b4b0d3255bfef95601890afd80709 size 0 uid 0 ]";

    @Test
    void badValuesInAFileNameFileLineAndWhatWasExpected() throws IOException {
        assertThat(readFailure(FILE.replace("da39a3ee", "DA39A3EE")))
                .isEqualTo(":5: bad sha1 \"DA39A3EE5e6b4b0d3255bfef95601890afd80709\" of \"a\": " + SHA1);
        assertThat(readFailure(FILE.replace("da39a3ee", "zz39a3ee")))
                .isEqualTo(":5: bad sha1 \"zz39a3ee5e6b4b0d3255bfef95601890afd80709\" of \"a\": " + SHA1);
        assertThat(readFailure(FILE.replace("size 0", "size 12x")))
                .isEqualTo(":5: bad size \"12x\" of \"a\": expected a decimal number from 0 to 9223372036854775807");
        assertThat(readFailure(FILE.replace("size 0", "size -1")))
                .isEqualTo(":5: bad size \"-1\" of \"a\": expected a decimal number from 0 to 9223372036854775807");
        assertThat(readFailure(FILE.replace("ino 2", "ino 99999999999999999999")))
                .isEqualTo(":5: bad ino \"99999999999999999999\" of \"a\": expected a decimal number from 0 to"
                        + " 18446744073709551615");
        assertThat(readFailure(FILE.replace("uid 0", "uid 4294967296")))
                .isEqualTo(":5: bad uid \"4294967296\" of \"a\": expected a decimal number from 0 to 4294967295");
        assertThat(readFailure(FILE.replace("perm 420", "perm 4096")))
                .isEqualTo(":5: bad perm \"4096\" of \"a\": expected a decimal number from 0 to 4095");
        assertThat(readFailure(FILE.replace("mtime 3", "mtime yesterday")))
                .isEqualTo(":5: bad mtime \"yesterday\" of \"a\": expected a decimal number from"
                        + " -9223372036854775808 to 9223372036854775807");
    }

    static final String UNSAFE = "; a restore could write outside the tree, so the manifest is refused";

    @Test
    void namesThatAreNotOneDirectoryEntryAreRefused() throws IOException {
        assertThat(readFailure(FILE.replace("fa [", "f.. [")))
                .isEqualTo(":5: unsafe name \"..\": \"..\" is not a file name (expected one entry of the directory)" + UNSAFE);
        assertThat(readFailure(FILE.replace("fa [", "f=2e=2E [")))
                .isEqualTo(":5: unsafe name \"=2e=2E\": \"..\" is not a file name (expected one entry of the directory)"
                        + UNSAFE);
        assertThat(readFailure(FILE.replace("fa [", "f. [")))
                .isEqualTo(":5: unsafe name \".\": \".\" is not a file name (expected one entry of the directory)" + UNSAFE);
        assertThat(readFailure(FILE.replace("fa [", "f../../etc/passwd [")))
                .isEqualTo(":5: unsafe name \"../../etc/passwd\": a file name cannot contain '/' (expected one entry"
                        + " of the directory)" + UNSAFE);
        assertThat(readFailure("dx=2fy [gid 0 kind dir perm 493 uid 0 ]\n-\nu\n-"))
                .isEqualTo(":5: unsafe name \"x=2fy\": a file name cannot contain '/' (expected one entry of the"
                        + " directory)" + UNSAFE);
        assertThat(readFailure(FILE.replace("fa [", "fa=00 [")))
                .isEqualTo(":5: unsafe name \"a=00\": a file name cannot contain a NUL byte (expected one entry of the"
                        + " directory)" + UNSAFE);
    }

    @Test
    void namesWithDotsThatAreEntriesAreKept() throws IOException {
        Path p = tmp.resolve("ok");
        Files.writeString(p, "asure-2.0\n-----\nd__root__ [gid 0 kind dir perm 493 uid 0 ]\n-\n"
                + FILE.replace("fa [", "f... [") + "\n" + FILE.replace("fa [", "f.hidden [") + "\nu\n");
        try (NodeReader r = NodeReader.open(p)) {
            assertThat(TestTree.readAll(r)).hasSize(5);
        }
    }
}
