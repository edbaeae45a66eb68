package org.rdump.integrity;

import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeSet;
import org.rdump.api.IntegrityReport;
import org.rdump.api.IntegrityStore;
import org.rdump.api.ManifestUpdate;
import org.rdump.api.ManifestVersion;
import org.rdump.api.RunContext;
import org.rdump.api.RunListener;
import org.rdump.integrity.hash.HashOptions;

/**
 * rsure's commands for one tree, for JShell and small programs. Immutable: each option returns a
 * new {@code Sure}.
 * <pre>
 * Sure s = Sure.at(Path.of("/srv"));               // manifest /srv/2sure.dat.gz
 * s.update();                                       // new version, hashing changed files
 * s.check().lines().forEach(System.out::println);   // latest version vs the tree
 * s.tag("name", "before-upgrade").threads(4).scan(); // new version, hashing every file
 * s.signoff(); s.versions();
 * s.manifest("/var/lib/sums/srv.dat.gz").ignore("mtime").check(2);
 * </pre>
 *
 * @since 0.1
 */
public final class Sure {
    private final Path tree;
    private final Path manifest;
    private final Map<String, String> tags;
    private final Set<String> ignore;
    private final HashOptions options;
    private final RunContext context;

    private Sure(Path tree, Path manifest, Map<String, String> tags, Set<String> ignore, HashOptions options,
                 RunContext context) {
        this.tree = tree;
        this.manifest = manifest;
        this.tags = Map.copyOf(tags);
        this.ignore = Set.copyOf(ignore);
        this.options = options;
        this.context = context;
    }

    /** The tree at {@code tree}, with its manifest {@code 2sure.dat.gz} at its root. */
    public static Sure at(Path tree) {
        Objects.requireNonNull(tree, "tree");
        return new Sure(tree, tree.resolve(IntegrityStore.DEFAULT_MANIFEST), Map.of(), Set.of(),
                HashOptions.defaults(), new SimpleRunContext(RunListener.NONE, false));
    }

    /** Another manifest file; a relative path is taken from the tree's root. */
    public Sure manifest(String path) {
        return manifest(Path.of(path));
    }

    /** Another manifest file; a relative path is taken from the tree's root. */
    public Sure manifest(Path path) {
        return new Sure(tree, tree.resolve(path), tags, ignore, options, context);
    }

    /** Adds a tag to the versions written ({@code name} names the version). */
    public Sure tag(String key, String value) {
        Map<String, String> t = new LinkedHashMap<>(tags);
        t.put(key, value);
        return new Sure(tree, manifest, t, ignore, options, context);
    }

    /** Attributes to ignore in {@link #check} and {@link #signoff} (ctime and ino always are). */
    public Sure ignore(String... attributes) {
        Set<String> i = new TreeSet<>(ignore);
        i.addAll(List.of(attributes));
        return new Sure(tree, manifest, tags, i, options, context);
    }

    /** The number of hashing threads. */
    public Sure threads(int n) {
        return new Sure(tree, manifest, tags, ignore, options.withThreads(n), context);
    }

    /** Receives progress, reports and warnings. */
    public Sure listener(RunListener listener) {
        return new Sure(tree, manifest, tags, ignore, options, new SimpleRunContext(listener, context.dryRun()));
    }

    private SureStore store() {
        return new SureStore(options);
    }

    /** Adds a version, hashing only the files whose inode, ctime, size or mtime changed. */
    public ManifestUpdate update() {
        return store().update(tree, manifest, tags, context, true);
    }

    /** Adds a version, hashing every file (rsure's {@code scan}). */
    public ManifestUpdate scan() {
        return store().update(tree, manifest, tags, context, false);
    }

    /** Compares the latest version with the tree (every file is hashed). */
    public IntegrityReport check() {
        return store().check(tree, manifest, IntegrityStore.Version.latest(), ignore, context);
    }

    /** Compares version {@code number} with the tree. */
    public IntegrityReport check(int number) {
        return store().check(tree, manifest, IntegrityStore.Version.number(number), ignore, context);
    }

    /** Compares the version before the latest with the latest. */
    public IntegrityReport signoff() {
        return store().signoff(tree, manifest, ignore, context);
    }

    /** The stored versions, newest first. */
    public List<ManifestVersion> versions() {
        return store().versions(manifest);
    }

    @Override
    public String toString() {
        return "Sure[" + tree + ", manifest " + manifest + "]";
    }
}
