package org.rdump.core.hook;

import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.rdump.api.ConfigException;
import org.rdump.api.Settings;
import org.rdump.api.SettingsSchema;
import org.rdump.api.SettingsSchema.Key;
import org.rdump.api.SettingsSchema.Type;
import org.rdump.api.command.Secret;
import org.rdump.api.command.Secrets;
import org.rdump.core.status.Durations;

/**
 * One {@code hooks:} mapping, of the run (top level) or of a volume. Immutable.
 *
 * @param beforeBackup run before anything of the run (or the volume) is written or snapshotted;
 *     the first that fails fails the run (or the volume), and the rest of it does not run
 * @param afterBackup run after all the backups, whatever became of them
 * @param onError run after {@code afterBackup} when the run (or the volume) failed
 * @param timeout how long one command may run before its process tree is killed
 * @param environment further variables for every command; values may be secrets
 */
public record HookSettings(List<List<String>> beforeBackup, List<List<String>> afterBackup,
                           List<List<String>> onError, Duration timeout, Map<String, Secret> environment) {
    /** The key of the mapping, at top level and in each volume. */
    public static final String KEY = "hooks";
    public static final Duration DEFAULT_TIMEOUT = Duration.ofMinutes(10);
    /** No hooks. */
    public static final HookSettings NONE = new HookSettings(List.of(), List.of(), List.of(), DEFAULT_TIMEOUT, Map.of());

    /** The keys of a {@code hooks:} mapping. */
    public static final SettingsSchema SCHEMA = SettingsSchema.of(
            Key.optional("before_backup", Type.COMMAND_LIST, null, "Commands run in order before anything is"
                    + " written or snapshotted (the run's before every volume's); the first that fails fails the"
                    + " run (or the volume), and nothing of it is written, snapshotted or backed up."),
            Key.optional("after_backup", Type.COMMAND_LIST, null, "Commands run after all backups and test"
                    + " restores, whatever became of them (RDUMP_STATUS says), every one even when another failed;"
                    + " a failure fails the run (or the volume)."),
            Key.optional("on_error", Type.COMMAND_LIST, null, "Commands run after after_backup when the run (or"
                    + " the volume) failed, with the error in RDUMP_ERROR."),
            Key.optional("timeout", Type.STRING, "10m", "How long one command may run (`30s`, `10m`, `1h`);"
                    + " then its process tree is killed and it counts as failed."),
            Key.optional("env", Type.STRING_LIST, null, "Further environment variables for these commands, as"
                    + " NAME=value; a value whose name says it is a secret (PASS, TOKEN, SECRET...) is masked"
                    + " in every message and log."));

    public HookSettings {
        beforeBackup = copy(beforeBackup);
        afterBackup = copy(afterBackup);
        onError = copy(onError);
        Objects.requireNonNull(timeout, "timeout");
        environment = Map.copyOf(environment);
    }

    /** Whether it runs anything. */
    public boolean isEmpty() {
        return beforeBackup.isEmpty() && afterBackup.isEmpty() && onError.isEmpty();
    }

    /**
     * The {@code hooks:} of {@code owner} (a volume's settings, or the top level's).
     *
     * @throws ConfigException naming the position of a bad timeout or env entry
     */
    public static HookSettings of(Settings owner) {
        if (!owner.has(KEY)) {
            return NONE;
        }
        Settings s = owner.child(KEY).orElseThrow();
        Duration timeout = timeout(s, "timeout", DEFAULT_TIMEOUT);
        return new HookSettings(s.commands("before_backup"), s.commands("after_backup"), s.commands("on_error"),
                timeout, environment(s, "env"));
    }

    /** A positive timeout from {@code key}, or {@code fallback}. */
    static Duration timeout(Settings s, String key, Duration fallback) {
        java.util.Optional<String> t = s.optionalString(key);
        if (t.isEmpty()) {
            return fallback;
        }
        try {
            Duration d = Durations.parse(t.get());
            if (d.isZero()) {
                throw new IllegalArgumentException("a timeout must be longer than 0s, found '" + t.get() + "'");
            }
            return d;
        } catch (IllegalArgumentException e) {
            throw new ConfigException(s.locate(key), e.getMessage());
        }
    }

    /** {@code NAME=value} entries; values of secret-named variables are registered as secrets. */
    static Map<String, Secret> environment(Settings s, String key) {
        Map<String, Secret> env = new LinkedHashMap<>();
        for (String e : s.strings(key)) {
            int eq = e.indexOf('=');
            if (eq <= 0 || !e.substring(0, eq).matches("[A-Za-z_][A-Za-z0-9_]*")) {
                throw new ConfigException(s.locate(key), "expected NAME=value, found '" + e.replaceAll("=.*", "=...")
                        + "'");
            }
            String name = e.substring(0, eq);
            if (name.startsWith("RDUMP_")) {
                throw new ConfigException(s.locate(key), "'" + name + "' is set by rdump itself (RDUMP_VOLUME,"
                        + " RDUMP_STATUS...); choose another name");
            }
            String value = e.substring(eq + 1);
            env.put(name, Secrets.isSecretName(name) ? Secrets.register(value) : Secret.of(value));
        }
        return env;
    }

    private static List<List<String>> copy(List<List<String>> commands) {
        return commands.stream().map(c -> {
            if (c.isEmpty()) {
                throw new IllegalArgumentException("an argument vector must not be empty");
            }
            return List.copyOf(c);
        }).toList();
    }
}
