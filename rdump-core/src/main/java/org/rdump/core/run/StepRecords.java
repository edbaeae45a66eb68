package org.rdump.core.run;

import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;
import org.rdump.api.Artifact;
import org.rdump.api.DifferencesFoundException;
import org.rdump.api.IntegrityReport;
import org.rdump.api.RunEvent;
import org.rdump.api.Step;

/**
 * Collects what each step of a run reports while it performs (reports, warnings, what it made),
 * and turns that into the run's {@link VolumeResult}s. Events raised between steps (cleanups)
 * belong to no step. Thread-safe: steps may report from worker threads.
 */
final class StepRecords {
    private final List<Step> steps;
    private final @Nullable StepResult[] results;
    private int current = -1;
    private final List<Artifact> created = new ArrayList<>();
    private final List<String> reports = new ArrayList<>();
    private final List<String> warnings = new ArrayList<>();
    private long files = -1;
    private long bytes = -1;

    StepRecords(List<Step> steps) {
        this.steps = List.copyOf(steps);
        this.results = new StepResult[steps.size()];
    }

    synchronized void started(int index) {
        current = index;
        created.clear();
        reports.clear();
        warnings.clear();
        files = -1;
        bytes = -1;
    }

    synchronized void onEvent(RunEvent event) {
        if (current < 0) {
            return;
        }
        if (event instanceof RunEvent.Report r) {
            reports.add(r.message());
            created.addAll(r.created());
            files = sum(files, r.files());
            bytes = sum(bytes, r.bytes());
        } else if (event instanceof RunEvent.Warning w) {
            warnings.add(w.message());
        }
    }

    synchronized void performed(int index, Duration elapsed) {
        results[index] = result(index, StepResult.Outcome.PERFORMED, elapsed, null);
        current = -1;
    }

    synchronized void failed(int index, Duration elapsed, RuntimeException e) {
        results[index] = result(index, StepResult.Outcome.FAILED, elapsed, e);
        current = -1;
    }

    /** Each volume in plan order, with its steps; steps that never ran are {@code SKIPPED}. */
    synchronized List<VolumeResult> volumes(Map<String, RuntimeException> failedVolumes) {
        Map<String, List<StepResult>> byVolume = new LinkedHashMap<>();
        for (int i = 0; i < steps.size(); i++) {
            StepResult r = results[i];
            if (r == null) {
                Step s = steps.get(i);
                r = new StepResult(i + 1, s.phase(), s.volume(), s.describe(), StepResult.Outcome.SKIPPED,
                        Duration.ZERO, List.of(), -1, -1, List.of(), List.of(), null, List.of());
            }
            byVolume.computeIfAbsent(r.volume(), v -> new ArrayList<>()).add(r);
        }
        List<VolumeResult> out = new ArrayList<>();
        byVolume.forEach((volume, list) -> {
            RuntimeException e = failedVolumes.get(volume);
            VolumeResult.Outcome outcome = e != null ? VolumeResult.Outcome.FAILED
                    : list.stream().allMatch(s -> s.outcome() == StepResult.Outcome.PERFORMED)
                    ? VolumeResult.Outcome.SUCCEEDED : VolumeResult.Outcome.SKIPPED;
            out.add(new VolumeResult(volume, outcome, list, e == null ? null : String.valueOf(e.getMessage())));
        });
        return out;
    }

    private StepResult result(int index, StepResult.Outcome outcome, Duration elapsed, @Nullable RuntimeException e) {
        Step s = steps.get(index);
        List<IntegrityReport.Difference> differences = e instanceof DifferencesFoundException d
                ? d.volumeReport().differences() : List.of();
        return new StepResult(index + 1, s.phase(), s.volume(), s.describe(), outcome, elapsed, created, files,
                bytes, reports, warnings, e == null ? null : String.valueOf(e.getMessage()), differences);
    }

    private static long sum(long total, long more) {
        return more < 0 ? total : Math.max(total, 0) + more;
    }
}
