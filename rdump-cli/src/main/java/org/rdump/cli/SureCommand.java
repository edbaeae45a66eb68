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
import org.rdump.api.support.Plural;
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
 *
 * <p>rsure's own order works: its global options ({@code -f}, {@code -d}, {@code --tag},
 * {@code -v N}) before the subcommand, as in {@code rdump sure -f F -d D -v 2 check}; each
 * subcommand also takes the options that apply to it after its name (they win over the ones
 * before it). {@code -v} after {@code sure} is rsure's version number; {@code rdump -v sure ...}
 * is rdump's verbose flag, and so is {@code --verbose} after {@code sure} (see {@link VerboseOptions}).
 */
@Command(name = "sure", synopsisSubcommandLabel = "COMMAND",
        description = {"rsure-compatible manifests: scan, update, check, signoff, show, list.",
            "Options go before the command, as rsure takes them (rdump sure -f FILE -d DIR -v 2 check), or after it."
                    + " -v N here is rsure's version number; rdump's verbose flag goes before 'sure' (rdump -v sure"
                    + " ...) or is --verbose after it."},
        subcommands = {SureCommand.Scan.class, SureCommand.Update.class, SureCommand.Check.class,
                SureCommand.Signoff.class, SureCommand.Show.class, SureCommand.ListVersions.class})
final class SureCommand {
    static final String DEFAULT_FILE = "2sure.dat.gz";

    @ParentCommand
    RdumpCommand top;

    @Option(names = {"-h", "--help"}, usageHelp = true, description = "Show this help message and exit.")
    boolean help;

    @Option(names = {"-f", "--file"}, paramLabel = "FILE",
            description = "The manifest (.gz gzip, .zstd zstd, else plain; default " + DEFAULT_FILE + ").")
    @Nullable String file;

    @Option(names = {"-d", "--dir"}, paramLabel = "DIR", description = "The tree (default: the current directory).")
    @Nullable String dir;

    @Option(names = "--tag", paramLabel = "KEY=VALUE",
            description = "A tag for the new version of scan and update (repeatable); 'name' names it.")
    List<String> tags = new ArrayList<>();

    @Option(names = {"-v", "--version"}, paramLabel = "N",
            description = "The version check compares with, or show prints (default: the latest).")
    @Nullable Integer version;

    /** -f FILE after the subcommand. */
    static final class FileOption {
        @Option(names = {"-f", "--file"}, paramLabel = "FILE",
                description = "The manifest (.gz gzip, .zstd zstd, else plain; default " + DEFAULT_FILE + ").")
        @Nullable String file;
    }

    /** -d DIR after the subcommand. */
    static final class DirOption {
        @Option(names = {"-d", "--dir"}, paramLabel = "DIR", description = "The tree (default: the current directory).")
        @Nullable String dir;
    }

    /** --tag and --threads: the options of the commands that write a version. */
    static final class WriteOptions {
        @Option(names = "--tag", paramLabel = "KEY=VALUE", description = "A tag for the new version (repeatable);"
                + " 'name' names it (default: the current time).")
        List<String> tags = new ArrayList<>();

        @Option(names = "--threads", paramLabel = "N", description = "Hashing threads (default: the processors).")
        @Nullable Integer threads;
    }

    /** -i: the option of the commands that compare. */
    static final class IgnoreOption {
        @Option(names = {"-i", "--ignore"}, paramLabel = "ATT", split = ",",
                description = "Attributes to ignore in comparisons (repeatable or comma-separated; ctime and ino"
                        + " always are).")
        List<String> ignore = new ArrayList<>();
    }

    /** -v N after check or show (short name only: --version there prints rdump's version, as in rsure). */
    static final class VersionOption {
        @Option(names = "-v", paramLabel = "N", description = "The version (default: the latest).")
        @Nullable Integer version;
    }

    abstract static class Sub implements Callable<Integer> {
        @ParentCommand
        SureCommand sure;

        @Mixin
        FileOption fileOption;

        @Spec
        CommandSpec spec;

        RdumpCommand top() {
            return sure.top;
        }

        /** -f after the subcommand, else before it, else rsure's default. */
        String file() {
            return fileOption.file != null ? fileOption.file : sure.file != null ? sure.file : DEFAULT_FILE;
        }

        /** The directory the subcommand takes after its name, or null if it takes none. */
        @Nullable String ownDir() {
            return null;
        }

        String dir() {
            String own = ownDir();
            return own != null ? own : sure.dir != null ? sure.dir : ".";
        }

        /** Tags of the version written: those after the subcommand, then those before it. */
        List<String> tags() {
            return sure.tags;
        }

        List<String> ignore() {
            return List.of();
        }

        @Nullable Integer threads() {
            return null;
        }

        /** -v N after the subcommand, else before it (rsure's place). */
        @Nullable Integer version() {
            return sure.version;
        }

        /** Which of rsure's global options this subcommand uses; the others are accepted and said to be ignored. */
        boolean writes() {
            return false;
        }

        boolean readsVersion() {
            return false;
        }

