package org.rdump.zfs;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.jspecify.annotations.Nullable;
import org.rdump.api.Phase;
import org.rdump.api.PlanContext;
import org.rdump.api.RdumpException;
import org.rdump.api.RunContext;
import org.rdump.api.SnapshotProvider;
import org.rdump.api.Step;
import org.rdump.api.VolumeSpec;
import org.rdump.api.command.Command;

/**
 * A PlanContext for strategy tests: its integrity step writes a small manifest (the sorted list
 * of files) into the tree and copies it back; its backup step copies the tree with rsync. Either
 * can be told to fail.
 */
class FakePlanContext implements PlanContext {
    static final String MANIFEST = "2sure.dat.gz";
    final String stamp;
    final Path backupTarget;
    boolean failIntegrity;
    boolean failBackup;
    final List<String> calls = new ArrayList<>();

    FakePlanContext(String stamp, Path backupTarget) {
        this.stamp = stamp;
        this.backupTarget = backupTarget;
    }

    @Override
    public String runStamp() {
        return stamp;
    }

    @Override
    public List<Step> integritySteps(VolumeSpec volume, Path tree, @Nullable Path copyBackTo) {
        calls.add("integrity " + tree + " -> " + copyBackTo);
        if (!volume.wantsIntegrity()) {
            return List.of();
        }
        return List.of(new SimpleStep(Phase.INTEGRITY, volume.name(), "manifest of " + tree, ctx -> {
            if (failIntegrity) {
                throw new RdumpException("injected integrity failure");
            }
            try (Stream<Path> s = Files.walk(tree)) {
                List<String> names = s.filter(Files::isRegularFile).map(p -> tree.relativize(p).toString())
                        .filter(n -> !n.equals(MANIFEST)).sorted().toList();
                Files.write(tree.resolve(MANIFEST), names);
                if (copyBackTo != null) {
                    Files.copy(tree.resolve(MANIFEST), copyBackTo.resolve(MANIFEST),
                            StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.COPY_ATTRIBUTES);
                }
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }));
    }

    @Override
    public List<Step> backupSteps(VolumeSpec volume, Path source) {
        calls.add("backup " + source);
        return List.of(new SimpleStep(Phase.BACKUP, volume.name(), "rsync " + source, ctx -> {
            if (failBackup) {
                throw new RdumpException("injected backup failure");
            }
            ctx.runner().run(Command.of("rsync", "-a", source + "/.", backupTarget + "/."));
        }));
    }

    @Override
    public SnapshotProvider snapshotProvider(String id) {
        return new ZfsSnapshotProvider();
    }

    interface Action {
        void run(RunContext ctx);
    }

    record SimpleStep(Phase phase, String volume, String describe, Action action) implements Step {
        @Override
        public void perform(RunContext context) {
            action.run(context);
        }
    }

    /** Runs steps as core's runner does: perform in order; on failure clean up what ran, in reverse. */
    static void runAll(List<Step> steps, RunContext ctx) {
        List<Step> performed = new ArrayList<>();
        RuntimeException failure = null;
        try {
            for (Step s : steps) {
                performed.add(s);
                s.perform(ctx);
            }
        } catch (RuntimeException e) {
            failure = e;
        }
        for (int i = performed.size() - 1; i >= 0; i--) {
            try {
                performed.get(i).cleanup(ctx);
            } catch (RuntimeException e) {
                if (failure == null) {
                    failure = e;
                } else {
                    failure.addSuppressed(e);
                }
            }
        }
        if (failure != null) {
            throw failure;
        }
    }
}
