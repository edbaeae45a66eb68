package org.rdump.api.command;

import java.util.Objects;

/**
 * A secret value (a passphrase). Its {@link #toString()} is masked, so it cannot leak into a
 * log line or a message by accident. Immutable.
 *
 * @since 0.1
 */
public final class Secret {
    private final String value;

    private Secret(String value) {
        this.value = Objects.requireNonNull(value, "value");
    }

    /**
     * Wraps a value without registering it (see {@link Secrets#register} for a real secret).
     *
     * @param value the value; never null
     * @return the secret; never null
     */
    public static Secret of(String value) {
        return new Secret(value);
    }

    /**
     * The secret itself; pass it to an environment or stdin, never to a log or argv.
     *
     * @return the value; never null
     */
    public String reveal() {
        return value;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Secret s && s.value.equals(value);
    }

    @Override
    public int hashCode() {
        return value.hashCode();
    }

    @Override
    public String toString() {
        return "******";
    }
}
