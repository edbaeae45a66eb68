package org.rdump.cli;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import org.jspecify.annotations.Nullable;
import org.rdump.api.IntegrityException;
import org.rdump.api.IntegrityReport;
import org.rdump.api.IntegrityStore;
import org.rdump.api.ManifestUpdate;
import org.rdump.api.ManifestVersion;
import org.rdump.integrity.Sure;
import org.rdump.integrity.node.Node;
import org.rdump.integrity.node.NodeSource;
import org.rdump.integrity.weave.ManifestFile;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

/**
 * {@code rdump sure scan|update|check|signoff|show|list}: rsure's command line, with rsure's
 * options and output, except that {@code check} and {@code signoff} exit 5 when they find
 * differences (rsure exits 0), so that scripts can rely on them.
 */
@Command(name = "sure", mixinStandardHelpOptions = true,
        description = "rsure-compatible manifests: scan, update, check, signoff, show, list.",
        subcommands = {SureCommand.Scan.class, SureCommand.Update.class, SureCommand.Check.class,
                SureCommand.Signoff.class, SureCommand.Show.class, SureCommand.ListVersions.class})
final class SureCommand {
    @ParentCommand
    RdumpCommand top;

    /** rsure's common options. */
    static final class Options {
        @Option(names = {"-f", "--file"}, paramLabel = "FILE", defaultValue = "2sure.dat.gz",
                description = "The manifest (.gz gzip, .zstd zstd, else plain; default ${DEFAULT-VALUE}).")
        String file;

        @Option(names = {"-d", "--dir"}, paramLabel = "DIR", defaultValue = ".",
                description = "The tree (default: the current directory).")
        String dir;

        @Option(names = "--tag", paramLabel = "KEY=VALUE", description = "A tag for the new version (repeatable);"
                + " 'name' names it (default: the current time).")
        List<String> tags = new ArrayList<>();

        @Option(names = {"-i", "--ignore"}, paramLabel = "ATT", split = ",",
                description = "Attributes to ignore in comparisons (ctime and ino always are).")
        List<String> ignore = new ArrayList<>();

        @Option(names = "--threads", paramLabel = "N", description = "Hashing threads (default: the processors).")
        @Nullable Integer threads;

        Path manifestPath() {
            return Path.of(file).toAbsolutePath();
        }

        Sure sure(RdumpCommand top) {
            // The tree as given (not made absolute): rsure prints paths as the -d value joined with the names.
            Sure s = Sure.at(Path.of(dir)).manifest(manifestPath()).listener(top.quietListener());
            for (String t : tags) {
                int eq = t.indexOf('=');
                if (eq <= 0) {
                    throw new picocli.CommandLine.ParameterException(new picocli.CommandLine(new Options()),
                            "--tag needs KEY=VALUE, got '" + t + "'");
                }
                s = s.tag(t.substring(0, eq), t.substring(eq + 1));
            }
            if (!ignore.isEmpty()) {
                s = s.ignore(ignore.toArray(String[]::new));
            }
            if (threads != null) {
                s = s.threads(threads);
            }
            return s;
        }
    }

    abstract static class Sub implements Callable<Integer> {
        @ParentCommand
        SureCommand sure;

        @Mixin
        Options options;

        @Spec
        CommandSpec spec;

        RdumpCommand top() {
            return sure.top;
        }

        /** The manifest named by -f, refused (usage error) when it is a directory. */
        Path manifest() {
            Path p = options.manifestPath();
            if (Files.isDirectory(p)) {
                throw new ParameterException(spec.commandLine(), options.file + " is a directory; -f names the manifest"
                        + " file, e.g. " + Path.of(options.file).resolve(IntegrityStore.DEFAULT_MANIFEST));
            }
            return p;
        }

        Sure sure() {
            manifest();
            return options.sure(top());
        }
    }

    @Command(name = "scan", mixinStandardHelpOptions = true, description = "Add a version, hashing every file.")
    static final class Scan extends Sub {
        @Override
        public Integer call() {
            return printUpdate(top(), sure().scan());
        }
    }

    @Command(name = "update", mixinStandardHelpOptions = true,
            description = "Add a version, hashing only files whose inode, ctime, size or mtime changed.")
    static final class Update extends Sub {
        @Override
        public Integer call() {
            return printUpdate(top(), sure().update());
        }
    }

    @Command(name = "check", mixinStandardHelpOptions = true,
            description = "Compare the latest (or -v N) version with the tree; exit 5 on differences.")
    static final class Check extends Sub {
        @Option(names = {"-v", "--version"}, paramLabel = "N", description = "The version to check against.")
        @Nullable Integer version;

        @Override
        public Integer call() {
            Sure s = sure();
            if (!top().json) {
                top().out.println("Check " + options.file);
            }
            IntegrityReport r = version == null ? s.check() : s.check(version);
            return printReport(top(), "check", r);
        }
    }

    @Command(name = "signoff", mixinStandardHelpOptions = true,
            description = "Compare the version before the latest with the latest; exit 5 on differences.")
    static final class Signoff extends Sub {
        @Override
        public Integer call() {
            if (!top().json) {
                top().out.println("signoff " + options.file);
            }
            return printReport(top(), "signoff", sure().signoff());
        }
    }

    @Command(name = "show", mixinStandardHelpOptions = true, description = "Print the nodes of a version.")
    static final class Show extends Sub {
        @Option(names = {"-v", "--version"}, paramLabel = "N", description = "The version (default: the latest).")
        @Nullable Integer version;

