package org.rdump.rsync;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.Tuple;
import net.jqwik.api.Tuple.Tuple2;
import org.junit.jupiter.api.Test;

/** The parser of rsync's itemized dry-run output. */
class ItemizedChangesTest {

    /** rsync's own escaping (log.c): a byte below 0x20 but tab, 0x7f and up (C locale), and a backslash before #ddd. */
    static String escape(byte[] name) {
        StringBuilder out = new StringBuilder();
        for (int i = 0; i < name.length; i++) {
            int b = name[i] & 0xff;
            boolean hashDigits = b == '\\' && i + 4 < name.length && name[i + 1] == '#' && digit(name[i + 2])
                    && digit(name[i + 3]) && digit(name[i + 4]);
            if (hashDigits || b != '\t' && (b < 0x20 || b >= 0x7f)) {
                out.append(String.format("\\#%03o", b));
            } else {
                out.append((char) b);
            }
        }
        return out.toString();
    }

    private static boolean digit(byte b) {
        return b >= '0' && b <= '9';
    }

    @Provide
    Arbitrary<byte[]> paths() {
        Arbitrary<byte[]> component = Arbitraries.bytes().filter(b -> b != 0 && b != '/').array(byte[].class)
                .ofMinSize(1).ofMaxSize(12)
                .filter(c -> !new String(c, StandardCharsets.ISO_8859_1).equals(".")
                        && !new String(c, StandardCharsets.ISO_8859_1).equals(".."));
        // names rich in the characters that matter: backslash, hash, digits, tab, newline, high bytes
        Arbitrary<byte[]> tricky = Arbitraries.of("\\#123", "\\#9", "\\", "#", "a\tb", "n\nl", "\u00e9", " ", "-x")
                .map(s -> s.getBytes(StandardCharsets.UTF_8));
        return Arbitraries.oneOf(component, tricky).list().ofMinSize(1).ofMaxSize(4).map(parts -> {
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            for (int i = 0; i < parts.size(); i++) {
                if (i > 0) {
                    out.write('/');
                }
                out.writeBytes(parts.get(i));
            }
            return out.toByteArray();
        });
    }

    @Provide
    Arbitrary<List<Tuple2<String, byte[]>>> items() {
        Arbitrary<String> code = Arbitraries.of(">f+++++++++", ">f.st......", ".f...p.....", "cd+++++++++",
                ".d..t......", "cL+++++++++", "hf+++++++++", "cD+++++++++", "*deleting  ");
        return Combinators.combine(code, paths()).as(Tuple::of).list().ofMaxSize(20);
    }

    @Property
    void parsingRsyncsOutputGivesBackEveryPathAndWhetherItIsDeleted(
            @ForAll("items") List<Tuple2<String, byte[]>> items) {
        StringBuilder out = new StringBuilder("sending incremental file list\n");
        List<byte[]> changed = new ArrayList<>();
        List<byte[]> deleted = new ArrayList<>();
        for (Tuple2<String, byte[]> it : items) {
            boolean dir = it.get1().charAt(1) == 'd';
            out.append(ItemizedChanges.PREFIX).append(it.get1()).append(' ').append(escape(it.get2()))
                    .append(dir ? "/" : "").append('\n');
            (it.get1().startsWith("*") ? deleted : changed).add(it.get2());
        }
        ItemizedChanges parsed = ItemizedChanges.parse(out.toString());
        assertThat(parsed.changed()).containsExactlyElementsOf(changed);
        assertThat(parsed.deleted()).containsExactlyElementsOf(deleted);
    }

    @Property
    void aNulListReadsBackAsWritten(@ForAll("items") List<Tuple2<String, byte[]>> items) {
        List<byte[]> paths = items.stream().map(Tuple2::get2).toList();
        assertThat(ItemizedChanges.fromNulList(ItemizedChanges.nulList(paths))).containsExactlyElementsOf(paths);
    }

    @Test
    void theRootIsADotAndOtherLinesAreIgnored() {
        ItemizedChanges c = ItemizedChanges.parse("created directory x\n" + ItemizedChanges.PREFIX
                + ".d..t...... ./\n" + ItemizedChanges.PREFIX + "*deleting   gone/\n\n");
        assertThat(c.changed()).containsExactly(new byte[] {'.'});
        assertThat(c.deleted()).containsExactly("gone".getBytes(StandardCharsets.US_ASCII));
    }

    @Test
    void aPathOutsideTheTreeOrAMalformedLineIsRefused() {
        assertThatThrownBy(() -> ItemizedChanges.parse(ItemizedChanges.PREFIX + ">f+++++++++ a/../../etc\n"))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("outside the tree");
        assertThatThrownBy(() -> ItemizedChanges.parse(ItemizedChanges.PREFIX + ">f+++++++++ /etc/passwd\n"))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("outside the tree");
        assertThatThrownBy(() -> ItemizedChanges.parse(ItemizedChanges.PREFIX + ">f++ short\n"))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("not an rsync itemized line");
        assertThatThrownBy(() -> ItemizedChanges.fromNulList("a\0b".getBytes(StandardCharsets.US_ASCII)))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("does not end with a NUL");
    }
}
