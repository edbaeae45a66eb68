package org.rdump.integrity;

import org.rdump.api.support.Plural;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeMap;
import java.util.function.Consumer;
import org.jspecify.annotations.Nullable;
import org.rdump.api.IntegrityException;
import org.rdump.api.IntegrityReport;
import org.rdump.api.IntegrityStore;
import org.rdump.api.ManifestUpdate;
import org.rdump.api.ManifestVersion;
import org.rdump.api.RdumpApi;
import org.rdump.api.RunContext;
import org.rdump.api.RunEvent;
import org.rdump.integrity.compare.Checker;
import org.rdump.integrity.hash.HashOptions;
import org.rdump.integrity.hash.HashProgress;
import org.rdump.integrity.hash.HashingNodeSource;
import org.rdump.integrity.internal.Messages;
import org.rdump.integrity.node.NodeSource;
import org.rdump.integrity.scan.TreeScanner;
import org.rdump.integrity.weave.DeltaInfo;
import org.rdump.integrity.weave.ManifestFile;
import org.slf4j.Logger;

/**
 * The rsure-compatible {@link IntegrityStore} (id {@code rsure}): manifests are rsure weave files
 * ({@code 2sure.dat.gz}) that rsure 0.9/0.10 reads and writes too.
 *
 * <p>{@link #update} scans the tree, reuses the hashes of files whose inode, ctime, size and mtime did not
 * change (and whose ctime is before the second the previous version was taken in: a file
 * rewritten within that second is rehashed, see {@link Updater}), hashes the rest in parallel and adds a version (tags: {@code name}, by default the
 * current time as rsure sets it, and {@code dir}, the tree's real path, as rsure adds). The new
 * nodes are woven into the manifest as they are produced, in one pass over the previous version
 * ({@link ManifestFile#addVersion(Map, Instant, ManifestFile.VersionBody)}); a failure leaves the
 * manifest untouched. {@link #check} hashes the whole tree and compares it with a
 * stored version. In a dry run both only describe what they would do. The manifest's own files
 * are left out of the scan when they lie at the tree's root. Thread-safe (stateless).
 *
 * @since 0.1
 */
public final class SureStore implements IntegrityStore {
    private static final String LOGGER = "rdump.integrity";
    /** rsure's default version name: local time, RFC 3339 with nanoseconds and a numeric offset. */
    private static final java.time.format.DateTimeFormatter RFC3339 =
            java.time.format.DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss.SSSSSSSSSxxx");
    private final HashOptions options;

    /** Hashing with {@link HashOptions#defaults()}. */
    public SureStore() {
        this(HashOptions.defaults());
    }

    public SureStore(HashOptions options) {
        this.options = Objects.requireNonNull(options, "options");
    }

    @Override
    public String id() {
        return "rsure";
    }

    @Override
    public String apiVersion() {
        return RdumpApi.VERSION;
    }

    @Override
    public String description() {
        return "rsure-compatible manifests (2sure.dat.gz weave): incremental parallel SHA-1 update, check";
    }

    @Override
    public ManifestUpdate update(Path tree, Path manifest, Map<String, String> tags, RunContext context) {
        return update(tree, manifest, tags, context, true);
    }

