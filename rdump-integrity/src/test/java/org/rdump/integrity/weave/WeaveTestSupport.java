package org.rdump.integrity.weave;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Stream;
import org.rdump.integrity.node.Node;
import org.rdump.integrity.node.NodeSource;
import org.rdump.integrity.node.TestTree;

/** Helpers shared by the weave tests. */
final class WeaveTestSupport {
    private WeaveTestSupport() {}

    /** The vectors folder copied from the rsure run (read-only: copy before writing). */
    static Path vectors() {
        try {
            return Path.of(WeaveTestSupport.class.getResource("/rsure-0.10/README.txt").toURI()).getParent();
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }

    static List<Node> readAll(NodeSource s) throws IOException {
        return TestTree.readAll(s);
    }

    /** The decompressed bytes of a weave file. */
    static byte[] decompressed(Path file) throws IOException {
        Compression c = Compression.ofName(file.getFileName().toString());
        try (InputStream in = c.decompress(Files.newInputStream(file))) {
            return in.readAllBytes();
        }
    }

    static void deleteTree(Path dir) {
        try (Stream<Path> s = Files.walk(dir)) {
            for (Path p : (Iterable<Path>) s.sorted(Comparator.reverseOrder())::iterator) {
                Files.delete(p);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static List<String> lines(byte[] bytes) {
        String s = new String(bytes, java.nio.charset.StandardCharsets.ISO_8859_1);
        return new ArrayList<>(List.of(s.split("\n", -1)));
    }
}
