package org.rdump.core.run;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.rdump.api.RunEvent;
import org.rdump.api.Undo;
import org.rdump.api.UndoAction;
import org.rdump.api.support.LocalCommandRunner;

class RecoveryTest {
    @TempDir
    Path dir;

    DefaultRunContext context(List<RunEvent> events) {
        return new DefaultRunContext(new LocalCommandRunner(), Clock.systemUTC(), false, events::add, "recovery", dir);
    }

    @Test
    void openRecordsAreCarriedOutNewestFirstAndTheJournalGoes() throws Exception {
        Path log = dir.resolve("log");
        Path scratch = Files.createDirectories(dir.resolve("scratch/deep"));
        Path journal = dir.resolve("j");
        try (Journal j = Journal.open(journal)) {
            j.record(Undo.of("scratch", scratch.getParent().toString(), "rdump", new UndoAction.Delete(scratch.getParent())));
            j.record(Undo.of("mark", "one", "v", UndoAction.Run.of(List.of("sh", "-c", "echo one >> " + log), List.of())));
            j.record(Undo.of("mark", "two", "v", UndoAction.Run.of(List.of("sh", "-c", "echo two >> " + log), List.of())));
        }
        List<RunEvent> events = new ArrayList<>();
        Recovery.Report r;
        try (Journal j = Journal.open(journal)) {
            r = Recovery.run(j, context(events));
        }
        assertThat(Files.readAllLines(log)).containsExactly("two", "one");
        assertThat(scratch.getParent()).doesNotExist();
        assertThat(r.undone()).extracting(Undo::identity).containsExactly("two", "one", scratch.getParent().toString());
        assertThat(r.clean()).isTrue();
        assertThat(journal).doesNotExist();
    }

    @Test
    void aResourceThatIsNotTheRecordsOwnIsLeftAlone() throws Exception {
        // onlyIf prints another origin than the one recorded: someone else's dataset of the same name
        Path victim = Files.writeString(dir.resolve("victim"), "not ours");
        Undo u = Undo.of("zfs-clone", "tank/snaps/home", "home", new UndoAction.Run(List.of("rm", victim.toString()),
                List.of("echo", "tank/home@0002-202612011300"), "tank/home@0001-202612011200", 1));
        Path journal = dir.resolve("j");
        try (Journal j = Journal.open(journal)) {
            j.record(u);
            Recovery.run(j, context(new ArrayList<>()));
        }
        assertThat(victim).exists();
    }

    @Test
    void aRecordThatCannotBeUndoneIsReportedWithTheCommandToRunByHandAndKept() throws Exception {
        Undo u = Undo.of("zfs-clone", "tank/snaps/home", "home", new UndoAction.Run(List.of("false"),
                List.of("true"), "", 2));
        Path journal = dir.resolve("j");
        List<RunEvent> events = new ArrayList<>();
        try (Journal j = Journal.open(journal)) {
            j.record(u);
            Recovery.Report r = Recovery.run(j, context(events));
            assertThat(r.clean()).isFalse();
            assertThat(r.failed()).singleElement().extracting(Recovery.Failure::message).asString()
                    .startsWith("cannot remove zfs-clone tank/snaps/home (volume home): false failed (exit 1)")
                    .endsWith("; remove it by hand: true && false");
        }
        assertThat(events).filteredOn(e -> e instanceof RunEvent.Warning).extracting(e -> ((RunEvent.Warning) e).message())
                .anySatisfy(m -> assertThat(m).contains("(kept in the journal " + journal + "; the next run tries again)"));
        try (Journal j = Journal.open(journal)) {
            assertThat(j.openRecords()).containsExactly(u);
        }
    }

    @Test
    void aKilledRunsChildIsStoppedButAProcessThatReusedThePidIsNot() throws Exception {
        Process child = new ProcessBuilder("sleep", "60").start();
        Undo real = Undo.of("process", "child", "rdump", new UndoAction.Stop(child.pid(),
                child.toHandle().info().startInstant().orElseThrow(), "TERM", Duration.ofSeconds(5), "sleep"));
        Process other = new ProcessBuilder("sleep", "60").start();
        Undo reused = Undo.of("process", "reused", "rdump", new UndoAction.Stop(other.pid(),
                other.toHandle().info().startInstant().orElseThrow().minusSeconds(3600), "TERM", Duration.ofSeconds(5),
                "sleep"));
        try (Journal j = Journal.open(dir.resolve("j"))) {
            j.record(real);
            j.record(reused);
            Recovery.run(j, context(new ArrayList<>()));
        }
        assertThat(child.waitFor(10, java.util.concurrent.TimeUnit.SECONDS)).isTrue();
        assertThat(other.isAlive()).as("a pid whose start time differs is another process").isTrue();
        other.destroyForcibly();
    }
}
