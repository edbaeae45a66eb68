package org.rdump.restic;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;
import org.rdump.api.ConfigException;
import org.rdump.api.Settings;
import org.rdump.api.SettingsSchema;
import org.rdump.api.SettingsSchema.Key;
import org.rdump.api.SettingsSchema.Type;
import org.rdump.api.command.Secret;

/**
 * The configuration of one restic tool instance (one repository), read from its {@link Settings}.
 * Immutable. The repository and the password settings only ever reach a command's environment
 * ({@code RESTIC_REPOSITORY}, {@code RESTIC_PASSWORD_FILE}, {@code RESTIC_PASSWORD_COMMAND}).
 *
 * @param repo the repository, e.g. {@code /backup/restic} or {@code sftp:user@host:/srv/restic}
 * @param passwordFile {@code RESTIC_PASSWORD_FILE}, or null
 * @param passwordCommand {@code RESTIC_PASSWORD_COMMAND}, or null
 * @param host the host name the snapshots are made and listed under ({@code --host})
 * @param program the restic program to run
 * @param keep the {@code --keep-*} options of {@code restic forget} (option suffix to value), in
 *     schema order; empty when nothing is forgotten
 * @param prune whether {@code forget} also prunes ({@code --prune}) to free the space
 * @param environment further environment variables ({@code RESTIC_CACHE_DIR}, {@code env} entries)
 * @param backupArgs further {@code restic backup} options
 * @param where the position of this tool in the configuration, for messages
 */
