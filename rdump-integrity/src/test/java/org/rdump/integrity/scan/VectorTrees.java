package org.rdump.integrity.scan;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.rdump.testkit.RequiredTools;

/** The rsure interoperability vectors' tree (built by their make-tree.py) and recorded streams. */
public final class VectorTrees {
    public static final Path VECTORS = Path.of("/work/shared/vectors/rsure-0.10");

    private VectorTrees() {
    }

    /** Builds the vectors' v1 tree at {@code dir} (which must not exist); skips without python3. */
    public static Path makeTree(Path dir) throws IOException, InterruptedException {
        RequiredTools.need("python3", "python3");
        RequiredTools.needCondition("vectors", Files.isDirectory(VECTORS), "no rsure vectors at " + VECTORS);
        Process p = new ProcessBuilder("python3", VECTORS.resolve("make-tree.py").toString(), dir.toString())
                .redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (!p.waitFor(60, TimeUnit.SECONDS) || p.exitValue() != 0) {
            throw new IOException("make-tree.py failed: " + out);
        }
        return dir;
    }

    /** The node lines of version 1 in a step's decompressed weave (control lines dropped). */
    public static List<String> v1Lines(String step, String file) throws IOException {
        List<String> out = new ArrayList<>();
        for (String l : Files.readAllLines(VECTORS.resolve(step).resolve(file), StandardCharsets.ISO_8859_1)) {
            if (!l.isEmpty() && l.charAt(0) != '\u0001') {
                out.add(l);
            }
        }
        return out;
    }
}
