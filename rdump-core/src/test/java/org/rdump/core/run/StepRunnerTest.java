package org.rdump.core.run;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import org.junit.jupiter.api.Test;
import org.rdump.api.Phase;
import org.rdump.api.RdumpException;
import org.rdump.api.RunContext;
import org.rdump.api.RunEvent;
import org.rdump.api.RunInterruptedException;
import org.rdump.api.RunListener;
import org.rdump.api.Step;
import org.rdump.api.command.Command;
import org.rdump.api.support.LocalCommandRunner;

class StepRunnerTest {

    /** A step that records perform and cleanup calls in a shared log. */
    record Recorder(String name, List<String> log, boolean failPerform, boolean failCleanup) implements Step {
        @Override
        public Phase phase() {
            return Phase.BACKUP;
        }

        @Override
        public String volume() {
            return "v";
        }

        @Override
        public String describe() {
            return name;
        }

        @Override
        public void perform(RunContext context) {
            log.add("perform " + name);
            if (failPerform) {
                throw new RdumpException("boom in " + name);
            }
        }

        @Override
        public void cleanup(RunContext context) {
            log.add("cleanup " + name);
            if (failCleanup) {
                throw new RdumpException("cleanup boom in " + name);
            }
        }
    }

    static RunContext context(List<RunEvent> events) {
        RunListener l = events::add;
        return new DefaultRunContext(new LocalCommandRunner(), Clock.systemUTC(), false, l, "20260101T000000Z",
                Path.of("/tmp"));
    }

    @Property(tries = 200)
    void exactlyThePerformedStepsAreCleanedUpInReverse(@ForAll @IntRange(min = 1, max = 12) int count,
                                                       @ForAll @IntRange(min = 0, max = 12) int failAt) {
        List<String> log = Collections.synchronizedList(new ArrayList<>());
        List<Step> steps = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            steps.add(new Recorder("s" + i, log, i == failAt, false));
        }
        RunResult r = new StepRunner().run(steps, context(new ArrayList<>()));