record ResticSettings(String repo, @Nullable Path passwordFile, @Nullable Secret passwordCommand, String host,
                      String program, Map<String, String> keep, boolean prune, Map<String, Secret> environment,
                      List<String> backupArgs, String where) {

    /** The {@code keep_*} counts, as restic's {@code --keep-*} options name them. */
    static final List<String> KEEP_COUNTS = List.of("last", "hourly", "daily", "weekly", "monthly", "yearly");
    private static final Pattern ENV_NAME = Pattern.compile("[A-Za-z_][A-Za-z0-9_]*");
    /** restic's duration: numbers with y, m, d or h, e.g. {@code 1y6m} or {@code 14d}. */
    private static final Pattern DURATION = Pattern.compile("(\\d+[ymdh])+");
    private static final Path HOSTNAME = Path.of("/proc/sys/kernel/hostname");

    static final SettingsSchema SCHEMA = SettingsSchema.of(
            Key.required("repo", Type.STRING,
                    "The repository (RESTIC_REPOSITORY), e.g. /backup/restic or sftp:user@host:/srv/restic;"
                            + " rdump never creates it (make one with restic init)."),
            Key.optional("password_file", Type.PATH, null,
                    "A file holding the repository password (RESTIC_PASSWORD_FILE; never on a command line)."),
            Key.optional("password_command", Type.SECRET, null,
                    "A command that prints the password (RESTIC_PASSWORD_COMMAND), instead of password_file."),
            Key.optional("host", Type.STRING, "this machine's host name",
                    "The host name snapshots are made with (restic backup --host) and listed by."),
            Key.optional("keep_last", Type.INTEGER, null, "Forget: keep this many newest snapshots of the volume."),
            Key.optional("keep_hourly", Type.INTEGER, null, "Forget: keep the last snapshot of this many hours."),
            Key.optional("keep_daily", Type.INTEGER, null, "Forget: keep the last snapshot of this many days."),
            Key.optional("keep_weekly", Type.INTEGER, null, "Forget: keep the last snapshot of this many weeks."),
            Key.optional("keep_monthly", Type.INTEGER, null, "Forget: keep the last snapshot of this many months."),
            Key.optional("keep_yearly", Type.INTEGER, null, "Forget: keep the last snapshot of this many years."),
            Key.optional("keep_within", Type.STRING, null,
                    "Forget: keep every snapshot made within this long of the newest one, e.g. 14d or 1y6m."),
            Key.optional("keep_verified", Type.BOOLEAN, "true", "Forget: never forget the newest snapshot proven"
                    + " restorable by a full test restore (rdump verify, or rdump restore of the whole snapshot; per"
                    + " the ledger), whatever the keep_* rules say; if the ledger cannot be read, forget nothing."),
            Key.optional("prune", Type.BOOLEAN, "true", "Run forget with --prune, which frees the space of what"
                    + " was forgotten."),
            Key.optional("cache_dir", Type.PATH, null, "Where restic keeps its cache (RESTIC_CACHE_DIR);"
                    + " default: restic's own (~/.cache/restic)."),
            Key.optional("env", Type.STRING_LIST, null,
                    "Further environment variables for restic (a backend's credentials), as NAME=value."),
            Key.optional("backup_args", Type.STRING_LIST, null,
                    "Further restic backup options, e.g. [--exclude=/var/cache/*]."),
            Key.optional("program", Type.PATH, "restic",
                    "The restic program to run (e.g. a copy allowed to read every file with cap_dac_read_search)."));

    ResticSettings {
        keep = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(keep));
        environment = Map.copyOf(environment);
        backupArgs = List.copyOf(backupArgs);
    }

    /** Reads and checks the settings; a bad value is a {@link ConfigException} naming the key. */
    static ResticSettings from(Settings s) {
        String repo = s.optionalString("repo").orElse("");
        if (repo.isBlank()) {
            throw new ConfigException(s.locate("repo"), "missing required key 'repo' (the restic repository,"
                    + " e.g. /backup/restic)");
        }
        if (s.has("password_file") && s.has("password_command")) {
            throw new ConfigException(s.locate("password_command"),
                    "set either 'password_file' or 'password_command', not both");
        }
        if (!s.has("password_file") && !s.has("password_command")) {
            throw new ConfigException(s.locate("password_file"), "missing 'password_file' (a file holding the"
                    + " repository password) or 'password_command' (a command that prints it)");
        }
        Map<String, String> keep = new LinkedHashMap<>();
        for (String k : KEEP_COUNTS) {
            if (s.has("keep_" + k)) {
                long n = s.number("keep_" + k, -1);
                if (n < 1 || n > Integer.MAX_VALUE) {
                    throw new ConfigException(s.locate("keep_" + k), "expected a count from 1 up, found " + n
                            + " (leave 'keep_" + k + "' out to keep no snapshots by that rule)");
                }
                keep.put(k, Long.toString(n));
            }
        }
        if (s.has("keep_within")) {
            String within = s.string("keep_within");
            if (!DURATION.matcher(within).matches()) {
                throw new ConfigException(s.locate("keep_within"), "expected a duration of numbers with y, m, d"
                        + " or h, such as 14d or 1y6m, found '" + within + "'");
            }
            keep.put("within", within);
        }
        Map<String, Secret> env = new LinkedHashMap<>();
        for (String e : s.strings("env")) {
            int eq = e.indexOf('=');
            if (eq <= 0 || !ENV_NAME.matcher(e.substring(0, eq)).matches()) {
                throw new ConfigException(s.locate("env"), "expected NAME=value, found '" + e.replaceAll("=.*", "=...") + "'");
            }
            env.put(e.substring(0, eq), Secret.of(e.substring(eq + 1)));
        }
        s.optionalPath("cache_dir").ifPresent(v -> env.put("RESTIC_CACHE_DIR", Secret.of(v.toAbsolutePath().toString())));
        String host = s.optionalString("host").filter(h -> !h.isBlank()).orElseGet(ResticSettings::machineName);
        if (host.contains(",") || host.contains("\n")) {
            throw new ConfigException(s.locate("host"), "a host name cannot contain ',' or a line break: '" + host + "'");
        }
        return new ResticSettings(repo, s.optionalPath("password_file").map(Path::toAbsolutePath).orElse(null),
                s.optionalString("password_command").map(Secret::of).orElse(null), host,
                s.optionalPath("program").map(Path::toString).orElse("restic"), keep, s.bool("prune", true), env,
                s.strings("backup_args"), s.where());
    }

    /** The kernel's host name, which restic itself would record; {@code localhost} when unreadable. */
    static String machineName() {
        try {
            String name = Files.readString(HOSTNAME).strip();
            return name.isEmpty() ? "localhost" : name;
        } catch (IOException | RuntimeException e) {
            return "localhost";
        }
    }

    /**
     * The environment of every restic command: the repository, the password source, and
     * {@code RESTIC_PROGRESS_FPS=1}, so that {@code --json} progress comes once a second.
     */
    Map<String, Secret> commandEnvironment() {
        Map<String, Secret> env = new LinkedHashMap<>(environment);
        env.put("RESTIC_REPOSITORY", Secret.of(repo));
        if (passwordFile != null) {
            env.put("RESTIC_PASSWORD_FILE", Secret.of(passwordFile.toString()));
        }
        if (passwordCommand != null) {
            env.put("RESTIC_PASSWORD_COMMAND", passwordCommand);
        }
        env.put("RESTIC_PROGRESS_FPS", Secret.of("1"));
        return env;
    }

    /**
     * {@code text} with the password command replaced by {@code ******} (restic repeats it in
     * some errors). Shorter than four characters it is left alone: replacing it would garble
     * every message.
     */
    String redact(String text) {
        if (passwordCommand != null && passwordCommand.reveal().length() >= 4) {
            return text.replace(passwordCommand.reveal(), "******");
        }
        return text;
    }

    @Override
    public String toString() {
        return "ResticSettings[" + where + ", repo=" + repo + ", host=" + host + "]";
    }
}
