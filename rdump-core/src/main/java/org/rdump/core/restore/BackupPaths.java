package org.rdump.core.restore;

import java.io.IOException;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.PathMatcher;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.rdump.api.BackupTool;
import org.rdump.api.IntegrityStore;
import org.rdump.api.RdumpException;
import org.rdump.api.RunContext;
import org.rdump.core.plugin.PluginRegistry;

/**
 * The paths of a file-level restore, resolved against the manifest that travelled inside the
 * chosen backup, before anything is restored: each glob ({@code etc/*.conf}, {@code **} across
 * directories, as {@link java.nio.file.FileSystem#getPathMatcher} reads {@code glob:}) becomes the
 * paths it matches, so that the check covers exactly what was restored; a path (or a glob matching
 * nothing) that the backup lacks is an error naming the nearest older and newer backups that have
 * it. A backup without a manifest keeps its literal paths (the tool then tells a missing one) and
 * cannot take a glob. Not thread-safe; one per restore.
 */
final class BackupPaths {
    private final PluginRegistry registry;
    private final IntegrityStore store;
    private final RunContext context;
    private @org.jspecify.annotations.Nullable Path chosenManifest;
    private final List<Path> made = new ArrayList<>();

    BackupPaths(PluginRegistry registry, IntegrityStore store, RunContext context) {
        this.registry = registry;
        this.store = store;
        this.context = context;
    }

    static boolean isGlob(String path) {
        return path.chars().anyMatch(c -> c == '*' || c == '?' || c == '[' || c == '{');
    }

    /**
     * The concrete paths to restore from {@code chosen}: globs expanded, none below another.
     *
     * @param all every backup it was chosen from, newest first
     * @throws RdumpException for a path the backup lacks, naming the nearest backups that have it
     */
    List<String> resolve(List<String> requested, Backup chosen, List<Backup> all) {
        Optional<List<String>> manifest = manifestPaths(chosen);
        if (manifest.isPresent()) {
            chosenManifest = manifestFile(chosen);
        }
        if (manifest.isEmpty()) {
            requested.stream().filter(BackupPaths::isGlob).findFirst().ifPresent(g -> {
                throw new RdumpException("cannot expand --path '" + g + "': backup " + chosen.stamp() + " of volume "
                        + chosen.volume() + " in '" + chosen.target().name() + "' holds no "
                        + IntegrityStore.DEFAULT_MANIFEST + " to match it against; give the paths themselves");
            });
            return requested;
        }
        Set<String> out = new LinkedHashSet<>();
        for (String p : requested) {
            if (p.equals(IntegrityStore.DEFAULT_MANIFEST)) {
                out.add(p); // the manifest does not list itself
                continue;
            }
            List<String> hits = matches(p, manifest.get());
            if (hits.isEmpty()) {
                throw missing(p, chosen, all);
            }
            out.addAll(hits);
        }
        // a path below another one is restored with it
        return out.stream().filter(p -> out.stream().noneMatch(q -> p.startsWith(q + "/"))).toList();
    }

    private static List<String> matches(String path, List<String> inManifest) {
        if (!isGlob(path)) {
            return inManifest.contains(path) ? List.of(path) : List.of();
        }
        PathMatcher m = FileSystems.getDefault().getPathMatcher("glob:" + path);
        return inManifest.stream().filter(p -> m.matches(Path.of(p))).toList();
    }

    private RdumpException missing(String path, Backup chosen, List<Backup> all) {
        int at = all.indexOf(chosen);
        List<String> found = new ArrayList<>();
        for (int i = at + 1; i < all.size(); i++) { // older
            if (has(all.get(i), path, chosen)) {
                found.add(all.get(i).stamp() + " (older)");
                break;
            }
        }
        for (int i = at - 1; i >= 0; i--) { // newer
            if (has(all.get(i), path, chosen)) {
                found.add(all.get(i).stamp() + " (newer)");
                break;
            }
        }
        String head = (isGlob(path) ? "no path matching '" + path + "' is" : "path '" + path + "' is not") + " in backup " + chosen.stamp()
                + " of volume " + chosen.volume() + " in '" + chosen.target().name() + "' ("
                + chosen.target().tool() + "); ";
        return new RdumpException(head + (found.isEmpty()
                ? "no other backup of it has it either; 'rdump list " + chosen.volume() + "' shows its backups"
                : "it is in backup" + (found.size() > 1 ? "s " : " ") + String.join(", ", found)
                        + "; restore from there with --archive"));
    }

    private boolean has(Backup b, String path, Backup chosen) {
        if (b.stamp().equals(chosen.stamp())) {
            return false; // the same backup in another destination
        }
        return manifestPaths(b).map(ps -> !matches(path, ps).isEmpty()).orElse(false);
    }

    /** Deletes the directories the manifests were fetched into (a dry run leaves nothing behind). */
    void deleteFetched() {
        made.forEach(org.rdump.api.support.Trees::delete);
        made.clear();
        chosenManifest = null;
    }

    /** The manifest of the chosen backup as {@link #resolve} fetched it into scratch, if it had one. */
    Optional<Path> chosenManifest() {
        return Optional.ofNullable(chosenManifest);
    }

    private Path manifestFile(Backup b) {
        return context.scratchDirectory().resolve("paths-" + b.target().name() + "-" + b.stamp())
                .resolve(IntegrityStore.DEFAULT_MANIFEST);
    }

    /** The paths the manifest inside {@code b} records, fetched into scratch; empty when it has none. */
    private Optional<List<String>> manifestPaths(Backup b) {
        BackupTool tool = registry.get(BackupTool.class, b.target().tool());
        Path m = manifestFile(b);
        Path dir = m.getParent();
        try {
            made.add(Files.createDirectories(dir));
            tool.restorePaths(b.target(), b.archive(), List.of(IntegrityStore.DEFAULT_MANIFEST), dir, context);
        } catch (IOException | RdumpException e) {
            return Optional.empty();
        }
        if (!Files.isRegularFile(m, LinkOption.NOFOLLOW_LINKS)) {
            return Optional.empty();
        }
        return Optional.of(store.paths(m, IntegrityStore.Version.latest()));
    }
}
