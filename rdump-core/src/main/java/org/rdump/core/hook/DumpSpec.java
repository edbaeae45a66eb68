package org.rdump.core.hook;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.rdump.api.ConfigException;
import org.rdump.api.Settings;
import org.rdump.api.SettingsSchema;
import org.rdump.api.SettingsSchema.Key;
import org.rdump.api.SettingsSchema.Type;
import org.rdump.api.command.Secret;

/**
 * One {@code dump:} entry of a volume: a command whose standard output becomes a file of the
 * volume's live tree. Immutable.
 *
 * @param command the argument vector, e.g. {@code [sqlite3, /var/lib/app.db, .dump]}
 * @param file where its output goes, relative to the live tree's root (checked: no {@code ..},
 *     not absolute, not rdump's own files)
 * @param timeout how long it may run before its process tree is killed
 * @param environment further variables for it; values may be secrets
 * @param where the entry's key path, e.g. {@code simple[0].dump[1]}, for messages
 */
public record DumpSpec(List<String> command, Path file, Duration timeout, Map<String, Secret> environment,
                       String where) {
    /** The key of the list, in each volume. */
    public static final String KEY = "dump";
    public static final Duration DEFAULT_TIMEOUT = Duration.ofHours(6);

    /** The keys of one entry. */
    public static final SettingsSchema SCHEMA = SettingsSchema.of(
            Key.required("command", Type.COMMAND, "The command whose standard output is the dump, e.g. [sqlite3,"
                    + " /var/lib/app/app.db, .dump] or [pg_dump, -Fc, mydb]; it must exit 0."),
            Key.required("file", Type.STRING, "Where the output goes, relative to the volume's live tree (its"
                    + " mount), e.g. dumps/app.sql; written to a temporary file and renamed, mode 0600."),
            Key.optional("timeout", Type.STRING, "6h", "How long the command may run; then its process tree is"
                    + " killed and the volume fails."),
            Key.optional("env", Type.STRING_LIST, null, "Further environment variables, as NAME=value (e.g."
                    + " PGPASSWORD=...; masked in every message and log)."));

    public DumpSpec {
        command = List.copyOf(command);
        if (command.isEmpty()) {
            throw new IllegalArgumentException("command must not be empty");
        }
        Objects.requireNonNull(file, "file");
        Objects.requireNonNull(timeout, "timeout");
        environment = Map.copyOf(environment);
        Objects.requireNonNull(where, "where");
    }

    /**
     * The {@code dump:} entries of a volume.
     *
     * @throws ConfigException naming the position of a bad file, timeout or env entry
     */
    public static List<DumpSpec> of(Settings volume) {
        List<DumpSpec> out = new ArrayList<>();
        List<String> files = new ArrayList<>();
        for (Settings d : volume.children(KEY)) {
            Path file = file(d);
            if (files.contains(file.toString())) {
                throw new ConfigException(d.locate("file"), "two dumps write " + file + "; give each its own file");
            }
            files.add(file.toString());
            out.add(new DumpSpec(d.command("command"), file, HookSettings.timeout(d, "timeout", DEFAULT_TIMEOUT),
                    HookSettings.environment(d, "env"), d.where()));
        }
        return List.copyOf(out);
    }

    private static Path file(Settings d) {
        String f = d.string("file");
        String problem = null;
        if (f.isBlank()) {
            problem = "is empty";
        } else if (f.startsWith("/")) {
            problem = "is absolute; give a path relative to the volume's live tree, e.g. dumps/app.sql";
        } else if (f.endsWith("/")) {
            problem = "names a directory; give a file name, e.g. dumps/app.sql";
        } else if (f.indexOf('\0') >= 0) {
            problem = "contains a NUL character";
        } else {
            for (String part : f.split("/+")) {
                if (part.equals("..")) {
                    problem = "leaves the volume's tree (..); give a path inside it, e.g. dumps/app.sql";
                } else if (part.equals(".")) {
                    problem = "has a '.' component; write the path without it";
                }
            }
        }
        Path p = Path.of(f).normalize();
        if (problem == null && p.getNameCount() == 1 && p.toString().matches("snapstamp|2sure\\..*|\\.snapstamp.*")) {
            problem = "is one of rdump's own files (snapstamp, 2sure.*); choose another name";
        }
        if (problem == null && p.getFileName().toString().endsWith(".rdump-tmp")) {
            problem = "ends in .rdump-tmp, the name of rdump's temporary files; choose another name";
        }
        if (problem != null) {
            throw new ConfigException(d.locate("file"), "the dump file '" + f + "' " + problem);
        }
        return p;
    }
}
