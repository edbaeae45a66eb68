package org.rdump.core.run;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import org.junit.jupiter.api.Test;
import org.rdump.api.Artifact;
import org.rdump.api.DifferencesFoundException;
import org.rdump.api.IntegrityReport;
import org.rdump.api.Phase;
import org.rdump.api.RdumpException;
import org.rdump.api.RunContext;
import org.rdump.api.RunEvent;
import org.rdump.api.Step;
import org.rdump.api.support.LocalCommandRunner;

/** The run's typed result: each volume and each step, with what the step reported as data. */
class RunResultRecordsTest {

    /** A step of {@code volume} that does {@code action} with the context when it performs. */
    record Doing(Phase phase, String volume, String describe, Consumer<RunContext> action) implements Step {
        @Override
        public void perform(RunContext context) {
            action.accept(context);
        }
    }

    private static RunResult run(List<Step> steps) {
        List<RunEvent> events = new ArrayList<>();
        RunContext ctx = new DefaultRunContext(new LocalCommandRunner(), Clock.systemUTC(), false, events::add,
                "20260101T000000Z", Path.of("/tmp"));
        return new StepRunner().run(steps, ctx);
    }

    @Test
    void eachStepKeepsWhatItReportedMadeAndCounted() {
        Artifact archive = new Artifact(Artifact.Kind.ARCHIVE, "boot-20260101T000000Z", "vault");
        Artifact version = new Artifact(Artifact.Kind.MANIFEST_VERSION, "3", "/boot/2sure.dat.gz");
        RunResult r = run(List.of(
                new Doing(Phase.INTEGRITY, "boot", "update the manifest", c -> c.listener().onEvent(
                        new RunEvent.Report("boot", "manifest version 3", List.of(version), 120, 4096))),
                new Doing(Phase.BACKUP, "boot", "borg backup", c -> {
                    c.listener().onEvent(new RunEvent.Warning("boot", "file changed while read"));
                    c.listener().onEvent(new RunEvent.Report("boot", "borg 'vault': part 1", List.of(archive), 10, 100));
                    c.listener().onEvent(new RunEvent.Report("boot", "borg 'vault': part 2", List.of(), 5, 50));
                    c.listener().onEvent(new RunEvent.Report("boot", "a sentence only"));
                }),
                new Doing(Phase.BACKUP, "home", "rsync backup", c -> { })));

        assertThat(r.volumes()).extracting(VolumeResult::volume, VolumeResult::outcome).containsExactly(
                org.assertj.core.groups.Tuple.tuple("boot", VolumeResult.Outcome.SUCCEEDED),
                org.assertj.core.groups.Tuple.tuple("home", VolumeResult.Outcome.SUCCEEDED));
        StepResult backup = r.volumes().get(0).steps().get(1);
        assertThat(backup.index()).isEqualTo(2);
        assertThat(backup.phase()).isEqualTo(Phase.BACKUP);
        assertThat(backup.outcome()).isEqualTo(StepResult.Outcome.PERFORMED);
        assertThat(backup.created()).containsExactly(archive);
        assertThat(backup.files()).as("summed over its reports").isEqualTo(15);
        assertThat(backup.bytes()).isEqualTo(150);
        assertThat(backup.reports()).containsExactly("borg 'vault': part 1", "borg 'vault': part 2", "a sentence only");
        assertThat(backup.warnings()).containsExactly("file changed while read");
        assertThat(r.volumes().get(0).created()).containsExactly(version, archive);
        assertThat(r.created()).containsExactly(version, archive);
        StepResult quiet = r.volumes().get(1).steps().get(0);
        assertThat(quiet.files()).as("said nothing").isEqualTo(-1);
        assertThat(quiet.bytes()).isEqualTo(-1);
        assertThat(quiet.reports()).isEmpty();
    }

    @Test
    void aFailedStepHasItsErrorAndDifferencesWithVolumeRelativePathsAndTheRestOfItsVolumeIsSkipped() {
        IntegrityReport report = new IntegrityReport(List.of(
                new IntegrityReport.Difference(IntegrityReport.Change.CHANGED, "/scratch/r/etc/hosts", "file",
                        List.of("sha1")),
                new IntegrityReport.Difference(IntegrityReport.Change.ADDED, "/scratch/r", "dir", List.of())),
                List.of("  [sha1                ] \"/scratch/r/etc/hosts\"", "+ dir                    \"/scratch/r\""));
        RunResult r = run(List.of(
                new Doing(Phase.VERIFY, "boot", "verify boot", c -> {
                    throw new DifferencesFoundException("test restore of boot", report, "/scratch/r");
                }),
                new Doing(Phase.VERIFY, "boot", "later step of boot", c -> { }),
                new Doing(Phase.BACKUP, "home", "home goes on", c -> { })));

        VolumeResult boot = r.volumes().get(0);
        assertThat(boot.outcome()).isEqualTo(VolumeResult.Outcome.FAILED);
        assertThat(boot.error()).startsWith("test restore of boot: 2 differences");
        StepResult failed = boot.steps().get(0);
        assertThat(failed.outcome()).isEqualTo(StepResult.Outcome.FAILED);
        assertThat(failed.error()).isEqualTo(boot.error());
        assertThat(failed.differences()).extracting(IntegrityReport.Difference::path).containsExactly("etc/hosts", ".");
        assertThat(failed.differences().get(0).attributes()).containsExactly("sha1");
        assertThat(boot.steps().get(1).outcome()).isEqualTo(StepResult.Outcome.SKIPPED);
        assertThat(boot.steps().get(1).elapsed()).isZero();
        assertThat(r.volumes().get(1).outcome()).isEqualTo(VolumeResult.Outcome.SUCCEEDED);
        assertThat(r.steps()).extracting(StepResult::index).containsExactly(1, 2, 3);
    }

    @Property(tries = 100)
    void everyStepOfThePlanIsInTheResultOnceInPlanOrder(@ForAll @IntRange(min = 1, max = 10) int count,
                                                        @ForAll @IntRange(min = 0, max = 10) int failAt,
                                                        @ForAll @IntRange(min = 1, max = 3) int volumes) {
        List<Step> steps = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            boolean fail = i == failAt;
            steps.add(new Doing(Phase.BACKUP, "v" + i % volumes, "s" + i, c -> {
                if (fail) {
                    throw new RdumpException("boom");
                }
            }));
        }
        RunResult r = run(steps);
        assertThat(r.steps()).extracting(StepResult::description)
                .containsExactlyElementsOf(steps.stream().map(Step::describe).toList());
        assertThat(r.steps().stream().filter(s -> s.outcome() == StepResult.Outcome.PERFORMED).count())
                .isEqualTo(r.performed());
        assertThat(r.steps().stream().filter(s -> s.outcome() == StepResult.Outcome.SKIPPED).count())
                .isEqualTo(r.skipped());
        assertThat(r.volumes()).allSatisfy(v -> assertThat(v.outcome() == VolumeResult.Outcome.FAILED)
                .isEqualTo(r.failedVolumes().containsKey(v.volume())));
    }
}
