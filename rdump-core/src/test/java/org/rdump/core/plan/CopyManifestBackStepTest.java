package org.rdump.core.plan;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.rdump.api.RdumpException;
import org.rdump.api.Undo;
import org.rdump.api.UndoLog;
import org.rdump.api.command.Command;
import org.rdump.api.support.LocalCommandRunner;
import org.rdump.core.run.DefaultRunContext;

class CopyManifestBackStepTest {
    @TempDir
    Path dir;

    /** An undo log that remembers what is open. */
    static final class OpenRecords implements UndoLog {
        final List<Undo> open = new ArrayList<>();

        @Override
        public Undo record(Undo undo) {
            open.add(undo);
            return undo;
        }

        @Override
        public void done(Undo undo) {
            open.remove(undo);
        }
    }

    DefaultRunContext context(UndoLog undo) {
        LocalCommandRunner r = new LocalCommandRunner();
        return new DefaultRunContext(r, r, Clock.systemUTC(), false, e -> { }, "20261201T120000Z", dir, undo);
    }

    @Test
    void theCopyKeepsTimesAndModeAndThePreviousLiveManifestBecomesTheBackup() throws Exception {
        Path tree = Files.createDirectories(dir.resolve("clone"));
        Path live = Files.createDirectories(dir.resolve("live"));
        Path made = Files.writeString(tree.resolve("2sure.dat.gz"), "new version");
        Files.setPosixFilePermissions(made, PosixFilePermissions.fromString("rw-r-----"));
        Files.setLastModifiedTime(made, FileTime.fromMillis(1_700_000_000_000L));
        Files.writeString(live.resolve("2sure.dat.gz"), "old version");
        OpenRecords undo = new OpenRecords();

        new CopyManifestBackStep("home", tree, live).perform(context(undo));

        assertThat(live.resolve("2sure.dat.gz")).hasContent("new version");
        assertThat(live.resolve("2sure.bak.gz")).hasContent("old version");
        assertThat(Files.getPosixFilePermissions(live.resolve("2sure.dat.gz")))
                .isEqualTo(PosixFilePermissions.fromString("rw-r-----"));
        assertThat(Files.getLastModifiedTime(live.resolve("2sure.dat.gz")).toMillis()).isEqualTo(1_700_000_000_000L);
        try (var s = Files.list(live)) {
            assertThat(s.map(p -> p.getFileName().toString())).containsExactlyInAnyOrder("2sure.dat.gz", "2sure.bak.gz");
        }
        assertThat(undo.open).isEmpty();
    }

    /**
     * Found by CrashMatrixIT: a run killed after the live manifest was kept as the backup (one file
     * under two names) and before it was replaced; rename(2) of a link over another link of the
     * same file does nothing, so the next copy-back left its link temporary behind.
     */
    @Test
    void aBackupThatIsAlreadyTheLiveManifestLeavesNoTemporary() throws Exception {
        Path tree = Files.createDirectories(dir.resolve("clone"));
        Path live = Files.createDirectories(dir.resolve("live"));
        Files.writeString(tree.resolve("2sure.dat.gz"), "new version");
        Files.writeString(live.resolve("2sure.dat.gz"), "old version");
        Files.createLink(live.resolve("2sure.bak.gz"), live.resolve("2sure.dat.gz"));

        new CopyManifestBackStep("home", tree, live).perform(context(new OpenRecords()));

        assertThat(live.resolve("2sure.dat.gz")).hasContent("new version");
        assertThat(live.resolve("2sure.bak.gz")).hasContent("old version");
        try (var s = Files.list(live)) {
            assertThat(s.map(p -> p.getFileName().toString())).containsExactlyInAnyOrder("2sure.dat.gz", "2sure.bak.gz");
        }
    }

    @Test
    void aCopyThatRunsOutOfSpaceLeavesTheLiveManifestAsItWasAndNoTemporaryFile() throws Exception {
        Assumptions.assumeTrue("root".equals(System.getProperty("user.name")), "mounting a tmpfs needs root");
        Path tree = Files.createDirectories(dir.resolve("clone"));
        Path live = Files.createDirectories(dir.resolve("live"));
        LocalCommandRunner r = new LocalCommandRunner();
        r.run(Command.of("mount", "-t", "tmpfs", "-o", "size=64k", "tmpfs", live.toString()));
        try {
            Files.write(tree.resolve("2sure.dat.gz"), new byte[256 * 1024]);
            Files.writeString(live.resolve("2sure.dat.gz"), "old version");
            OpenRecords undo = new OpenRecords();

            assertThatThrownBy(() -> new CopyManifestBackStep("boot", tree, live).perform(context(undo)))
                    .isInstanceOf(RdumpException.class)
                    .hasMessageStartingWith("cannot copy the manifest back to " + live.resolve("2sure.dat.gz")
                            + ": java.io.IOException: No space left on device; the live manifest is unchanged");

            assertThat(live.resolve("2sure.dat.gz")).hasContent("old version");
            try (var s = Files.list(live)) {
                assertThat(s.map(p -> p.getFileName().toString())).containsExactly("2sure.dat.gz");
            }
            assertThat(undo.open).isEmpty();
        } finally {
            r.run(Command.of("umount", live.toString()));
        }
    }
}