        /** The manifest named by -f, refused (usage error) when it is a directory. */
        Path manifest() {
            ignoredOptions();
            Path p = Path.of(file()).toAbsolutePath();
            if (Files.isDirectory(p)) {
                throw new ParameterException(spec.commandLine(), file() + " is a directory; -f names the manifest"
                        + " file, e.g. " + Path.of(file()).resolve(IntegrityStore.DEFAULT_MANIFEST));
            }
            return p;
        }

        /** rsure takes its global options with every subcommand; say so when one of them has no effect here. */
        private void ignoredOptions() {
            if (!sure.tags.isEmpty() && !writes()) {
                top().err.println("rdump: warning: --tag has no effect on sure " + spec.name()
                        + " (only scan and update write a version)");
            }
            if (sure.version != null && !readsVersion()) {
                top().err.println("rdump: warning: -v " + sure.version + " has no effect on sure " + spec.name()
                        + " (only check and show read a chosen version)");
            }
        }

        /** The tree named by -d, which must be a directory. */
        Path tree() {
            Path tree = Path.of(dir());
            if (!Files.isDirectory(tree)) {
                throw new IntegrityException(tree, Files.exists(tree) ? "not a directory; -d names the tree to "
                        + spec.name() : "no such directory; -d names the tree to " + spec.name()
                        + " (default: the current directory)", null);
            }
            return tree;
        }

        Sure sure() {
            Path manifest = manifest();
            // The tree as given (not made absolute): rsure prints paths as the -d value joined with the names.
            Sure s = Sure.at(tree()).manifest(manifest).listener(top().quietListener());
            List<String> tags = tags();
            for (String t : tags) {
                int eq = t.indexOf('=');
                if (eq <= 0) {
                    throw new ParameterException(spec.commandLine(), "--tag needs KEY=VALUE, got '" + t + "'");
                }
                s = s.tag(t.substring(0, eq), t.substring(eq + 1));
            }
            if (!ignore().isEmpty()) {
                s = s.ignore(ignore().toArray(String[]::new));
            }
            Integer threads = threads();
            if (threads != null) {
                s = s.threads(threads);
            }
            return s;
        }
    }

    /** scan and update: -d, --tag, --threads. */
    abstract static class Writing extends Sub {
        @Mixin
        DirOption dirOption;

        @Mixin
        WriteOptions write;

        @Override
        @Nullable String ownDir() {
            return dirOption.dir;
        }

        @Override
        List<String> tags() {
            List<String> all = new ArrayList<>(sure.tags);
            all.addAll(write.tags); // after the subcommand wins
            return all;
        }

        @Override
        @Nullable Integer threads() {
            return write.threads;
        }

        @Override
        boolean writes() {
            return true;
        }
    }

    @Command(name = "scan", mixinStandardHelpOptions = true, description = "Add a version, hashing every file.")
    static final class Scan extends Writing {
        @Override
        public Integer call() {
            return printUpdate(top(), "sure scan", sure().scan());
        }
    }

    @Command(name = "update", mixinStandardHelpOptions = true,
            description = "Add a version, hashing only files whose inode, ctime, size or mtime changed.")
    static final class Update extends Writing {
        @Override
        public Integer call() {
            return printUpdate(top(), "sure update", sure().update());
        }
    }

    @Command(name = "check", mixinStandardHelpOptions = true,
            description = "Compare the latest (or -v N) version with the tree; exit 5 on differences.")
    static final class Check extends Sub {
        @Mixin
        DirOption dirOption;

        @Mixin
        VersionOption versionOption;

        @Mixin
        IgnoreOption ignoreOption;

        @Option(names = "--threads", paramLabel = "N", description = "Hashing threads (default: the processors).")
        @Nullable Integer threads;

        @Override
        @Nullable String ownDir() {
            return dirOption.dir;
        }

        @Override
        @Nullable Integer version() {
            return versionOption.version != null ? versionOption.version : sure.version;
        }

        @Override
        List<String> ignore() {
            return ignoreOption.ignore;
        }

        @Override
        @Nullable Integer threads() {
            return threads;
        }

        @Override
        boolean readsVersion() {
            return true;
        }

        @Override
        public Integer call() {
            Sure s = sure();
            if (!top().json) {
                top().out.println("Check " + file());
            }
            Integer version = version();
            IntegrityReport r = version == null ? s.check() : s.check(version);
            return printReport(top(), "check", r, dir());
        }
    }

    @Command(name = "signoff", mixinStandardHelpOptions = true,
            description = "Compare the version before the latest with the latest; exit 5 on differences.")
    static final class Signoff extends Sub {
        @Mixin
        IgnoreOption ignoreOption;

        @Override
        List<String> ignore() {
            return ignoreOption.ignore;
        }

        @Override
        public Integer call() {
            Sure s = sure();
            if (!top().json) {
                top().out.println("signoff " + file());
            }
            return printReport(top(), "signoff", s.signoff(), dir());
        }
    }

    @Command(name = "show", mixinStandardHelpOptions = true, description = "Print the nodes of a version.")
    static final class Show extends Sub {
        @Mixin
        VersionOption versionOption;