    /**
     * As {@link #update}; with {@code reuseHashes} false every file is hashed (rsure's
     * {@code scan}, which on an existing manifest also adds a version).
     */
    public ManifestUpdate update(Path tree, Path manifest, Map<String, String> tags, RunContext context,
                                 boolean reuseHashes) {
        Instant start = context.clock().instant();
        ManifestFile mf = ManifestFile.at(manifest);
        Map<String, String> allTags = new TreeMap<>(tags);
        allTags.putIfAbsent("name", RFC3339.format(OffsetDateTime.ofInstant(start, ZoneId.systemDefault())));
        allTags.putIfAbsent("dir", realPath(tree).toString());
        if (context.dryRun()) {
            int next = mf.exists() ? mf.latest() + 1 : 1;
            context.listener().onEvent(new RunEvent.DryRun("scan " + tree + (reuseHashes ? ", hash changed files" : ", hash every file")
                    + " and add version " + next + " (" + allTags.get("name") + ") to " + mf.mainFile()));
            return new ManifestUpdate(version(new DeltaInfo(next, allTags.get("name"), Map.of(), start)),
                    0, 0, 0, 0, 0, 0, Duration.ZERO);
        }
        Logger log = context.logger(LOGGER);
        long reuseBefore = Long.MAX_VALUE;
        if (reuseHashes && mf.exists()) {
            DeltaInfo latest = mf.versions().get(0); // never empty: the header parser rejects an empty list
            reuseBefore = latest.time().getEpochSecond();
        }
        long before = reuseBefore;
        try {
            TreeScanner scanner = new TreeScanner(tree, ManifestExclusion.of(tree, mf), context.logger(LOGGER + ".scan"));
            Updater updater = new Updater(options, progress(tree, context), log);
            // One pass: the previous version is read once, for the hashes to reuse and for the
            // weave merge, and the new nodes go straight into the merge (no temporary stream).
            // The version's time is when the scan starts: a file changed during the scan has a
            // later ctime, so the next update rehashes it.
            ManifestFile.Added<UpdateCounts> added = mf.addVersion(new TreeMap<>(allTags), start,
                    (previous, out) -> {
                        try {
                            return updater.write(reuseHashes ? previous : null, before, scanner, out);
                        } catch (IOException e) {
                            throw new IntegrityException(tree, "cannot update the manifest " + mf.mainFile() + ": "
                                    + Messages.describe(e), e);
                        }
                    });
            UpdateCounts c = added.result();
            DeltaInfo info = added.version();
            Duration elapsed = Duration.between(start, context.clock().instant());
            // The caller reports the version (core's manifest step, the sure command line): one line, not two.
            if (c.unreadable() > 0 || c.vanished() > 0) {
                context.listener().onEvent(new RunEvent.Warning(tree.toString(),
                        Plural.of(c.unreadable(), "file") + " could not be read and "
                        + Plural.of(c.vanished(), "entry", "entries") + " vanished or could not be listed"
                        + " while updating " + mf.mainFile() + " (see the log)"));
            }
            return new ManifestUpdate(version(info), c.directories(), c.files(), c.bytes(), c.hashedFiles(),
                    c.hashedBytes(), c.unreadable(), elapsed, c.previousFiles(), c.previousBytes());
        } catch (UncheckedIOException e) {
            throw new IntegrityException(tree, "cannot update the manifest " + mf.mainFile() + ": " + Messages.describe(e), e);
        }
    }

    @Override
    public IntegrityReport check(Path tree, Path manifest, Version version, Set<String> ignore, RunContext context) {
        ManifestFile mf = ManifestFile.at(manifest);
        if (!mf.exists()) {
            throw new IntegrityException(mf.mainFile(), "no manifest: run an update of " + tree + " first", null);
        }
        int v = resolve(mf, version);
        if (context.dryRun()) {
            context.listener().onEvent(new RunEvent.DryRun("hash every file of " + tree + " and compare with version "
                    + v + " of " + mf.mainFile()));
            return new IntegrityReport(List.of(), List.of());
        }
        TreeScanner scanner = new TreeScanner(tree, ManifestExclusion.of(tree, mf), context.logger(LOGGER + ".scan"));
        HashingNodeSource fresh = new HashingNodeSource(scanner, options, progress(tree, context), context.logger(LOGGER));
        try {
            return new Checker(tree.toString(), ignore, context.logger(LOGGER + ".compare")).compare(mf.read(v), fresh);
        } catch (IOException | UncheckedIOException e) {
            throw new IntegrityException(tree, "cannot compare " + tree + " with " + mf.mainFile() + ": " + Messages.describe(e), e);
        }
    }

