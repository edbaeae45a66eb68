package org.rdump.integrity;

import java.nio.file.Path;
import java.util.Map;
import org.rdump.api.ManifestUpdate;
import org.rdump.testkit.TestRunContext;

/** Runs one update in a child JVM (under another user): args TREE MANIFEST. */
public final class UpdateMain {
    private UpdateMain() {
    }

    public static void main(String[] args) throws Exception {
        Path scratch = Path.of(args[1]).resolveSibling("scratch");
        ManifestUpdate u = new SureStore().update(Path.of(args[0]), Path.of(args[1]), Map.of("name", "child"),
                TestRunContext.real(scratch));
        System.out.println("hashed=" + u.hashedFiles() + " unreadable=" + u.unreadable());
    }
}