        @Override
        @Nullable Integer version() {
            return versionOption.version != null ? versionOption.version : sure.version;
        }

        @Override
        boolean readsVersion() {
            return true;
        }

        @Override
        public Integer call() throws IOException {
            ManifestFile m = existing(manifest());
            Integer version = version();
            int v = version == null ? m.latest() : version;
            if (top().json) {
                List<Map<String, Object>> out = new ArrayList<>();
                try (NodeSource nodes = m.read(v)) {
                    for (Node n = nodes.next(); n != null; n = nodes.next()) {
                        out.add(json(n));
                    }
                }
                return JsonDocument.of("sure show").put("file", file()).put("version", v).put("nodes", out)
                        .print(top().out, ExitCode.OK);
            }
            top().out.println("show " + file());
            try (NodeSource nodes = m.read(v)) {
                for (Node n = nodes.next(); n != null; n = nodes.next()) {
                    top().out.println(RustDebug.node(n));
                }
            }
            return ExitCode.OK;
        }

        /** One node as rsure's stream holds it: enter/file with escaped name and attributes, sep, leave. */
        private static Map<String, Object> json(Node n) {
            Map<String, Object> m = new LinkedHashMap<>();
            if (n instanceof Node.Enter e) {
                m.put("node", "enter");
                m.put("name", e.name().escaped());
                m.put("atts", e.atts().asMap());
            } else if (n instanceof Node.File f) {
                m.put("node", "file");
                m.put("name", f.name().escaped());
                m.put("atts", f.atts().asMap());
            } else if (n instanceof Node.Sep) {
                m.put("node", "sep");
            } else if (n instanceof Node.Leave) {
                m.put("node", "leave");
            } else {
                throw new AssertionError(n);
            }
            return m;
        }
    }

    /** The manifest at {@code path}, which must exist. */
    static ManifestFile existing(Path path) {
        ManifestFile mf = ManifestFile.at(path);
        if (!mf.exists()) {
            throw new IntegrityException(mf.mainFile(), "no such manifest file; create it with `rdump sure scan`"
                    + " or name another with -f", null);
        }
        return mf;
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
            ManifestFile mf = existing(manifest());
            List<ManifestVersion> versions = Sure.at(Path.of(dir())).manifest(mf.mainFile()).versions();
            if (check) {
                readEveryVersion(mf, versions);
                top().err.println("rdump: read all " + Plural.of(versions.size(), "version") + " of " + mf.mainFile()
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
                return JsonDocument.of("sure list").put("file", file()).put("checked", check)
                        .put("versions", out).print(top().out, ExitCode.OK);
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

    static int printUpdate(RdumpCommand top, String command, ManifestUpdate u) {
        if (top.json) {
            JsonDocument m = JsonDocument.of(command);
            m.put("version", u.version().number());
            m.put("name", u.version().name());
            m.put("directories", u.directories());
            m.put("files", u.files());
            m.put("bytes", u.bytes());
            m.put("hashedFiles", u.hashedFiles());
            m.put("hashedBytes", u.hashedBytes());
            m.put("unreadable", u.unreadable());
            m.put("seconds", u.elapsed().toNanos() / 1e9);
            return m.print(top.out, ExitCode.OK);
        }
        top.out.println("scan: " + u.directories() + " dirs " + u.files() + " files, " + humanize(u.bytes()) + " bytes");
        top.out.println(String.format(Locale.ROOT, "%7d/%7d (%s) files, %s/%s (%s) bytes", u.hashedFiles(),
                u.hashedFiles(), percent(u.hashedFiles(), u.hashedFiles()), humanize(u.hashedBytes()),
                humanize(u.hashedBytes()), percent(u.hashedBytes(), u.hashedBytes())));
        double secs = Math.max(u.elapsed().toNanos() / 1e9, 1e-9);
        top.err.println(String.format(Locale.ROOT, "rdump: version %d written in %.2f s%s%s",
                u.version().number(), secs, u.hashedBytes() < 16L * 1024 * 1024 ? ""
                        : String.format(Locale.ROOT, " (%.0f MB/s hashed)", u.hashedBytes() / secs / 1e6),
                u.unreadable() > 0 ? "; " + Plural.of(u.unreadable(), "file") + " could not be read" : ""));
        return ExitCode.OK;
    }

    /** A check's report; in JSON, with paths relative to the tree {@code dir}. */
    static int printReport(RdumpCommand top, String what, IntegrityReport r, String dir) {
        if (top.json) {
            JsonDocument doc = JsonDocument.of("sure " + what).put("dir", dir).put("clean", r.clean())
                    .put("differences", JsonRecords.differences(r.relativeTo(dir).differences()));
            if (!r.clean()) {
                doc.put("error", JsonRecords.error("differences", what + " found "
                        + org.rdump.api.support.Plural.of(r.differences().size(), "difference")));
            }
            doc.print(top.out, r.clean() ? ExitCode.OK : ExitCode.DIFFERENCES);
        } else {
            r.lines().forEach(top.out::println);
        }
        if (!r.clean()) {
            top.err.println("rdump: " + what + " found " + Plural.of(r.differences().size(), "difference"));
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
