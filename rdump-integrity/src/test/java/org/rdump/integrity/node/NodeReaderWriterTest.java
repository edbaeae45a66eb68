package org.rdump.integrity.node;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.rdump.api.IntegrityException;

class NodeReaderWriterTest {
    @TempDir Path tmp;

    @Property(tries = 200)
    void anyTreeRoundTrips(@ForAll long seed) throws IOException {
        List<Node> nodes = TestTree.random(new Random(seed), 4, 5).nodes();
        ByteArrayOutputStream bos = new ByteArrayOutputStream();
        try (NodeWriter w = new NodeWriter(bos)) {
            for (Node n : nodes) {
                w.write(n);
            }
        }
        byte[] bytes = bos.toByteArray();
        String expected = String.join("\n", TestTree.lines(nodes)) + "\n";
        assertThat(new String(bytes, StandardCharsets.ISO_8859_1)).isEqualTo(expected);
        List<Node> back = TestTree.readAll(new NodeReader(new ByteArrayInputStream(bytes), "mem"));
        assertThat(back).isEqualTo(nodes);
    }

    @Test
    void readsRsureLines() throws IOException {
        String text = "asure-2.0\n-----\nd__root__ [gid 0 kind dir perm 493 uid 0 ]\nddir-=ff [gid 0 kind dir perm 493 uid 0 ]\n-\n"
                + "ff [ctime 1 gid 0 ino 2 kind file mtime 3 perm 420 sha1 d85d99d2cc1a84857fe9ee074ee5a4c715183609 size 16 uid 0 ]\nu\n-\n"
                + "fodd-link [gid 0 kind lnk perm 511 targ target=20with=20space=3d uid 0 ]\nu\n";
        NodeReader r = new NodeReader(new ByteArrayInputStream(text.getBytes(StandardCharsets.US_ASCII)), "t");
        List<Node> nodes = TestTree.readAll(r);
        assertThat(nodes).hasSize(8);
        Node.Enter dir = (Node.Enter) nodes.get(1);
        assertThat(dir.name().bytes()).containsExactly('d', 'i', 'r', '-', 0xff);
        Node.File link = (Node.File) nodes.get(6);
        assertThat(link.atts().kind()).isEqualTo("lnk");
        assertThat(NameCodec.unescape(link.atts().get("targ").orElseThrow()))
                .isEqualTo("target with space=".getBytes(StandardCharsets.US_ASCII));
        assertThat(String.join("\n", TestTree.lines(nodes)) + "\n").isEqualTo(text);
    }

    @Test
    void attributesDiffer() {
        Attributes a = Attributes.of(Map.of("kind", "file", "ctime", "1", "sha1", "aa", "size", "3"));
        Attributes b = a.with("ctime", "2").without("sha1").with("mtime", "5");
        assertThat(a.differingKeys(b, Set.of("ctime"))).containsExactly("mtime", "sha1");
        
        assertThat(a.kind()).isEqualTo("file");
        assertThat(new Node.File(NodeName.fromEscaped("a=20b"), a).line())
                .isEqualTo("fa=20b [ctime 1 kind file sha1 aa size 3 ]");
        assertThatThrownBy(() -> Attributes.of(Map.of("targ", "a b"))).isInstanceOf(IllegalArgumentException.class);
    }

    private static final String ROOT = "d__root__ [kind dir ]\n";

    private static String problem(String text) {
        NodeReader r = new NodeReader(new ByteArrayInputStream(text.getBytes(StandardCharsets.ISO_8859_1)), "/m/x.dat");
        try {
            TestTree.readAll(r);
        } catch (IntegrityException e) {
            return e.getMessage();
        } catch (IOException e) {
            throw new AssertionError(e);
        }
        throw new AssertionError("no error for " + text);
    }

