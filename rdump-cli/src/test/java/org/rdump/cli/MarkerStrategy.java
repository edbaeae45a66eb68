package org.rdump.cli;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.rdump.api.Phase;
import org.rdump.api.PlanContext;
import org.rdump.api.RdumpApi;
import org.rdump.api.RunContext;
import org.rdump.api.SettingsSchema;
import org.rdump.api.SettingsSchema.Key;
import org.rdump.api.SettingsSchema.Type;
import org.rdump.api.Step;
import org.rdump.api.Strategy;
import org.rdump.api.VolumeSpec;
import org.rdump.api.command.Command;

/**
 * A test strategy: "snapshots" by creating a marker file (removed by cleanup), then runs
 * {@code sleep SECONDS} as its backup, so a test can interrupt a run mid-step.
 */
public final class MarkerStrategy implements Strategy {
    @Override
    public String id() {
        return "test-marker";
    }

    @Override
    public String apiVersion() {
        return RdumpApi.VERSION;
    }

    @Override
    public String description() {
        return "test: marker file as a snapshot, sleep as a backup";
    }

    @Override
    public SettingsSchema schema() {
        return SettingsSchema.of(Key.required("marker", Type.PATH, "marker file"),
                Key.optional("sleep", Type.INTEGER, "0", "seconds"));
    }

    @Override
    public List<Step> plan(VolumeSpec volume, PlanContext context) {
        Path marker = volume.settings().path("marker");
        long sleep = volume.settings().number("sleep", 0);
        Step snap = new Step() {
            @Override
            public Phase phase() {
                return Phase.SNAPSHOT;
            }

            @Override
            public String volume() {
                return volume.name();
            }

            @Override
            public String describe() {
                return "create " + marker;
            }

            @Override
            public void perform(RunContext c) {
                if (c.dryRun()) {
                    return;
                }
                c.undo().record(undo());
                try {
                    Files.writeString(marker, "snapshot");
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            }

            @Override
            public void cleanup(RunContext c) {
                c.undo().undo(undo(), c);
            }

            private org.rdump.api.Undo undo() {
                return org.rdump.api.Undo.of("marker", marker.toString(), volume.name(),
                        new org.rdump.api.UndoAction.Delete(marker));
            }
        };
        Step backup = new Step() {
            @Override
            public Phase phase() {
                return Phase.BACKUP;
            }

            @Override
            public String volume() {
                return volume.name();
            }

            @Override
            public String describe() {
                return "sleep " + sleep;
            }

            @Override
            public void perform(RunContext c) {
                c.runner().run(Command.of("sleep", Long.toString(sleep)));
            }
        };
        return List.of(snap, backup);
    }
}