        @Override
        public Integer call() throws IOException {
            ManifestFile m = ManifestFile.at(manifest());
            int v = version == null ? m.latest() : version;
            top().out.println("show " + options.file);
            try (NodeSource nodes = m.read(v)) {
                for (Node n = nodes.next(); n != null; n = nodes.next()) {
                    top().out.println(RustDebug.node(n));
                }
            }
            return ExitCode.OK;
        }
    }

    @Command(name = "list", mixinStandardHelpOptions = true, description = {"List the versions, newest first.",
        "Reads only the header, as rsure does, so damage further in the file goes unnoticed; --check reads"
                + " every version to its end and fails (exit 1) on the first damage. A missing manifest is an"
                + " error (exit 1)."})
    static final class ListVersions extends Sub {
        private static final DateTimeFormatter LOCAL = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss")
                .withZone(ZoneId.systemDefault());

        @Option(names = "--check", description = "Also read every version whole; fail on the first damage.")
        boolean check;

        @Override
        public Integer call() throws IOException {
            ManifestFile mf = ManifestFile.at(manifest());
            if (!mf.exists()) {
                throw new IntegrityException(mf.mainFile(), "no such manifest file; create it with `rdump sure scan`"
                        + " or name another with -f", null);
            }
            List<ManifestVersion> versions = sure().versions();
            if (check) {
                readEveryVersion(mf, versions);
                top().err.println("rdump: read all " + versions.size() + " versions of " + mf.mainFile()
                        + " to their end: no damage found");
            }
            if (top().json) {
                List<Map<String, Object>> out = new ArrayList<>();
                for (ManifestVersion v : versions) {
                    Map<String, Object> m = new LinkedHashMap<>();
                    m.put("number", v.number());
                    m.put("name", v.name());
                    m.put("time", v.time().toString());
                    m.put("tags", v.tags());
                    out.add(m);
                }
                top().printJson(out);
                return ExitCode.OK;
            }
            top().out.println("vers | Time captured       | name");
            top().out.println("-----+---------------------+------------------");
            for (ManifestVersion v : versions) {
                top().out.println(String.format(Locale.ROOT, "%4d | %s | %s", v.number(), LOCAL.format(v.time()),
                        v.name()));
            }
            return ExitCode.OK;
        }
    }

    /** Reads each version to its end (the weave and node checks of {@link ManifestFile#read}). */
    static void readEveryVersion(ManifestFile m, List<ManifestVersion> versions) throws IOException {
        for (ManifestVersion v : versions) {
            try (NodeSource nodes = m.read(v.number())) {
                while (nodes.next() != null) {
                    // the reader checks every line
                }
            }
        }
    }

    static int printUpdate(RdumpCommand top, ManifestUpdate u) {
        if (top.json) {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("version", u.version().number());
            m.put("name", u.version().name());
            m.put("directories", u.directories());
            m.put("files", u.files());
            m.put("bytes", u.bytes());
            m.put("hashedFiles", u.hashedFiles());
            m.put("hashedBytes", u.hashedBytes());
            m.put("unreadable", u.unreadable());
            m.put("seconds", u.elapsed().toNanos() / 1e9);
            top.printJson(m);
            return ExitCode.OK;
        }
        top.out.println("scan: " + u.directories() + " dirs " + u.files() + " files, " + humanize(u.bytes()) + " bytes");
        top.out.println(String.format(Locale.ROOT, "%7d/%7d (%s) files, %s/%s (%s) bytes", u.hashedFiles(),
                u.hashedFiles(), percent(u.hashedFiles(), u.hashedFiles()), humanize(u.hashedBytes()),
                humanize(u.hashedBytes()), percent(u.hashedBytes(), u.hashedBytes())));
        double secs = Math.max(u.elapsed().toNanos() / 1e9, 1e-9);
        top.err.println(String.format(Locale.ROOT, "rdump: version %d written in %.2f s%s%s",
                u.version().number(), secs, u.hashedBytes() < 16L * 1024 * 1024 ? ""
                        : String.format(Locale.ROOT, " (%.0f MB/s hashed)", u.hashedBytes() / secs / 1e6),
                u.unreadable() > 0 ? "; " + u.unreadable() + " files could not be read" : ""));
        return ExitCode.OK;
    }

    static int printReport(RdumpCommand top, String what, IntegrityReport r) {
        if (top.json) {
            List<Map<String, Object>> diffs = new ArrayList<>();
            r.differences().forEach(d -> {
                Map<String, Object> m = new LinkedHashMap<>();
                m.put("change", d.change().name().toLowerCase(Locale.ROOT));
                m.put("path", d.path());
                m.put("kind", d.kind());
                m.put("attributes", d.attributes());
                diffs.add(m);
            });
            top.printJson(Map.of("command", what, "clean", r.clean(), "differences", diffs));
        } else {
            r.lines().forEach(top.out::println);
        }
        if (!r.clean()) {
            top.err.println("rdump: " + what + " found " + r.differences().size() + " difference"
                    + (r.differences().size() == 1 ? "" : "s"));
            return ExitCode.DIFFERENCES;
        }
        return ExitCode.OK;
    }

    /** rsure's humanize: {@code {:6.N}} and a 3-character unit. */
    static String humanize(long bytes) {
        String[] units = {"B  ", "KiB", "MiB", "GiB", "TiB", "PiB", "EiB"};
        double v = bytes;
        int u = 0;
        while (v > 1024.0 && u < units.length - 1) {
            v /= 1024.0;
            u++;
        }
        int prec = v < 10 ? 3 : v < 100 ? 2 : 1;
        return String.format(Locale.ROOT, "%6." + prec + "f%s", v, units[u]);
    }

    static String percent(long done, long total) {
        return total == 0 ? "  NaN%" : String.format(Locale.ROOT, "%5.1f%%", 100.0 * done / total);
    }

}
