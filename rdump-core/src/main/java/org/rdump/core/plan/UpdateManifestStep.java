package org.rdump.core.plan;

import org.rdump.api.support.Plural;
import java.nio.file.Path;
import java.util.Map;
import org.rdump.api.IntegrityStore;
import org.rdump.api.ManifestUpdate;
import org.rdump.api.Phase;
import org.rdump.api.RunContext;
import org.rdump.api.RunEvent;
import org.rdump.api.Step;
import org.rdump.api.Undo;
import org.rdump.api.UndoAction;
import org.rdump.api.support.ByteSizes;
import org.rdump.core.guard.VolumeGuards;

/**
 * INTEGRITY: brings the manifest at the frozen tree's root up to date (hashing changed files), then
 * runs the volume's shrink guard on the result ({@link VolumeGuards#checkShrink}): a failure fails
 * the volume before the manifest is copied back to a live volume and before anything is backed up.
 */
public final class UpdateManifestStep implements Step {
    /** The names of the weave's temporary files (rsure's {@code BASE.N}, create-new). */
    static final String TEMPORARIES = "2sure\\.[0-9]+";
    private final String volume;
    private final IntegrityStore store;
    private final Path tree;
    private final VolumeGuards guards;
    private volatile @org.jspecify.annotations.Nullable ManifestUpdate update;

    UpdateManifestStep(String volume, IntegrityStore store, Path tree, VolumeGuards guards) {
        this.volume = volume;
        this.store = store;
        this.tree = tree;
        this.guards = guards;
    }

    @Override
    public Phase phase() {
        return Phase.INTEGRITY;
    }

    @Override
    public String volume() {
        return volume;
    }

    /** What the update wrote, once it ran (also when the shrink guard then failed the volume). */
    public java.util.Optional<ManifestUpdate> update() {
        return java.util.Optional.ofNullable(update);
    }

    Path manifest() {
        return tree.resolve(IntegrityStore.DEFAULT_MANIFEST);
    }

    @Override
    public String describe() {
        return "update the manifest " + manifest() + " (" + store.id() + ")";
    }

    @Override
    public void perform(RunContext context) {
        if (context.dryRun()) {
            return;
        }
        // A kill during the update leaves the weave's create-new temporaries (2sure.0, 2sure.1, ...).
        Undo temps = context.undo().record(Undo.of("temp-files", manifest().getParent() + "/2sure.N", volume,
                new UndoAction.DeleteMatching(manifest().getParent(), TEMPORARIES)));
        ManifestUpdate u;
        try {
            u = store.update(tree, manifest(), Map.of("name", context.runStamp(), "volume", volume),
                    org.rdump.core.run.VolumeContext.of(context, volume));
        } finally {
            context.undo().done(temps); // the store removes its own temporary when it fails
        }
        update = u;
        double secs = Math.max(u.elapsed().toNanos() / 1e9, 1e-9);
        context.listener().onEvent(new RunEvent.Report(volume, String.format(java.util.Locale.ROOT,
                "manifest version %d: %s, %s, %s in the tree; hashed %s (%s) in %.1f s%s%s",
                u.version().number(), Plural.of(u.files(), "file"), Plural.of(u.directories(), "dir"),
                ByteSizes.human(u.bytes()), Plural.of(u.hashedFiles(), "file"),
                ByteSizes.human(u.hashedBytes()), secs, rate(u.hashedBytes(), secs),
                u.unreadable() > 0 ? "; " + Plural.of(u.unreadable(), "unreadable file") + " (see the log)" : ""),
                java.util.List.of(new org.rdump.api.Artifact(org.rdump.api.Artifact.Kind.MANIFEST_VERSION,
                        Integer.toString(u.version().number()), manifest().toString())),
                u.files(), u.bytes()));
        guards.checkShrink(u, context);
    }

    /** The hashing rate, only where it means something (a rate over a few kilobytes is start-up noise). */
    static String rate(long bytes, double secs) {
        return bytes < 16L * 1024 * 1024 ? "" : String.format(java.util.Locale.ROOT, ", %.0f MB/s", bytes / secs / 1e6);
    }
}
