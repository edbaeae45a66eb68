package org.rdump.api;

import java.util.Objects;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * One problem found in a configuration: where it is and what was expected. Immutable.
 *
 * @param location {@code file:line:column} followed by the key path, e.g.
 *     {@code rdump.yaml:4:5 lvm[0].vg}; never null
 * @param message what is wrong and what is expected; never null
 * @since 0.1
 */
public record ConfigProblem(String location, String message) {
    private static final Pattern POSITION = Pattern.compile("(.+?):(\\d+):(\\d+)(?: (\\S+))?");

    /**
     * Checks the components.
     *
     * @param location {@code file:line:column} followed by the key path, e.g. {@code rdump.yaml:4:5 lvm[0].vg}; never null
     * @param message what is wrong and what is expected; never null
     * @throws NullPointerException if {@code location} or {@code message} is null
     */
    public ConfigProblem {
        Objects.requireNonNull(location, "location");
        Objects.requireNonNull(message, "message");
    }

    /**
     * The file of {@link #location()} (all of it when it holds no position).
     *
     * @return never null
     * @since 0.5
     */
    public String file() {
        Matcher m = POSITION.matcher(location);
        if (m.matches()) {
            return m.group(1);
        }
        int space = location.lastIndexOf(' ');
        return space > 0 && location.indexOf('/', space) < 0 ? location.substring(0, space) : location;
    }

    /**
     * The line of {@link #location()}, from 1.
     *
     * @return never null, empty when the problem is about the whole file
     * @since 0.5
     */
    public OptionalInt line() {
        Matcher m = POSITION.matcher(location);
        return m.matches() ? OptionalInt.of(Integer.parseInt(m.group(2))) : OptionalInt.empty();
    }

    /**
     * The column of {@link #location()}, from 1.
     *
     * @return never null, empty when the problem is about the whole file
     * @since 0.5
     */
    public OptionalInt column() {
        Matcher m = POSITION.matcher(location);
        return m.matches() ? OptionalInt.of(Integer.parseInt(m.group(3))) : OptionalInt.empty();
    }

    /**
     * The key path of {@link #location()}, e.g. {@code volumes[0].dataset}.
     *
     * @return never null, empty when the problem is not about one key
     * @since 0.5
     */
    public Optional<String> keyPath() {
        Matcher m = POSITION.matcher(location);
        if (m.matches()) {
            return Optional.ofNullable(m.group(4));
        }
        String file = file();
        return file.length() < location.length() ? Optional.of(location.substring(file.length() + 1))
                : Optional.empty();
    }

    /**
     * What to do about it, where the message says: rdump's messages say what is wrong, then
     * {@code "; "} and what to do (e.g. {@code no such file; write one ...}).
     *
     * @return never null, empty when the message gives no advice
     * @since 0.5
     */
    public Optional<String> hint() {
        int semi = message.indexOf("; ");
        return semi < 0 ? Optional.empty() : Optional.of(message.substring(semi + 2));
    }

    @Override
    public String toString() {
        return location + ": " + message;
    }
}
