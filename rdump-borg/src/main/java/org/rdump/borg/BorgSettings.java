package org.rdump.borg;

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
 * The configuration of one borg tool instance (one repository), read from its {@link Settings}.
 * Immutable. Secrets are held as {@link Secret} and only ever reach a command's environment.
 *
 * @param repo the repository ({@code BORG_REPO}), or null when a wrapper supplies it
 * @param passphrase {@code BORG_PASSPHRASE}, or null
 * @param passcommand {@code BORG_PASSCOMMAND}, or null
 * @param wrapper a program run instead of borg with the same arguments (the original rdump's
 *     {@code borg.sh}), or null
 * @param keep the {@code --keep-*} options of {@code borg prune} (option suffix to count), in
 *     schema order; empty when nothing is pruned
 * @param compact whether {@code borg compact} runs after a prune to free space
 * @param environment further environment variables ({@code BORG_RSH}, {@code BORG_BASE_DIR},
 *     {@code env} entries)
 * @param createArgs further {@code borg create} options
 * @param where the position of this tool in the configuration, for messages
 */
record BorgSettings(@Nullable String repo, @Nullable Secret passphrase, @Nullable Secret passcommand,
                    @Nullable Path wrapper, Map<String, Integer> keep, boolean compact,
                    Map<String, Secret> environment, List<String> createArgs, String where) {

    private static final List<String> KEEPS = List.of("last", "daily", "weekly", "monthly", "yearly");
    private static final Pattern ENV_NAME = Pattern.compile("[A-Za-z_][A-Za-z0-9_]*");

    static final SettingsSchema SCHEMA = SettingsSchema.of(
            Key.optional("repo", Type.STRING, null,
                    "The repository (BORG_REPO), e.g. /backup/borg or ssh://user@host/./repo; required unless"
                            + " wrapper sets it."),
            Key.optional("passphrase", Type.SECRET, null,
                    "The repository passphrase, passed in BORG_PASSPHRASE (never on a command line)."),
            Key.optional("passcommand", Type.SECRET, null,
                    "A command that prints the passphrase (BORG_PASSCOMMAND), instead of passphrase."),
            Key.optional("wrapper", Type.PATH, null,
                    "A script run instead of borg with the same arguments (the original rdump's borg.sh);"
                            + " it may set BORG_REPO and the passphrase itself."),
            Key.optional("keep_last", Type.INTEGER, null, "Prune: keep this many newest archives of the volume."),
            Key.optional("keep_daily", Type.INTEGER, null, "Prune: keep the last archive of this many days."),
            Key.optional("keep_weekly", Type.INTEGER, null, "Prune: keep the last archive of this many weeks."),
            Key.optional("keep_monthly", Type.INTEGER, null, "Prune: keep the last archive of this many months."),
            Key.optional("keep_yearly", Type.INTEGER, null, "Prune: keep the last archive of this many years."),
            Key.optional("keep_verified", Type.BOOLEAN, "true", "Prune: never delete the newest archive proven"
                    + " restorable by a full test restore (rdump verify, or rdump restore of the whole archive; per the"
                    + " ledger), whatever the keep_* rules say; if the ledger cannot be read, prune nothing."),
            Key.optional("compact", Type.BOOLEAN, "true", "Run borg compact after a prune to free the space."),
            Key.optional("rsh", Type.STRING, null, "The ssh command borg uses for remote repositories (BORG_RSH)."),
            Key.optional("base_dir", Type.PATH, null,
                    "Where borg keeps its cache, keys and security data (BORG_BASE_DIR); default: borg's own."),
            Key.optional("env", Type.STRING_LIST, null, "Further environment variables for borg, as NAME=value."),
            Key.optional("create_args", Type.STRING_LIST, null,
                    "Further borg create options, e.g. [--compression=zstd,3]."));

    BorgSettings {
        keep = Map.copyOf(keep);
        environment = Map.copyOf(environment);
        createArgs = List.copyOf(createArgs);
    }

    /** Reads and checks the settings; a bad value is a {@link ConfigException} naming the key. */
    static BorgSettings from(Settings s) {
        Path wrapper = s.optionalPath("wrapper").orElse(null);
        String repo = s.optionalString("repo").orElse(null);
        if (repo == null && wrapper == null) {
            throw new ConfigException(s.locate("repo"),
                    "missing required key 'repo' (the borg repository); it may be left out only when 'wrapper' is set");
        }
        if (s.has("passphrase") && s.has("passcommand")) {
            throw new ConfigException(s.locate("passcommand"), "set either 'passphrase' or 'passcommand', not both");
        }
        Map<String, Integer> keep = new LinkedHashMap<>();
        for (String k : KEEPS) {
            long n = s.number("keep_" + k, -1);
            if (s.has("keep_" + k)) {
                if (n < 1 || n > Integer.MAX_VALUE) {
                    throw new ConfigException(s.locate("keep_" + k), "expected a count from 1 up, found " + n
                            + " (leave 'keep_" + k + "' out to keep no archives by that rule)");
                }
                keep.put(k, (int) n);
            }
        }
        Map<String, Secret> env = new LinkedHashMap<>();
        for (String e : s.strings("env")) {
            int eq = e.indexOf('=');
            if (eq <= 0 || !ENV_NAME.matcher(e.substring(0, eq)).matches()) {
                throw new ConfigException(s.locate("env"), "expected NAME=value, found '" + e.replaceAll("=.*", "=...") + "'");
            }
            env.put(e.substring(0, eq), Secret.of(e.substring(eq + 1)));
        }
        s.optionalString("rsh").ifPresent(v -> env.put("BORG_RSH", Secret.of(v)));
        s.optionalPath("base_dir").ifPresent(v -> env.put("BORG_BASE_DIR", Secret.of(v.toAbsolutePath().toString())));
        return new BorgSettings(repo, s.optionalString("passphrase").map(Secret::of).orElse(null),
                s.optionalString("passcommand").map(Secret::of).orElse(null), wrapper, keep,
                s.bool("compact", true), env, s.strings("create_args"), s.where());
    }

    /** The program to run: the wrapper, or {@code borg}. */
    String program() {
        return wrapper == null ? "borg" : wrapper.toString();
    }

    /**
     * The environment of every borg command: the repository, the secrets, and the answers that
     * stop borg from asking (a relocated or unknown unencrypted repository is refused).
     */
    Map<String, Secret> commandEnvironment() {
        Map<String, Secret> env = new LinkedHashMap<>(environment);
        if (repo != null) {
            env.put("BORG_REPO", Secret.of(repo));
        }
        if (passphrase != null) {
            env.put("BORG_PASSPHRASE", passphrase);
        }
        if (passcommand != null) {
            env.put("BORG_PASSCOMMAND", passcommand);
        }
        env.put("BORG_RELOCATED_REPO_ACCESS_IS_OK", Secret.of("no"));
        env.put("BORG_UNKNOWN_UNENCRYPTED_REPO_ACCESS_IS_OK", Secret.of("no"));
        return env;
    }

    /**
     * {@code text} with every configured secret replaced by {@code ******}. Secrets shorter than
     * four characters are left alone: replacing them would garble every message.
     */
    String redact(String text) {
        String out = text;
        for (Secret s : new Secret[] {passphrase, passcommand}) {
            if (s != null && s.reveal().length() >= 4) {
                out = out.replace(s.reveal(), "******");
            }
        }
        return out;
    }

    @Override
    public String toString() {
        return "BorgSettings[" + where + ", repo=" + repo + ", wrapper=" + wrapper + "]";
    }
}