        int reached = Math.min(failAt, count - 1); // index of the last step that started
        int started = failAt < count ? failAt + 1 : count;
        List<String> expected = new ArrayList<>();
        for (int i = 0; i < started; i++) {
            expected.add("perform s" + i);
        }
        for (int i = started - 1; i >= 0; i--) {
            expected.add("cleanup s" + i);
        }
        assertThat(log).containsExactlyElementsOf(expected);
        assertThat(r.succeeded()).isEqualTo(failAt >= count);
        assertThat(r.performed()).isEqualTo(failAt < count ? failAt : count);
        if (failAt < count) {
            assertThat(r.failure()).hasMessage("boom in s" + reached);
        }
    }

    @Property(tries = 100)
    void aThrowingCleanupDoesNotStopTheOthers(@ForAll @IntRange(min = 2, max = 8) int count,
                                              @ForAll @IntRange(min = 0, max = 7) int badCleanup) {
        int bad = badCleanup % count;
        List<String> log = Collections.synchronizedList(new ArrayList<>());
        List<Step> steps = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            steps.add(new Recorder("s" + i, log, i == count - 1, i == bad));
        }
        List<RunEvent> events = new ArrayList<>();
        RunResult r = new StepRunner().run(steps, context(events));

        assertThat(log.stream().filter(l -> l.startsWith("cleanup")).toList()).hasSize(count);
        assertThat(r.cleanupFailures()).singleElement().extracting(Throwable::getMessage)
                .isEqualTo("cleanup boom in s" + bad);
        assertThat(r.failure()).hasMessage("boom in s" + (count - 1)); // the first error is the one returned
        assertThat(events).filteredOn(e -> e instanceof RunEvent.CleanupFailed).hasSize(1);
    }

    /** A step of a given volume that logs, and fails when told to. */
    record VolumeStep(String volume, String name, List<String> log, boolean fail) implements Step {
        @Override
        public Phase phase() {
            return Phase.BACKUP;
        }

        @Override
        public String describe() {
            return name;
        }

        @Override
        public void perform(RunContext context) {
            log.add("perform " + volume + "/" + name);
            if (fail) {
                throw new RdumpException("boom in " + volume + "/" + name);
            }
        }

        @Override
        public void cleanup(RunContext context) {
            log.add("cleanup " + volume + "/" + name);
        }
    }

    @Property(tries = 200)
    void aFailedVolumeSkipsItsOwnLaterStepsAndTheOtherVolumesGoOn(
            @ForAll @IntRange(min = 1, max = 4) int volumes, @ForAll @IntRange(min = 1, max = 4) int perVolume,
            @ForAll @IntRange(min = 0, max = 15) int failAt) {
        List<String> log = Collections.synchronizedList(new ArrayList<>());
        List<Step> steps = new ArrayList<>();
        // interleaved as the planner's phase grouping does: step j of every volume, then step j+1
        for (int j = 0; j < perVolume; j++) {
            for (int v = 0; v < volumes; v++) {
                steps.add(new VolumeStep("v" + v, "s" + j, log, steps.size() == failAt));
            }
        }
        RunResult r = new StepRunner(StepRunner.OnError.CONTINUE).run(steps, context(new ArrayList<>()));

        List<String> performed = new ArrayList<>();
        String failedVolume = failAt < steps.size() ? steps.get(failAt).volume() : null;
        for (int i = 0; i < steps.size(); i++) {
            Step s = steps.get(i);
            if (i <= failAt || !s.volume().equals(failedVolume)) {
                performed.add(s.volume() + "/" + s.describe());
            }
        }
        List<String> expected = new ArrayList<>();
        performed.forEach(p -> expected.add("perform " + p));
        for (int i = performed.size() - 1; i >= 0; i--) {
            expected.add("cleanup " + performed.get(i));
        }
        assertThat(log).containsExactlyElementsOf(expected);
        if (failedVolume == null) {
            assertThat(r.succeeded()).isTrue();
            assertThat(r.failedVolumes()).isEmpty();
        } else {
            assertThat(r.failedVolumes()).containsOnlyKeys(failedVolume);
            assertThat(r.skipped()).isEqualTo(steps.size() - performed.size());
            assertThat(r.failure()).hasMessage("boom in " + failedVolume + "/" + steps.get(failAt).describe());
        }
    }

    @Test
    void onErrorStopRunsNothingAfterTheFirstFailure() {
        List<String> log = new ArrayList<>();
        RunResult r = new StepRunner(StepRunner.OnError.STOP).run(List.of(new VolumeStep("a", "s", log, true),
                new VolumeStep("b", "s", log, false)), context(new ArrayList<>()));
        assertThat(log).containsExactly("perform a/s", "cleanup a/s");
        assertThat(r.skipped()).isEqualTo(1);
    }

    @Test
    void successfulRunStillCleansUpEverything() {
        List<String> log = new ArrayList<>();
        RunResult r = new StepRunner().run(List.of(new Recorder("a", log, false, false),
                new Recorder("b", log, false, false)), context(new ArrayList<>()));
        assertThat(r.succeeded()).isTrue();
        assertThat(log).containsExactly("perform a", "perform b", "cleanup b", "cleanup a");
    }

    @Test
    void interruptDuringALongStepKillsItAndRunsTheCleanups() throws Exception {
        List<String> log = Collections.synchronizedList(new ArrayList<>());
        CountDownLatch started = new CountDownLatch(1);
        Step sleeper = new Step() {
            @Override
            public Phase phase() {
                return Phase.BACKUP;
            }

            @Override
            public String volume() {
                return "v";
            }

            @Override
            public String describe() {
                return "sleep";
            }

            @Override
            public void perform(RunContext context) {
                log.add("perform sleep");
                started.countDown();
                context.runner().run(Command.of("sleep", "30"));
            }

            @Override
            public void cleanup(RunContext context) {
                // a cleanup runs commands too: it must not be killed by the interrupt
                context.runner().run(Command.of("true"));
                log.add("cleanup sleep");
            }
        };
        List<Step> steps = List.of(new Recorder("snapshot", log, false, false), sleeper,
                new Recorder("never", log, false, false));
        RunResult[] result = new RunResult[1];
        Thread t = new Thread(() -> result[0] = new StepRunner().run(steps, context(new ArrayList<>())));
        long t0 = System.nanoTime();
        t.start();
        assertThat(started.await(10, TimeUnit.SECONDS)).isTrue();
        Thread.sleep(200);
        t.interrupt();
        t.join(10_000);
        assertThat(t.isAlive()).isFalse();
        assertThat(TimeUnit.NANOSECONDS.toSeconds(System.nanoTime() - t0)).isLessThan(20);
        assertThat(log).containsExactly("perform snapshot", "perform sleep", "cleanup sleep", "cleanup snapshot");
        assertThat(result[0].failure()).isInstanceOf(RunInterruptedException.class)
                .hasMessageContaining("interrupted during 'sleep'");
    }
}
