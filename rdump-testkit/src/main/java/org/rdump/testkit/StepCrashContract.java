package org.rdump.testkit;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.rdump.api.Step;
import org.rdump.api.Undo;
import org.rdump.api.command.Command;
import org.rdump.api.command.CommandResult;
import org.rdump.api.command.CommandRunner;
import org.rdump.api.command.LineListener;
import org.rdump.api.command.RunningCommand;
import org.rdump.api.support.UndoActions;

/**
 * The crash contract every {@link org.rdump.api.Strategy} (and any plugin's steps) must pass: a
 * run killed at any point, without its cleanups, leaves nothing behind once the undo records it
 * wrote are carried out, as core's recovery does after a SIGKILL (newest first, with nothing but
 * the records: no step object, no plan, no configuration).
 *
 * <p>A kill is simulated in the process: the steps of a fresh fixture perform one after another
 * with a journaling context ({@link MemoryUndoLog}); after step {@code k} performed, or right
 * after the {@code n}-th command of the run did its work, everything stops (no cleanup runs),
 * the open records are carried out, and {@link #assertNothingLeft} must pass. Every {@code k}
 * and every {@code n} of the plan is tried. (The real thing, with SIGKILL, child processes and
 * the journal on disk, is {@code CrashMatrixIT} in rdump-cli.)
 *
 * <p>Implementations give a fixture: the steps of one planned volume and the runner they use
 * (real programs or stand-ins), and say what "nothing left" means for them.
 *
 * @since 0.2
 */
public abstract class StepCrashContract {
    @TempDir
    protected Path work;

    /** The steps of one volume's plan on a fresh fixture under {@code work}, e.g. {@code strategy.plan(...)}. */
    protected abstract List<Step> plan(Path work) throws Exception;

    /** The runner the steps run with (stand-ins first on a PATH, or real programs). */
    protected abstract CommandRunner runner(Path work) throws Exception;

    /** Fails when something a killed run made is still there (a snapshot, a mount, a temporary file). */
    protected abstract void assertNothingLeft(Path work) throws Exception;

    /** The same fixture made anew for every kill; default: a fresh sub-directory of {@code work}. */
    protected Path fixture(int attempt) throws Exception {
        return Files.createDirectories(work.resolve("attempt-" + attempt));
    }

    /** Thrown by the killing runner: an {@link Error}, so that no step catches it as a failure. */
    static final class Killed extends Error {
        private static final long serialVersionUID = 1L;

        Killed() {
            super("killed", null, false, false);
        }
    }

    @Test
    public void aRunKilledAfterAnyStepIsUndoneByItsRecordsAlone() throws Exception {
        int steps = plan(fixture(-1)).size();
        for (int k = 0; k <= steps; k++) {
            Path dir = fixture(k);
            List<Step> plan = plan(dir);
            MemoryUndoLog log = new MemoryUndoLog();
            TestRunContext ctx = new TestRunContext(runner(dir), java.time.Clock.systemUTC(), false,
                    "20261201T120000Z", Files.createDirectories(dir.resolve("scratch"))).journalingInto(log);
            for (Step s : plan.subList(0, k)) {
                s.perform(ctx);
            }
            recover(log, dir);
            assertNothingLeft(dir);
        }
    }

    @Test
    public void aRunKilledRightAfterAnyCommandIsUndoneByItsRecordsAlone() throws Exception {
        boolean reachedTheEnd = false;
        for (int n = 1; !reachedTheEnd && n < 500; n++) {
            Path dir = fixture(1000 + n);
            List<Step> plan = plan(dir);
            MemoryUndoLog log = new MemoryUndoLog();
            TestRunContext ctx = new TestRunContext(killingAfter(n, runner(dir)), java.time.Clock.systemUTC(), false,
                    "20261201T120000Z", Files.createDirectories(dir.resolve("scratch"))).journalingInto(log);
            try {
                for (Step s : plan) {
                    s.perform(ctx);
                }
                reachedTheEnd = true;
                List<Step> reversed = new ArrayList<>(plan);
                Collections.reverse(reversed);
                for (Step s : reversed) {
                    s.cleanup(ctx);
                }
                assertThat(log.open()).as("a run that ended cleans up what it recorded").isEmpty();
            } catch (Killed expected) {
                recover(log, dir);
            }
            assertNothingLeft(dir);
        }
        assertThat(reachedTheEnd).as("the plan ends").isTrue();
    }

    /** What core's recovery does: every open record, newest first, with a plain context. */
    private void recover(MemoryUndoLog log, Path dir) throws Exception {
        List<Undo> open = new ArrayList<>(log.open());
        Collections.reverse(open);
        TestRunContext ctx = new TestRunContext(runner(dir), java.time.Clock.systemUTC(), false, "recovery",
                Files.createDirectories(dir.resolve("scratch")));
        for (Undo u : open) {
            UndoActions.carryOut(u, ctx);
        }
    }

    private static CommandRunner killingAfter(int n, CommandRunner inner) {
        AtomicInteger count = new AtomicInteger();
        return new CommandRunner() {
            @Override
            public CommandResult run(Command command, LineListener stdout, LineListener stderr) {
                CommandResult r = inner.run(command, stdout, stderr);
                if (count.incrementAndGet() == n) {
                    throw new Killed();
                }
                return r;
            }

            @Override
            public RunningCommand start(Command command) {
                if (count.incrementAndGet() == n) {
                    throw new Killed();
                }
                return inner.start(command);
            }

            @Override
            public boolean executes() {
                return inner.executes();
            }
        };
    }
}