    @Test
    void malformedStreamsNameFileLineAndProblem() {
        assertThat(problem("")).isEqualTo("/m/x.dat: truncated stream: empty, expected the header \"asure-2.0\"");
        assertThat(problem("asure-1.0\n")).isEqualTo("/m/x.dat:1: bad header: expected \"asure-2.0\", found \"asure-1.0\"");
        assertThat(problem("asure-2.0\n----\n")).isEqualTo("/m/x.dat:2: bad header: expected \"-----\", found \"----\"");
        assertThat(problem("asure-2.0\n-----\n" + ROOT + "x\n")).isEqualTo("/m/x.dat:4: unknown line type 'x': \"x\"");
        assertThat(problem("asure-2.0\n-----\n" + ROOT + "\u0001I 1\n")).isEqualTo("/m/x.dat:4: unknown line type 0x01: \"\u0001I 1\"");
        assertThat(problem("asure-2.0\n-----\n" + ROOT + "-\nfa=zz [kind file ]\nu\n"))
                .isEqualTo("/m/x.dat:5: bad escape in name \"a=zz\": bad hex digit 'z' after '=' at offset 1");
        assertThat(problem("asure-2.0\n-----\n" + ROOT + "-\nfa= [kind file ]\nu\n"))
                .isEqualTo("/m/x.dat:5: bad escape in name \"a=\": dangling '=' at offset 1");
        assertThat(problem("asure-2.0\n-----\n" + ROOT + "dsub [kind dir ]\n-\nu\n-\n"))
                .isEqualTo("/m/x.dat:7: truncated stream: unbalanced d/u, 1 directory still open (innermost \"__root__\")");
        assertThat(problem("asure-2.0\n-----\n" + ROOT + "-\nu\nu\n"))
                .isEqualTo("/m/x.dat:6: data after the end of the root directory: \"u\"");
        assertThat(problem("asure-2.0\n-----\n" + ROOT + "fa [kind file ]\n"))
                .isEqualTo("/m/x.dat:4: missing '-': file \"a\" before '-' in directory \"__root__\"");
        assertThat(problem("asure-2.0\n-----\n" + ROOT + "dsub [kind dir ]\nu\n"))
                .isEqualTo("/m/x.dat:5: missing '-' before 'u' of directory \"sub\"");
        assertThat(problem("asure-2.0\n-----\n" + ROOT + "-\n-\n"))
                .isEqualTo("/m/x.dat:5: second '-' in directory \"__root__\"");
        assertThat(problem("asure-2.0\n-----\n" + ROOT + "-\ndsub [kind dir ]\n"))
                .isEqualTo("/m/x.dat:5: directory \"sub\" after '-' in directory \"__root__\"");
        assertThat(problem("asure-2.0\n-----\n-\n"))
                .isEqualTo("/m/x.dat:3: expected the root directory ('d' line), found \"-\"");
        assertThat(problem("asure-2.0\n-----\n" + ROOT + "-\nfa [kind file "))
                .isEqualTo("/m/x.dat:5: missing ']' at the end: \"fa [kind file \"");
        assertThat(problem("asure-2.0\n-----\n" + ROOT + "-\nfa [kind file ]\nu"))
                .isEqualTo("/m/x.dat:6: truncated stream: the last line has no newline");
        assertThat(problem("asure-2.0\n-----\n" + ROOT + "-\nfa [kind]\nu\n"))
                .isEqualTo("/m/x.dat:5: attribute without value: \"fa [kind]\"");
    }

    @Test
    void truncatedMidTree() {
        assertThat(problem("asure-2.0\n-----\n" + ROOT + "dsub [kind dir ]\n-\n"))
                .isEqualTo("/m/x.dat:5: truncated stream: unbalanced d/u, 2 directories still open (innermost \"sub\")");
    }

    @Test
    void writerRejectsBadStructureAndIncompleteStream() throws IOException {
        Path f = tmp.resolve("w");
        NodeWriter w = new NodeWriter(Files.newOutputStream(f));
        w.write(new Node.Enter(NodeName.fromEscaped("__root__"), Attributes.EMPTY));
        assertThatThrownBy(() -> w.write(new Node.File(NodeName.fromEscaped("a"), Attributes.EMPTY)))
                .isInstanceOf(IllegalStateException.class).hasMessageContaining("missing '-'");
        assertThatThrownBy(w::close).isInstanceOf(IllegalStateException.class)
                .hasMessage("incomplete node stream: truncated stream: unbalanced d/u, 1 directory still open (innermost \"__root__\")");
    }

    @Test
    void longLinesCrossTheBuffer() throws IOException {
        byte[] big = new byte[200_000];
        java.util.Arrays.fill(big, (byte) 'q');
        List<Node> nodes = List.of(new Node.Enter(NodeName.fromEscaped("__root__"), Attributes.EMPTY), Node.SEP,
                new Node.File(NodeName.of(big), Attributes.of(Map.of("kind", "file"))), Node.LEAVE);
        Path f = tmp.resolve("big");
        TestTree.write(nodes, f);
        assertThat(TestTree.readAll(NodeReader.open(f))).isEqualTo(nodes);
    }
}
