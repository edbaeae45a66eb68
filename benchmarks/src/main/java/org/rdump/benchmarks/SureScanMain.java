package org.rdump.benchmarks;

import java.nio.file.Path;
import org.rdump.api.ManifestUpdate;
import org.rdump.integrity.Sure;

/**
 * {@code rdump sure scan|update -d DIR -f FILE [-t THREADS]} without the command line around it,
 * for {@code compare-peers.sh} to time while the CLI lacks the {@code sure} command. Prints one
 * summary line; exits 2 on bad arguments, 1 when files could not be read.
 */
public final class SureScanMain {
    private SureScanMain() {}

    public static void main(String[] args) {
        String cmd = null;
        Path dir = null;
        String file = null;
        int threads = 0;
        for (int i = 0; i < args.length; i++) {
            switch (args[i]) {
                case "scan", "update" -> cmd = args[i];
                case "-d" -> dir = Path.of(args[++i]);
                case "-f" -> file = args[++i];
                case "-t" -> threads = Integer.parseInt(args[++i]);
                default -> usage("unknown argument " + args[i]);
            }
        }
        if (cmd == null || dir == null) {
            usage("missing scan|update or -d");
            return;
        }
        Sure s = Sure.at(dir);
        if (file != null) {
            s = s.manifest(file);
        }
        if (threads > 0) {
            s = s.threads(threads);
        }
        ManifestUpdate u = "scan".equals(cmd) ? s.scan() : s.update();
        System.out.println(cmd + " " + dir + ": version " + u.version().number() + ", " + u.files() + " files, "
                + u.hashedFiles() + " hashed (" + u.hashedBytes() + " bytes), " + u.unreadable() + " unreadable, "
                + u.elapsed().toMillis() + " ms");
        System.exit(u.unreadable() > 0 ? 1 : 0);
    }

    private static void usage(String why) {
        System.err.println("usage: SureScanMain scan|update -d DIR [-f MANIFEST] [-t THREADS]: " + why);
        System.exit(2);
    }
}
