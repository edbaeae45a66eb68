package org.rdump.integrity.weave;

import java.nio.file.Path;
import java.util.Map;
import org.rdump.integrity.node.Node;
import org.rdump.integrity.node.NodeSource;

/** Run in a child JVM with a small heap: adds the given plain streams as versions, then counts the latest. */
public final class AddVersionMain {
    private AddVersionMain() {}

    public static void main(String[] args) throws Exception {
        ManifestFile m = ManifestFile.at(Path.of(args[0]));
        for (int i = 1; i < args.length; i++) {
            m.addVersion(Map.of("name", "v" + i), Path.of(args[i]));
        }
        long files = 0;
        try (NodeSource s = m.read(m.latest())) {
            for (Node n = s.next(); n != null; n = s.next()) {
                if (n instanceof Node.File) {
                    files++;
                }
            }
        }
        System.out.println("files " + files + " max heap " + Runtime.getRuntime().maxMemory() / (1024 * 1024) + " MiB");
    }
}
