package org.rdump.borg;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;
import org.rdump.api.command.Command;
import org.rdump.api.command.Secret;

/**
 * Builds the borg commands rdump runs. Pure: no I/O. Every command names the repository as
 * {@code ::} (it comes from {@code BORG_REPO}, set from {@code repo} or by the wrapper), carries
 * the secrets in its environment only, writes {@code --log-json} lines to standard error, and
 * accepts exit 1 (borg's warning) besides 0.
 */
final class BorgCommands {
    /** A run stamp, {@code yyyyMMdd'T'HHmmss'Z'}. */
    static final Pattern STAMP = Pattern.compile("\\d{8}T\\d{6}Z");
    private static final String STAMP_GLOB = "[0-9][0-9][0-9][0-9][0-9][0-9][0-9][0-9]T[0-9][0-9][0-9][0-9][0-9][0-9]Z";

    private BorgCommands() {
    }

    /**
     * {@code borg create --exclude-caches -x --stats --json --progress --log-json ::NAME .}, run in
     * {@code source} so that the archive's paths are relative to the tree's root.
     */
    static Command create(BorgSettings s, Path source, String archive) {
        List<String> argv = new ArrayList<>(List.of(s.program(), "create", "--exclude-caches", "-x", "--stats",
                "--json", "--progress", "--log-json"));
        argv.addAll(s.createArgs());
        argv.add("::" + checkName(archive));
        argv.add(".");
        return command(s, argv).withWorkingDirectory(source);
    }

    /** {@code borg list --json --log-json --glob-archives '<volume>-<stamp>' ::}. */
    static Command list(BorgSettings s, String volume) {
        return command(s, List.of(s.program(), "list", "--json", "--log-json", "--glob-archives",
                archiveGlob(volume), "::"));
    }

    /**
     * {@code borg info --json --log-json --glob-archives '<volume>-<stamp>' ::}: every archive of
     * the volume with its statistics, in one call (borg reads each archive's metadata for them, so
     * only {@code rdump list} asks).
     */
    static Command info(BorgSettings s, String volume) {
        return command(s, List.of(s.program(), "info", "--json", "--log-json", "--glob-archives",
                archiveGlob(volume), "::"));
    }

    /**
     * {@code borg list --short --last 1 --log-json ::}: reads the repository's manifest only (a
     * pre-flight check that the repository exists and the passphrase opens it); changes nothing.
     */
    static Command probe(BorgSettings s) {
        return command(s, List.of(s.program(), "list", "--short", "--last", "1", "--log-json", "::"))
                .withTimeout(java.time.Duration.ofMinutes(2));
    }

    /**
     * {@code borg extract --sparse --log-json ::NAME}, run in {@code into}, which receives the
     * tree ({@code --sparse}: all-zero chunks are written as holes, so a sparse file stays sparse).
     */
    static Command extract(BorgSettings s, String archive, Path into) {
        return command(s, List.of(s.program(), "extract", "--sparse", "--log-json", "::" + checkName(archive)))
                .withWorkingDirectory(into);
    }

    /**
     * {@code borg extract --sparse --log-json ::NAME pp:PATH...}, run in {@code into}: only the paths
     * (each a path prefix: a file, or a directory with all below it); all of it when none.
     */
    static Command extract(BorgSettings s, String archive, List<String> paths, Path into) {
        List<String> argv = new ArrayList<>(List.of(s.program(), "extract", "--sparse", "--log-json",
                "::" + checkName(archive)));
        paths.forEach(p -> argv.add("pp:" + p));
        return command(s, argv).withWorkingDirectory(into);
    }

    /**
     * {@code borg list --json-lines --log-json ::NAME [pp:PATH...]}: the members an
     * {@link #extract(BorgSettings, String, List, Path)} of the same paths would write.
     */
    static Command members(BorgSettings s, String archive, List<String> paths) {
        List<String> argv = new ArrayList<>(List.of(s.program(), "list", "--json-lines", "--log-json",
                "::" + checkName(archive)));
        paths.forEach(p -> argv.add("pp:" + p));
        return command(s, argv);
    }

    /**
     * {@code borg prune --log-json --list --glob-archives '<volume>-<stamp>' --keep-... ::}, or empty
     * when no {@code keep_*} setting is given (borg refuses a prune without one).
     */
    static Optional<Command> prune(BorgSettings s, String volume) {
        return prune(s, volume, false);
    }

    /**
     * As {@link #prune(BorgSettings, String)}, with {@code --dry-run} after {@code prune} when
     * {@code dryRun}: borg then only lists what it would prune ({@code Would prune: NAME ...}).
     */
    static Optional<Command> prune(BorgSettings s, String volume, boolean dryRun) {
        if (s.keep().isEmpty()) {
            return Optional.empty();
        }
        List<String> argv = new ArrayList<>(List.of(s.program(), "prune"));
        if (dryRun) {
            argv.add("--dry-run");
        }
        argv.addAll(List.of("--log-json", "--list", "--glob-archives", archiveGlob(volume)));
        for (String k : List.of("last", "daily", "weekly", "monthly", "yearly")) {
            Integer n = s.keep().get(k);
            if (n != null) {
                argv.add("--keep-" + k);
                argv.add(Integer.toString(n));
            }
        }
        argv.add("::");
        return Optional.of(command(s, argv));
    }

    /** {@code borg delete --log-json ::ARCHIVE}: deletes one archive (the space is freed by compact). */
    static Command delete(BorgSettings s, String archive) {
        return command(s, List.of(s.program(), "delete", "--log-json", "::" + checkName(archive)));
    }

    /** {@code borg compact --log-json}, which frees what a prune deleted (borg 1.2 and later). */
    static Command compact(BorgSettings s) {
        return command(s, List.of(s.program(), "compact", "--log-json"));
    }

    /**
     * The archives of one volume and no other: {@code <volume>-} then a run stamp, so that
     * volume {@code data} does not match {@code data-old}'s archives. Glob characters in the
     * volume name are escaped.
     */
    static String archiveGlob(String volume) {
        StringBuilder b = new StringBuilder();
        for (char c : volume.toCharArray()) {
            if (c == '*' || c == '?' || c == '[' || c == ']' || c == '\\') {
                b.append('[').append(c).append(']');
            } else {
                b.append(c);
            }
        }
        return b.append('-').append(STAMP_GLOB).toString();
    }

    /** Whether {@code name} is an archive of {@code volume} ({@code <volume>-<stamp>}). */
    static boolean isArchiveOf(String name, String volume) {
        return name.startsWith(volume + "-") && STAMP.matcher(name.substring(volume.length() + 1)).matches();
    }

    private static String checkName(String archive) {
        if (archive.isEmpty() || archive.contains("/") || archive.contains("::")) {
            throw new IllegalArgumentException("not a usable borg archive name: '" + archive + "'");
        }
        return archive;
    }

    private static Command command(BorgSettings s, List<String> argv) {
        Command c = Command.of(argv).accepting(0, 1);
        for (Map.Entry<String, Secret> e : s.commandEnvironment().entrySet()) {
            c = c.withEnv(e.getKey(), e.getValue());
        }
        return c;
    }
}
