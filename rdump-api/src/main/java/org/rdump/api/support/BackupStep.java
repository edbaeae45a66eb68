package org.rdump.api.support;

import java.util.Objects;
import org.rdump.api.BackupRequest;
import org.rdump.api.BackupResult;
import org.rdump.api.BackupTool;
import org.rdump.api.Phase;
import org.rdump.api.RunContext;
import org.rdump.api.RunEvent;
import org.rdump.api.Step;

/**
 * The BACKUP step that calls {@link BackupTool#backup} once and reports the result. Leaves
 * nothing to clean up: a failed backup is the tool's to discard.
 *
 * @since 0.1
 */
public final class BackupStep implements Step {
    private final BackupTool tool;
    private final BackupRequest request;
    private volatile @org.jspecify.annotations.Nullable BackupResult result;

    /**
     * The step that calls {@code tool.backup(request, context)} (and its preflight and resources).
     *
     * @param tool the tool; never null
     * @param request what to back up; never null
     */
    public BackupStep(BackupTool tool, BackupRequest request) {
        this.tool = Objects.requireNonNull(tool, "tool");
        this.request = Objects.requireNonNull(request, "request");
    }

    @Override
    public Phase phase() {
        return Phase.BACKUP;
    }

    @Override
    public String volume() {
        return request.volume();
    }

    @Override
    public String describe() {
        return tool.id() + " backup of " + request.source() + " to '" + request.target().name()
                + "' as " + tool.storedAs(request);
    }

    /**
     * The tool instance this step backs up to.
     *
     * @return the instance; never null
     * @since 0.4
     */
    public org.rdump.api.ToolTarget target() {
        return request.target();
    }

    /**
     * What the backup produced, once {@link #perform} returned (not in a dry run's sense: a dry
     * run's result is the tool's description of what it would make).
     *
     * @return the result; never null, empty before {@link #perform} returned
     * @since 0.4
     */
    public java.util.Optional<BackupResult> result() {
        return java.util.Optional.ofNullable(result);
    }

    /** The tool instance's {@link BackupTool#resources}. */
    @Override
    public java.util.List<String> resources() {
        return tool.resources(request.target());
    }

    /** What {@link BackupTool#preflight} finds for this request. */
    @Override
    public java.util.List<org.rdump.api.PreflightProblem> preflight(RunContext context) {
        return tool.preflight(request, context);
    }

    @Override
    public void perform(RunContext context) {
        BackupResult result = tool.backup(request, context);
        this.result = result;
        for (String w : result.warnings()) {
            context.listener().onEvent(new RunEvent.Warning(request.volume(), w));
        }
        if (!context.dryRun()) {
            context.listener().onEvent(new RunEvent.Report(request.volume(),
                    tool.id() + " '" + request.target().name() + "': " + result.archive().id() + figures(result),
                    java.util.List.of(new org.rdump.api.Artifact(org.rdump.api.Artifact.Kind.ARCHIVE,
                            result.archive().id(), request.target().name())),
                    result.files(), result.bytes()));
        }
    }

    /**
     * {@code , 207 files (4.0 MiB) transferred} or {@code , 207 files (4.0 MiB) in the backup}:
     * the figures and what they count; empty when the tool gave none.
     */
    static String figures(BackupResult result) {
        if (result.files() < 0 && result.bytes() < 0) {
            return "";
        }
        String what = result.files() >= 0 ? Plural.of(result.files(), "file") : "";
        if (result.bytes() >= 0) {
            what += what.isEmpty() ? ByteSizes.human(result.bytes()) : " (" + ByteSizes.human(result.bytes()) + ")";
        }
        return ", " + what + (result.counted() == BackupResult.Counted.TRANSFERRED ? " transferred" : " in the backup");
    }
}
