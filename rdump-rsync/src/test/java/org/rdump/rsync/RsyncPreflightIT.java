package org.rdump.rsync;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.rdump.api.BackupRequest;
import org.rdump.api.PreflightProblem;
import org.rdump.api.Settings;
import org.rdump.api.ToolTarget;
import org.rdump.api.command.Command;
import org.rdump.api.command.CommandRunner;
import org.rdump.api.support.LocalCommandRunner;
import org.rdump.testkit.RequiredTools;
import org.rdump.testkit.TestRunContext;

/** RsyncBackupTool.preflight against the real file system: a missing program, read-only destinations. */
class RsyncPreflightIT {
    @TempDir
    Path work;

    private final RsyncBackupTool tool = new RsyncBackupTool();

    private List<PreflightProblem> preflight(Path dest, CommandRunner runner) {
        ToolTarget t = new ToolTarget("t", "rsync", Settings.of(Map.of("dest", dest.toString())));
        TestRunContext ctx = new TestRunContext(runner, Clock.systemUTC(), true, "20261124T101500Z", work);
        return tool.preflight(new BackupRequest(t, "root", work.resolve("src"), "root-20261124T101500Z"), ctx);
    }

    private String locate() {
        return Settings.of(Map.of("dest", "x")).locate("dest");
    }

    @Test
    void aWritableDestinationThatARunWouldCreateIsFine() {
        RequiredTools.need("rsync", "rsync");
        assertThat(preflight(work.resolve("a/b/dest"), new LocalCommandRunner())).isEmpty();
    }

    @Test
    void rsyncMissingFromPathIsNamedWithThePathAndTheFix() throws Exception {
        Path bin = Files.createDirectories(work.resolve("bin"));
        assertThat(preflight(work.resolve("dest"), new LocalCommandRunner(bin.toString())))
                .containsExactly(new PreflightProblem("root", "rsync is not installed (not found on PATH=" + bin
                        + "); install it (apt-get install rsync)"));
    }

    @Test
    void aReadOnlyMountUnderTheDestinationIsNamed() throws Exception {
        RequiredTools.need("rsync", "rsync");
        Path ro = Files.createDirectories(work.resolve("ro"));
        CommandRunner local = new LocalCommandRunner();
        RequiredTools.needCondition("tmpfs", mount(local, "mount", "-t", "tmpfs", "-o", "ro", "tmpfs", ro.toString()),
                "cannot mount a tmpfs (not root?)");
        try {
            assertThat(preflight(ro.resolve("dest"), local)).containsExactly(new PreflightProblem("root",
                    "the destination " + ro.resolve("dest") + " of rsync tool 't' does not exist and cannot be"
                            + " created: " + ro + " is not writable (read-only, immutable, or not permitted);"
                            + " check 'dest' at " + locate()));
            assertThat(preflight(ro, local)).containsExactly(new PreflightProblem("root",
                    "the destination " + ro + " of rsync tool 't' is not writable (read-only, immutable, or not"
                            + " permitted); check 'dest' at " + locate()));
        } finally {
            local.run(Command.of("umount", ro.toString()));
        }
        assertThat(Files.list(ro).toList()).isEmpty();
    }

    private static boolean mount(CommandRunner runner, String... argv) {
        try {
            runner.run(Command.of(List.of(argv)));
            return true;
        } catch (RuntimeException e) {
            return false;
        }
    }
}
