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
 * wraps plain environment values (paths, {@code no}) that must stay readable. Values shorter
 * than {@link #MIN_LENGTH} characters are not masked: masking them would garble every message.
 * Thread-safe.
 *
 * @since 0.1
 */
public final class Secrets {
    /** The shortest value masked. */
    public static final int MIN_LENGTH = 4;
    static final String MASK = "******";
    private static final Set<String> KNOWN = ConcurrentHashMap.newKeySet();

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
        }
        return Secret.of(value);
    }

    /**
     * {@code text} with every registered secret replaced by {@code ******} (longest first, so
     * that a secret containing another is masked whole).
     *
     * @param text may be null (then null is returned)
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
