package org.rdump.core.guard;

import org.rdump.api.support.Plural;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.rdump.api.ConfigException;
import org.rdump.api.ManifestUpdate;
import org.rdump.api.RunContext;
import org.rdump.api.SettingsSchema;
import org.rdump.api.SettingsSchema.Key;
import org.rdump.api.SettingsSchema.Type;
import org.rdump.api.VolumeSpec;
import org.rdump.api.support.ByteSizes;

/**
 * One volume's guard settings for one run ({@code mountpoint}, {@code max_shrink}, whether the
 * run was given {@code --allow-shrink} for it) and the guard state they record failures in.
 * Immutable; the state it points to is not.
 */
public final class VolumeGuards {
    public static final String MOUNTPOINT = "mountpoint";
    public static final String MAX_SHRINK = "max_shrink";
    public static final int DEFAULT_MAX_SHRINK = 50;
    private static final Pattern PERCENT = Pattern.compile("(\\d{1,3})%?");

    /** The keys core accepts on every volume whose strategy has a {@code mount} key. */
    public static final List<Key> KEYS = List.of(
            Key.optional(MOUNTPOINT, Type.BOOLEAN, "false", "Fail the volume unless `mount` is a mount point,"
                    + " checked before anything (snapstamp) is written to it: an unmounted /boot is then neither"
                    + " backed up nor are its backups pruned."),
            Key.optional(MAX_SHRINK, Type.STRING, DEFAULT_MAX_SHRINK + "%", "Fail the volume when its new manifest"
                    + " has lost more than this share of the files or of the bytes of the previous version (0% to"
                    + " 100%; 100% turns the check off); `rdump backup --allow-shrink NAME` lets one run through."));

    private final String volume;
    private final boolean mountpoint;
    private final int maxShrink;
    private final boolean allowShrink;
    private final GuardState state;

    private VolumeGuards(String volume, boolean mountpoint, int maxShrink, boolean allowShrink, GuardState state) {
        this.volume = volume;
        this.mountpoint = mountpoint;
        this.maxShrink = maxShrink;
        this.allowShrink = allowShrink;
        this.state = state;
    }

    /**
     * A volume's guards.
     *
     * @throws ConfigException for a bad {@code max_shrink} or {@code mountpoint: true} without {@code mount}
     */
    public static VolumeGuards of(VolumeSpec volume, GuardState state, boolean allowShrink) {
        check(volume);
        return new VolumeGuards(volume.name(), volume.settings().bool(MOUNTPOINT, false), maxShrink(volume),
                allowShrink, Objects.requireNonNull(state, "state"));
    }

    /** {@code schema} with {@link #KEYS} added when it has a {@code mount} key; else {@code schema}. */
    public static SettingsSchema schemaFor(SettingsSchema schema) {
        if (schema.key("mount").isEmpty()) {
            return schema;
        }
        List<Key> keys = new ArrayList<>(schema.keys());
        for (Key k : KEYS) {
            if (schema.key(k.name()).isEmpty()) {
                keys.add(k);
            }
        }
        return new SettingsSchema(keys);
    }

    /**
     * Checks a volume's guard settings when the configuration is loaded.
     *
     * @throws ConfigException naming the position of a bad setting
     */
    public static void check(VolumeSpec volume) {
        maxShrink(volume);
        if (volume.settings().bool(MOUNTPOINT, false) && !volume.settings().has("mount")) {
            throw new ConfigException(volume.settings().locate(MOUNTPOINT), "'mountpoint: true' needs 'mount':"
                    + " the path that must be a mount point");
        }
    }

    private static int maxShrink(VolumeSpec volume) {
        Optional<String> v = volume.settings().optionalString(MAX_SHRINK);
        if (v.isEmpty()) {
            return DEFAULT_MAX_SHRINK;
        }
        Matcher m = PERCENT.matcher(v.get().trim());
        if (!m.matches() || Integer.parseInt(m.group(1)) > 100) {
            throw new ConfigException(volume.settings().locate(MAX_SHRINK), "expected a share from 0% to 100%"
                    + " (e.g. 50%), found '" + v.get() + "'");
        }
        return Integer.parseInt(m.group(1));
    }

    public String volume() {
        return volume;
    }

    public boolean mountpoint() {
        return mountpoint;
    }

    /** The most a new manifest may lose, in percent of the previous version's files or bytes. */
    public int maxShrink() {
        return maxShrink;
    }

    public boolean allowShrink() {
        return allowShrink;
    }

    public GuardState state() {
        return state;
    }

    /**
     * The shrink guard, right after the manifest update: fails when the new version lost more than
     * {@code max_shrink} of the files or bytes of the previous version (or, while a guard failure
     * is recorded, of the figures from before it), unless {@code --allow-shrink} names the volume.
     *
     * @throws GuardFailedException saying what shrank and how to let it through
     */
    public void checkShrink(ManifestUpdate update, RunContext context) {
        if (context.dryRun()) {
            return;
        }
        Optional<GuardState.Failure> recorded = state.failure(volume).filter(GuardState.Failure::hasBaseline);
        long files = recorded.map(GuardState.Failure::baselineFiles).orElse(update.previousFiles());
        long bytes = recorded.map(GuardState.Failure::baselineBytes).orElse(update.previousBytes());
        if (files < 0 || bytes < 0) {
            return; // the first version: nothing to compare with
        }
        List<String> lost = new ArrayList<>();
        if (shrank(files, update.files())) {
            lost.add(Plural.of(update.files(), "file") + ", " + percentLost(files, update.files()) + "% fewer than "
                    + (recorded.isPresent() ? "the " + files + " before the guard failure of " + recorded.get().at()
                    : "the previous version's " + files));
        }
        if (shrank(bytes, update.bytes())) {
            lost.add(ByteSizes.human(update.bytes()) + ", " + percentLost(bytes, update.bytes()) + "% less than "
                    + (recorded.isPresent() ? "the " + ByteSizes.human(bytes) + " before it"
                    : "the previous version's " + ByteSizes.human(bytes)));
        }
        if (lost.isEmpty()) {
            return;
        }
        String found = "volume '" + volume + "': the new manifest has " + String.join(", and ", lost)
                + " (max_shrink: " + maxShrink + "%)";
        if (allowShrink) {
            context.listener().onEvent(new org.rdump.api.RunEvent.Warning(volume, found + "; let through by"
                    + " --allow-shrink " + volume));
            return;
        }
        throw fail(context, found + "; nothing was backed up and no backup was pruned; if this is expected run again"
                + " with --allow-shrink " + volume + " (or raise max_shrink)", files, bytes);
    }

    private boolean shrank(long before, long now) {
        // lost / before > maxShrink / 100, in whole numbers
        return before > 0 && now < before && (before - now) * 100 > (long) maxShrink * before;
    }

    private static long percentLost(long before, long now) {
        return Math.round((before - now) * 100.0 / before);
    }

    /**
     * Records a failure of one of this volume's guards (not in a dry run) and returns the exception
     * to throw.
     */
    GuardFailedException fail(RunContext context, String message, long baselineFiles, long baselineBytes) {
        if (!context.dryRun()) {
            state.record(volume, new GuardState.Failure(context.clock().instant(), message, baselineFiles,
                    baselineBytes));
        }
        return new GuardFailedException(volume, message);
    }
}
