package org.rdump.core.status;

import java.time.Duration;
import java.util.List;
import java.util.Optional;
import org.rdump.api.ConfigException;
import org.rdump.api.SettingsSchema.Key;
import org.rdump.api.SettingsSchema.Type;
import org.rdump.api.VolumeSpec;

/**
 * How old a volume's newest backup, and its newest backup proven restorable, may be before
 * {@code rdump status --check} warns: a volume's own {@code max_age} / {@code max_unverified},
 * else the command line's {@code --max-age} / {@code --max-unverified}, else 26 hours and 8 days.
 * Immutable.
 *
 * @param maxAge the oldest the last successful backup in each destination may be
 * @param maxUnverified the oldest the newest backup proven restorable may be
 */
public record StatusThresholds(Duration maxAge, Duration maxUnverified) {
    /** The volume setting overriding {@code --max-age}. */
    public static final String MAX_AGE = "max_age";
    /** The volume setting overriding {@code --max-unverified}. */
    public static final String MAX_UNVERIFIED = "max_unverified";
    /** 26 hours, the default of {@code --max-age}. */
    public static final Duration DEFAULT_MAX_AGE = Duration.ofHours(26);
    /** 8 days, the default of {@code --max-unverified}. */
    public static final Duration DEFAULT_MAX_UNVERIFIED = Duration.ofDays(8);
    /** {@link #DEFAULT_MAX_AGE} and {@link #DEFAULT_MAX_UNVERIFIED}. */
    public static final StatusThresholds DEFAULT = new StatusThresholds(DEFAULT_MAX_AGE, DEFAULT_MAX_UNVERIFIED);

    /** The keys core accepts on every volume. */
    public static final List<Key> KEYS = List.of(
            Key.optional(MAX_AGE, Type.STRING, "26h", "`rdump status --check` warns when the last successful"
                    + " backup of this volume in any of its destinations is older (`26h`, `8d`, `1d12h`; overrides"
                    + " `--max-age`)."),
            Key.optional(MAX_UNVERIFIED, Type.STRING, "8d", "`rdump status --check` warns when the newest backup of"
                    + " this volume proven restorable by a full test restore was made longer ago than this"
                    + " (overrides `--max-unverified`)."));

    /**
     * These thresholds (the defaults) with the volume's own settings applied.
     *
     * @param volume a configured volume, already {@link #check checked}
     * @return never null
     * @throws ConfigException naming the position of a bad value
     */
    public StatusThresholds forVolume(VolumeSpec volume) {
        return new StatusThresholds(setting(volume, MAX_AGE).orElse(maxAge),
                setting(volume, MAX_UNVERIFIED).orElse(maxUnverified));
    }

    /**
     * Checks a volume's thresholds when the configuration is loaded.
     *
     * @param volume a volume of the configuration being loaded
     * @throws ConfigException naming the position of a bad value
     */
    public static void check(VolumeSpec volume) {
        setting(volume, MAX_AGE);
        setting(volume, MAX_UNVERIFIED);
    }

    private static Optional<Duration> setting(VolumeSpec volume, String key) {
        Optional<String> v = volume.settings().optionalString(key);
        if (v.isEmpty()) {
            return Optional.empty();
        }
        try {
            return Optional.of(Durations.parse(v.get()));
        } catch (IllegalArgumentException e) {
            throw new ConfigException(volume.settings().locate(key), e.getMessage());
        }
    }
}