    /**
     * Compares the version before the latest with the latest (rsure's {@code signoff}).
     *
     * @throws IntegrityException when there are fewer than two versions
     */
    public IntegrityReport signoff(Path tree, Path manifest, Set<String> ignore, RunContext context) {
        ManifestFile mf = ManifestFile.at(manifest);
        int latest = mf.latest();
        int prior = resolve(mf, Version.prior());
        try {
            return new Checker(tree.toString(), ignore, context.logger(LOGGER + ".compare"))
                    .compare(mf.read(prior), mf.read(latest));
        } catch (IOException | UncheckedIOException e) {
            throw new IntegrityException(mf.mainFile(), "cannot compare versions " + prior + " and " + latest + ": "
                    + Messages.describe(e), e);
        }
    }

    @Override
    public List<String> paths(Path manifest, Version version) {
        ManifestFile mf = ManifestFile.at(manifest);
        if (!mf.exists()) {
            throw new IntegrityException(mf.mainFile(), "no manifest", null);
        }
        List<String> out = new java.util.ArrayList<>();
        java.util.ArrayDeque<String> dirs = new java.util.ArrayDeque<>();
        try (NodeSource nodes = mf.read(resolve(mf, version))) {
            for (org.rdump.integrity.node.Node n = nodes.next(); n != null; n = nodes.next()) {
                if (n instanceof org.rdump.integrity.node.Node.Enter e) {
                    if (dirs.isEmpty()) {
                        dirs.push(""); // __root__
                        continue;
                    }
                    String p = child(dirs.peek(), e.name());
                    out.add(p);
                    dirs.push(p);
                } else if (n instanceof org.rdump.integrity.node.Node.File f) {
                    out.add(child(dirs.isEmpty() ? "" : dirs.peek(), f.name()));
                } else if (n instanceof org.rdump.integrity.node.Node.Leave) {
                    dirs.poll();
                }
            }
        } catch (IOException | UncheckedIOException e) {
            throw new IntegrityException(mf.mainFile(), "cannot read: " + Messages.describe(e), e);
        }
        return List.copyOf(out);
    }

    private static String child(String dir, org.rdump.integrity.node.NodeName name) {
        String n = new String(name.bytes(), java.nio.charset.StandardCharsets.UTF_8);
        return dir.isEmpty() ? n : dir + "/" + n;
    }

    @Override
    public List<ManifestVersion> versions(Path manifest) {
        return ManifestFile.at(manifest).versions().stream().map(SureStore::version).toList();
    }

    private static int resolve(ManifestFile mf, Version version) {
        int latest = mf.latest();
        if (version instanceof Version.Latest) {
            return latest;
        }
        if (version instanceof Version.Prior) {
            List<DeltaInfo> all = mf.versions();
            if (all.size() < 2) {
                throw new IntegrityException(mf.mainFile(), "only one version: there is no prior version to compare", null);
            }
            return all.get(1).number();
        }
        int n = ((Version.Numbered) version).number();
        if (n > latest) { // rsure silently uses the latest then (quirk Q3); an error is clearer
            throw new IntegrityException(mf.mainFile(), "no version " + n + ": the latest is " + latest, null);
        }
        return n;
    }

    private static ManifestVersion version(DeltaInfo d) {
        return new ManifestVersion(d.number(), d.name(), d.time(), d.tags());
    }

    private static Path realPath(Path tree) {
        try {
            return tree.toRealPath();
        } catch (IOException e) {
            throw new IntegrityException(tree, "cannot scan: " + e, e);
        }
    }

    private static Consumer<HashProgress> progress(Path tree, RunContext context) {
        String volume = tree.toString();
        return p -> context.listener().onEvent(new RunEvent.Progress(volume, "hashing", p.filesDone(),
                p.totalsKnown() ? p.filesTotal() : -1, p.bytesDone(), p.totalsKnown() ? p.bytesTotal() : -1,
                p.bytesPerSecond(), p.eta()));
    }
}
