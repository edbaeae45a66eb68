package org.rdump.api.command;

import java.util.Comparator;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.jspecify.annotations.Nullable;

/**
 * The secret values this process knows (the configuration's passphrases), and the one place
 * that masks them: whatever text a message or a log line gets from deep inside (a program's
 * stderr, a JDK exception that quotes an environment value), {@link #redact} replaces each known
 * secret by {@code ******}. {@link org.rdump.api.RdumpException#getMessage()}, the command
 * line's output and its log formatter all pass through it.
 *
 * <p>Core registers every configuration value whose schema type is
 * {@link org.rdump.api.SettingsSchema.Type#SECRET}; a plugin that obtains a secret some other way
 * registers it with {@link #register}. {@link Secret#of} does not register, because it also
 * wraps plain environment values (paths, {@code no}) that must stay readable: a command's
 * environment is shown with its values ({@code BORG_RELOCATED_REPO_ACCESS_IS_OK=no}) except for
 * registered secrets and variables whose name says they hold one ({@link #isSecretName}).
 *
 * <p>A secret shorter than {@link #MIN_LENGTH} characters is masked where rdump knows the value
 * is the secret (a command's environment, {@link Secret#toString()}), but {@link #redact} does not
 * mask it inside other text: replacing every {@code abc} in every message and log line would
 * garble them and, by showing where the text was masked, tell the secret anyway. A passphrase that
 * short is weak in any case; use a longer one.
 * Thread-safe.
 *
 * @since 0.1
 */
public final class Secrets {
    /** The shortest value masked. */
    public static final int MIN_LENGTH = 4;
    static final String MASK = "******";
    private static final Set<String> KNOWN = ConcurrentHashMap.newKeySet();
    private static final Set<String> SHORT = ConcurrentHashMap.newKeySet();
    /** Words in an environment variable's name that say its value is a secret (BORG_PASSPHRASE, AWS_SECRET_ACCESS_KEY). */
    private static final java.util.regex.Pattern SECRET_NAME =
            java.util.regex.Pattern.compile("(?i).*(PASS|SECRET|TOKEN|PASSWORD|CREDENTIAL|PRIVATE_KEY|API_KEY).*");

    private Secrets() {
    }

    /**
     * Remembers {@code value} as a secret and wraps it.
     *
     * @param value never null
     * @return the value as a {@link Secret}
     */
    public static Secret register(String value) {
        if (value.length() >= MIN_LENGTH) {
            KNOWN.add(value);
        } else if (!value.isEmpty()) {
            SHORT.add(value);
        }
        return Secret.of(value);
    }

    /**
     * Whether {@code value} was registered as a secret (of any length).
     *
     * @param value never null
     * @return true when {@link #register} was given it
     */
    public static boolean isRegistered(String value) {
        return KNOWN.contains(value) || SHORT.contains(value);
    }

    /**
     * Whether an environment variable named {@code name} holds a secret by its name: it contains
     * {@code PASS} (BORG_PASSPHRASE, BORG_PASSCOMMAND), {@code SECRET}, {@code TOKEN},
     * {@code CREDENTIAL}, {@code PRIVATE_KEY} or {@code API_KEY}.
     *
     * @param name never null
     * @return true when the name says the value is a secret
     */
    public static boolean isSecretName(String name) {
        return SECRET_NAME.matcher(name).matches();
    }

    /**
     * Whether the environment variable {@code name=value} is shown masked: a registered secret, or a
     * variable whose name says it holds one.
     *
     * @param name the variable's name; never null
     * @param value its value; never null
     * @return true when logs and dry runs show it as {@code ******}
     */
    public static boolean masks(String name, Secret value) {
        return isSecretName(name) || isRegistered(value.reveal());
    }

    /**
     * {@code text} with every registered secret replaced by {@code ******} (longest first, so
     * that a secret containing another is masked whole).
     *
     * @param text may be null (then null is returned)
     * @return the masked text, or null
     */
    public static @Nullable String redact(@Nullable String text) {
        if (text == null || KNOWN.isEmpty()) {
            return text;
        }
        String out = text;
        List<String> known = KNOWN.stream().sorted(Comparator.comparingInt(String::length).reversed()).toList();
        for (String s : known) {
            if (out.contains(s)) {
                out = out.replace(s, MASK);
            }
        }
        return out;
    }
}
