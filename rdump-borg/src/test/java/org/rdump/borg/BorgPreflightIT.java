package org.rdump.borg;

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
import org.rdump.api.command.CommandRunner;
import org.rdump.api.support.LocalCommandRunner;
import org.rdump.testkit.TestRunContext;

/** BorgBackupTool.preflight against real borg: a missing repository, a wrong passphrase, a missing borg. */
class BorgPreflightIT {
    @TempDir
    Path work;

    private final BorgBackupTool tool = new BorgBackupTool();

    private List<PreflightProblem> preflight(ToolTarget t, CommandRunner runner) {
        TestRunContext ctx = new TestRunContext(runner, Clock.systemUTC(), true, "20261124T101500Z", work);
        return tool.preflight(new BackupRequest(t, "vol", work.resolve("src"), "vol-20261124T101500Z"), ctx);
    }

    private ToolTarget target(Path repo, String passphrase) {
        return new ToolTarget("vault", "borg", Settings.of(Map.of("repo", repo.toString(), "passphrase", passphrase,
                "base_dir", work.resolve("base").toString())));
    }

    @Test
    void anExistingRepositoryWithTheRightPassphraseIsFine() {
        BorgRepo repo = BorgRepo.init(work);
        assertThat(preflight(repo.target(Map.of()), new LocalCommandRunner())).isEmpty();
    }

    @Test
    void aMissingRepositoryIsNamedWithBorgInit() {
        RequiredToolsGuard.borg();
        Path nowhere = work.resolve("nowhere");
        assertThat(preflight(target(nowhere, "unused"), new LocalCommandRunner())).containsExactly(
                new PreflightProblem("vol", "the repository of borg tool 'vault' does not answer: Repository "
                        + nowhere + " does not exist; no borg repository for borg tool 'vault' (pre-flight check):"
                        + " check 'repo' at " + Settings.of(Map.of()).locate("repo")
                        + ", or make one with: borg init --encryption=repokey REPO"));
        assertThat(nowhere).doesNotExist();
    }

    @Test
    void aWrongPassphraseIsNamedAndNotShown() {
        BorgRepo repo = BorgRepo.init(work);
        List<PreflightProblem> problems = preflight(repo.target(Map.of("passphrase", "wrong passphrase 123")),
                new LocalCommandRunner());
        assertThat(problems).hasSize(1);
        assertThat(problems.get(0).message()).startsWith("the repository of borg tool 'vault' does not answer: ")
                .contains("the passphrase of borg tool 'vault' (pre-flight check) is wrong")
                .doesNotContain("wrong passphrase 123");
    }

    @Test
    void borgMissingFromPathIsNamedWithThePackage() throws Exception {
        Path bin = Files.createDirectories(work.resolve("bin"));
        assertThat(preflight(target(work.resolve("repo"), "unused"), new LocalCommandRunner(bin.toString())))
                .containsExactly(new PreflightProblem("vol", "borg is not installed (not found on PATH=" + bin
                        + "); install it (apt-get install borgbackup)"));
    }
}
