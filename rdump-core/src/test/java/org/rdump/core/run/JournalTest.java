package org.rdump.core.run;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.rdump.api.Undo;
import org.rdump.api.UndoAction;
import org.rdump.api.command.Command;

class JournalTest {
    @TempDir
    Path dir;

    Path file() {
        return dir.resolve("j.journal");
    }

    static Undo clone(String name) {
        return new Undo("zfs-clone", name, "home", List.of(new UndoAction.Run(List.of("zfs", "destroy", name),
                List.of("zfs", "get", "-H", "-o", "value", "origin", name), "tank/home@0001-202612011200", 12)));
    }

    @Test
    void everyKindOfActionSurvivesTheFileAndOpenRecordsAreReadBackInOrder() {
        Undo a = clone("tank/snaps/home");
        Undo b = Undo.of("scratch", dir.resolve("s").toString(), "rdump", new UndoAction.Delete(dir.resolve("s")));
        Undo c = Undo.of("temp-files", dir + "/2sure.N", "boot", new UndoAction.DeleteMatching(dir, "2sure\\.[0-9]+"));
        Undo d = Undo.of("process", "42 started x", "rdump", new UndoAction.Stop(42, Instant.parse("2026-12-01T12:00:00Z"),
                "INT", Duration.ofSeconds(30), "borg"));
        try (Journal j = Journal.open(file())) {
            j.record(a);
            j.record(b);
            j.record(c);
            j.record(d);
            j.done(b);
        }
        try (Journal j = Journal.open(file())) {
            assertThat(j.openRecords()).containsExactly(a, c, d);
            assertThat(j.damagedLines()).isEmpty();
            j.done(a);
            j.done(c);
            j.done(d);
        }
        assertThat(file()).as("a journal with nothing open is deleted").doesNotExist();
    }

    @Test
    void aTornLastLineIsIgnoredAndTheNextRecordStartsALineOfItsOwn() throws Exception {
        Undo a = clone("tank/snaps/a");
        try (Journal j = Journal.open(file())) {
            j.record(a);
        }
        Files.writeString(file(), Files.readString(file()) + "{\"op\":\"open\",\"kind\":\"zfs-cl", StandardCharsets.UTF_8);
        Undo b = clone("tank/snaps/b");
        try (Journal j = Journal.open(file())) {
            assertThat(j.openRecords()).containsExactly(a);
            assertThat(j.damagedLines()).isEmpty();
            j.record(b);
        }
        try (Journal j = Journal.open(file())) {
            assertThat(j.openRecords()).containsExactly(a, b);
        }
    }

    @Test
    void aDamagedLineIsReportedWithItsNumberAndKeptBesideTheJournal() throws Exception {
        Files.writeString(file(), "{\"op\":\"open\",\"kind\":\"zfs-clone\"}\nnot json at all\n", StandardCharsets.UTF_8);
        try (Journal j = Journal.open(file())) {
            assertThat(j.damagedLines()).containsExactly(
                    "line 1: no text field 'identity': {\"op\":\"open\",\"kind\":\"zfs-clone\"}",
                    "line 2: not a JSON object: Unrecognized token 'not': was expecting (JSON String, Number, Array,"
                            + " Object or token 'null', 'true' or 'false'): not json at all");
            assertThat(j.openRecords()).isEmpty();
        }
        assertThat(file()).doesNotExist();
        assertThat(Files.readAllLines(dir.resolve("j.journal.damaged"))).hasSize(2);
    }

    @Test
    void aJournalStillWritesWhenTheRunIsInterrupted() {
        Undo a = clone("tank/snaps/a");
        Undo b = clone("tank/snaps/b");
        try (Journal j = Journal.open(file())) {
            j.record(a);
            Thread.currentThread().interrupt(); // SIGINT: the cleanups that follow must still write
            try {
                j.done(a);
                j.record(b);
            } finally {
                assertThat(Thread.interrupted()).as("the interrupt is kept").isTrue();
            }
        }
        try (Journal j = Journal.open(file())) {
            assertThat(j.openRecords()).containsExactly(b);
        }
    }

    @Test
    void recordingTheSameResourceAgainReplacesItsActions() {
        Undo first = Undo.of("mount", "/mnt/x", "root", UndoAction.Run.of(List.of("umount", "/mnt/x"), List.of()));
        Undo again = Undo.of("mount", "/mnt/x", "root", new UndoAction.Run(List.of("umount", "/mnt/x"),
                List.of("mountpoint", "-q", "/mnt/x"), "", 3));
        try (Journal j = Journal.open(file())) {
            j.record(first);
            j.record(again);
            assertThat(j.openRecords()).containsExactly(again);
        }
    }

    @Test
    void aChildProcessIsRecordedWithItsStartTimeUntilItEnds() throws Exception {
        Process p = new ProcessBuilder("sleep", "30").start();
        try (Journal j = Journal.open(file())) {
            Runnable ended = j.started(p.toHandle(), Command.of("sleep", "30").stoppedByInterrupt());
            Undo u = j.openRecords().get(0);
            assertThat(u.kind()).isEqualTo("process");
            UndoAction.Stop stop = (UndoAction.Stop) u.actions().get(0);
            assertThat(stop.pid()).isEqualTo(p.pid());
            assertThat(stop.started()).isEqualTo(p.toHandle().info().startInstant().orElseThrow());
            assertThat(stop.signal()).isEqualTo("INT");
            p.destroyForcibly().waitFor();
            ended.run();
            assertThat(j.openRecords()).isEmpty();
        }
    }
}
