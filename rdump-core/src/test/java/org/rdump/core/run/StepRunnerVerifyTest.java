package org.rdump.core.run;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.rdump.api.ArchiveInfo;
import org.rdump.api.BackupRequest;
import org.rdump.api.BackupResult;
import org.rdump.api.BackupTool;
import org.rdump.api.DifferencesFoundException;
import org.rdump.api.IntegrityReport;
import org.rdump.api.IntegrityStore;
import org.rdump.api.ManifestUpdate;
import org.rdump.api.ManifestVersion;
import org.rdump.api.Phase;
import org.rdump.api.RdumpApi;
import org.rdump.api.RunContext;
import org.rdump.api.RunEvent;
import org.rdump.api.Settings;
import org.rdump.api.SettingsSchema;
import org.rdump.api.Step;
import org.rdump.api.ToolTarget;
import org.rdump.api.support.LocalCommandRunner;
import org.rdump.core.verify.VerifyStep;

/** After a test restore fails, the other test restores still run; nothing else does. */
class StepRunnerVerifyTest {
    @TempDir
    Path dir;
    final List<String> log = new ArrayList<>();

    /** Restores volume V from dir/V (which holds a manifest); the store finds differences in the volumes named bad*. */
    private VerifyStep verify(String volume) {
        BackupTool tool = new BackupTool() {
            @Override
            public String id() {
                return "fake";
            }

            @Override
            public String apiVersion() {
                return RdumpApi.VERSION;
            }

            @Override
            public String description() {
                return "fake";
            }

            @Override
            public SettingsSchema schema() {
                return SettingsSchema.of();
            }

            @Override
            public BackupResult backup(BackupRequest request, RunContext context) {
                throw new UnsupportedOperationException();
            }

            @Override
            public List<ArchiveInfo> list(ToolTarget target, String v, RunContext context) {
                return List.of(new ArchiveInfo("x", v, Instant.EPOCH, Map.of()));
            }

            @Override
            public org.rdump.api.RestoredTree restore(ToolTarget target, ArchiveInfo archive, Path scratch,
                                                      RunContext context) {
                log.add("restore " + archive.volume());
                Path root = dir.resolve(archive.volume());
                try {
                    Files.createDirectories(root);
                    Files.writeString(root.resolve(IntegrityStore.DEFAULT_MANIFEST), "m");
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
                return new org.rdump.api.RestoredTree(root, false);
            }
        };
        IntegrityStore store = new IntegrityStore() {
            @Override
            public String id() {
                return "fake";
            }

            @Override
            public String apiVersion() {
                return RdumpApi.VERSION;
            }

            @Override
            public String description() {
                return "fake";
            }

            @Override
            public ManifestUpdate update(Path tree, Path manifest, Map<String, String> tags, RunContext context) {
                throw new UnsupportedOperationException();
            }

            @Override
            public IntegrityReport check(Path tree, Path manifest, Version version, Set<String> ignore,
                                         RunContext context) {
                if (!tree.getFileName().toString().startsWith("bad")) {
                    return new IntegrityReport(List.of(), List.of());
                }
                String line = "- file                   \"" + tree + "/f\"";
                return new IntegrityReport(List.of(new IntegrityReport.Difference(IntegrityReport.Change.REMOVED,
                        tree + "/f", "file", List.of())), List.of(line));
            }

            @Override
            public List<ManifestVersion> versions(Path manifest) {
                return List.of();
            }
        };
        return new VerifyStep(volume, tool, new ToolTarget("t", "fake", Settings.of(Map.of())), null, store);
    }

    private Step other(String name) {
        return new Step() {
            @Override
            public Phase phase() {
                return Phase.VERIFY;
            }

            @Override
            public String volume() {
                return "z";
            }

            @Override
            public String describe() {
                return name;
            }

            @Override
            public void perform(RunContext context) {
                log.add("perform " + name);
            }
        };
    }

    @Test
    void everyTestRestoreRunsAndTheLaterDifferencesAreSuppressedByTheFirst() {
        List<RunEvent> events = new ArrayList<>();
        RunContext ctx = new DefaultRunContext(new LocalCommandRunner(), Clock.systemUTC(), false, events::add,
                "20260101T000000Z", dir);

        RunResult r = new StepRunner(StepRunner.OnError.STOP).run(List.of(verify("bad1"), verify("good"), verify("bad2"), other("prune")),
                ctx);

        assertThat(log).containsExactly("restore bad1", "restore good", "restore bad2");
        assertThat(r.performed()).isEqualTo(1);
        assertThat(r.failure()).isInstanceOf(DifferencesFoundException.class).hasMessageContaining("volume bad1");
        assertThat(r.failure().getSuppressed()).singleElement().isInstanceOf(DifferencesFoundException.class)
                .satisfies(s -> assertThat(s).hasMessageContaining("volume bad2"));
        assertThat(events).filteredOn(e -> e instanceof RunEvent.StepFailed).hasSize(2);
    }

    @Test
    void aFailureBeforeTheTestRestoresStillStopsTheRun() {
        RunContext ctx = new DefaultRunContext(new LocalCommandRunner(), Clock.systemUTC(), false, e -> { },
                "20260101T000000Z", dir);
        Step failing = new Step() {
            @Override
            public Phase phase() {
                return Phase.BACKUP;
            }

            @Override
            public String volume() {
                return "a";
            }

            @Override
            public String describe() {
                return "backup";
            }

            @Override
            public void perform(RunContext context) {
                throw new IllegalStateException("backup failed");
            }
        };

        RunResult r = new StepRunner(StepRunner.OnError.STOP).run(List.of(failing, verify("good")), ctx);

        assertThat(log).isEmpty();
        assertThat(r.failure()).hasMessage("backup failed");
    }
}
