package org.rdump.core.verify;

import org.rdump.api.support.Plural;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import org.jspecify.annotations.Nullable;
import org.rdump.api.ArchiveInfo;
import org.rdump.api.BackupTool;
import org.rdump.api.DifferencesFoundException;
import org.rdump.api.IntegrityReport;
import org.rdump.api.IntegrityStore;
import org.rdump.api.Phase;
import org.rdump.api.RdumpException;
import org.rdump.api.RestoredTree;
import org.rdump.api.RunContext;
import org.rdump.api.RunEvent;
import org.rdump.api.Step;
import org.rdump.api.ToolTarget;
import org.rdump.api.support.Trees;

/**
 * The VERIFY step: a test restore of one volume's backup from one tool instance, checked file by
 * file against the manifest inside it. Cleanup deletes the scratch directory it extracted into.
 */
public final class VerifyStep implements Step {
    private final String volume;
    private final BackupTool tool;
    private final ToolTarget target;
    private final @Nullable String archiveId;
    private final IntegrityStore store;
    private @Nullable Path scratch;
    private volatile @Nullable RestoredTree restored;
    private volatile @Nullable ArchiveInfo archive;
    private volatile @Nullable IntegrityReport report;

    /**
     * @param archiveId the backup to verify, by run stamp or the tool's own name, or null for the newest
     */
    public VerifyStep(String volume, BackupTool tool, ToolTarget target, @Nullable String archiveId,
                      IntegrityStore store) {
        this.volume = Objects.requireNonNull(volume, "volume");
        this.tool = Objects.requireNonNull(tool, "tool");
        this.target = Objects.requireNonNull(target, "target");
        this.archiveId = archiveId;
        this.store = Objects.requireNonNull(store, "store");
    }

    @Override
    public Phase phase() {
        return Phase.VERIFY;
    }

    @Override
    public String volume() {
        return volume;
    }

    @Override
    public String describe() {
        return "verify " + (archiveId == null ? "the newest backup" : "backup " + archiveId) + " of "
                + volume + " in '" + target.name() + "' (" + tool.id() + ") against its manifest";
    }

    /** The tool instance restored from. */
    public ToolTarget target() {
        return target;
    }

    /** The backup chosen, once {@link #perform} chose it. */
    public Optional<ArchiveInfo> archive() {
        return Optional.ofNullable(archive);
    }

    /**
     * What the check found (only the kinds the tool stores), once it ran; differences also fail
     * the step with a {@link DifferencesFoundException}.
     */
    public Optional<IntegrityReport> report() {
        return Optional.ofNullable(report);
    }

    /** The tool instance's {@link BackupTool#resources}. */
    @Override
    public java.util.List<String> resources() {
        return tool.resources(target);
    }

    @Override
    public void perform(RunContext context) {
        if (context.dryRun()) {
            context.listener().onEvent(new RunEvent.DryRun("  restore from '" + target.name()
                    + "' into a scratch directory and check it against its "
                    + IntegrityStore.DEFAULT_MANIFEST));
            return;
        }
        ArchiveInfo archive = select(tool.list(target, volume, context));
        this.archive = archive;
        scratch = context.scratchDirectory().resolve("verify-" + volume + "-" + target.name());
        try {
            Files.createDirectories(scratch);
        } catch (IOException e) {
            throw new RdumpException("cannot create the scratch directory " + scratch
                    + " for the test restore: " + e.getMessage(), e);
        }
        RestoredTree restored = tool.restore(target, archive, scratch, context);
        this.restored = restored;
        Path manifest = restored.root().resolve(IntegrityStore.DEFAULT_MANIFEST);
        String what = "test restore of " + archive.id() + " (volume " + volume + ", '" + target.name() + "')";
        if (!Files.isRegularFile(manifest)) {
            throw new RdumpException(what + " holds no " + IntegrityStore.DEFAULT_MANIFEST
                    + " at its root, so it cannot be checked; add 'rsure' to the actions of volume "
                    + volume + " and back it up again");
        }
        var split = store.check(restored.root(), manifest, IntegrityStore.Version.latest(), Set.of(),
                org.rdump.core.run.VolumeContext.of(context, volume))
                .withoutKindsNotIn(tool.keptKinds());
        IntegrityReport report = split.getKey();
        this.report = report;
        if (!split.getValue().isEmpty()) {
            var kinds = new java.util.TreeMap<String, Integer>();
            split.getValue().forEach(d -> kinds.merge(d.kind(), 1, Integer::sum));
            context.listener().onEvent(new RunEvent.Warning(volume, what + ": not checked, because " + tool.id()
                    + " does not store them: " + String.join(", ", kinds.entrySet().stream()
                            .map(e -> Plural.of(e.getValue(), e.getKey())).toList())
                    + " (" + String.join(", ", split.getValue().stream().limit(5).map(IntegrityReport.Difference::path)
                            .toList()) + (split.getValue().size() > 5 ? ", ..." : "") + ")"));
        }
        if (!report.clean()) {
            throw new DifferencesFoundException(what, report, restored.root().toString());
        }
        context.listener().onEvent(new RunEvent.Report(volume, what + ": every file matches the manifest"));
    }

    private ArchiveInfo select(List<ArchiveInfo> archives) {
        if (archiveId != null) {
            return archives.stream().filter(a -> a.matches(archiveId)).findFirst()
                    .orElseThrow(() -> new RdumpException("no backup named " + archiveId + " of volume "
                            + volume + " in '" + target.name() + "'; it holds: " + ids(archives)));
        }
        Optional<ArchiveInfo> newest = archives.stream().max(Comparator.comparing(ArchiveInfo::time)
                .thenComparing(ArchiveInfo::id));
        return newest.orElseThrow(() -> new RdumpException("no backup of volume " + volume + " in '"
                + target.name() + "' to verify; run 'rdump backup " + volume + "' first"));
    }

    private static String ids(List<ArchiveInfo> archives) {
        return archives.isEmpty() ? "nothing" : String.join(", ", archives.stream()
                .map(a -> a.id().equals(a.stamp()) ? a.id() : a.stamp() + " (" + a.id() + ")").toList());
    }

    @Override
    public void cleanup(RunContext context) {
        RestoredTree tree = restored;
        if (tree != null) {
            tool.release(target, tree, context); // a mount or loop device must go before the directory
            restored = null;
        }
        Path dir = scratch;
        if (dir == null || !Files.exists(dir)) {
            return;
        }
        try {
            Trees.delete(dir); // extracted trees may hold read-only directories: Trees makes them writable
        } catch (RdumpException e) {
            throw new RdumpException("cannot delete the test-restore scratch directory " + dir + ": " + e.getMessage(), e);
        }
        scratch = null;
    }
}
