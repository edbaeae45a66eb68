package org.rdump.zfs;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.rdump.api.RunEvent;
import org.rdump.api.support.LocalCommandRunner;
import org.rdump.testkit.LogCapture;
import org.rdump.testkit.RequiredTools;
import org.rdump.testkit.ZfsTestPool;
import org.rdump.zfs.replicate.Endpoint;
import org.rdump.zfs.replicate.ReplicationJob;
import org.rdump.zfs.replicate.Replicator;
import org.rdump.zfs.replicate.ZfsPipe;

/**
 * Feature detection on both paths: real zfs-fuse (nothing optional), and a stand-in {@code zfs}
 * that answers only what zfs-fuse lacks (a newer usage text with send -nP/-t and receive -s, the
 * receive_resume_token property, send -nP estimates) and hands everything else to the real zfs.
 */
class ZfsFeaturesIT {
    @TempDir
    Path tmp;
    ZfsTestPool pool;

    @BeforeEach
    void setUp() {
        pool = ZfsTestPool.create("f");
    }

    @AfterEach
    void tearDown() {
        if (pool != null) {
            pool.close();
        }
    }

    Path standIn() throws Exception {
        Path real = RequiredTools.which("zfs").orElseThrow();
        Path script = tmp.resolve("zfs");
        Files.writeString(script, """
                #!/bin/sh
                # stand-in: answers the probes zfs-fuse cannot, passes everything else on
                if [ "$*" = "-?" ]; then
                  printf '\\tlist [-rH][-d max] [-o property[,...]]\\n'
                  printf '\\tsend [-DnPpRv] [-[iI] snapshot] <snapshot>\\n'
                  printf '\\tsend [-nvPe] -t <receive_resume_token>\\n'
                  printf '\\treceive [-vnsF] <filesystem|volume|snapshot>\\n'
                  exit 0
                fi
                case "$*" in
                  *receive_resume_token*) printf 'receive_resume_token\\t-\\n'; exit 0 ;;
                  "send -nP"*) printf 'full\\tx\\t12400\\nsize\\t12400\\n'; exit 0 ;;
                esac
                exec %s "$@"
                """.formatted(real));
        Files.setPosixFilePermissions(script, PosixFilePermissions.fromString("rwxr-xr-x"));
        return script;
    }

    @Test
    void realZfsFuseHasNoOptionalFeature() {
        assertThat(ZfsFeatures.detect(new LocalCommandRunner(), ZfsCommands.local(), pool.name).features()).isEmpty();
    }

    @Test
    void probesLogOneDebugLineAndNoneOfZfsOutput() {
        List<String> lines;
        try (LogCapture log = new LogCapture()) {
            ZfsFeatures.detect(new LocalCommandRunner(), ZfsCommands.local(), pool.ds(""));
            lines = log.lines();
        }
        assertThat(lines).filteredOn(l -> !l.contains(" FINE ") && !l.contains(" FINER ") && !l.contains(" FINEST "))
                .as("nothing at INFO or above").isEmpty();
        assertThat(lines).filteredOn(l -> l.startsWith("rdump.zfs "))
                .containsExactly("rdump.zfs FINE zfs features of " + pool.name + " (local): none optional");
        assertThat(lines).noneMatch(l -> l.contains("usage") || l.contains("receive_resume_token"));
    }

    @Test
    void standInWithEstimatesAndResumeTokensIsDetectedAndUsedInADryRun() throws Exception {
        ZfsCommands cmds = new ZfsCommands(standIn().toString(), "zpool", ZfsHost.local());
        ZfsFeatures f = ZfsFeatures.detect(new LocalCommandRunner(), cmds, pool.name);
        assertThat(f.features()).containsExactlyInAnyOrder(ZfsFeature.SEND_ESTIMATE, ZfsFeature.RESUMABLE_RECEIVE);

        ZfsTestPool.run("zfs", "create", pool.ds("src"));
        ZfsTestPool.run("zfs", "snapshot", pool.ds("src") + "@s1");
        List<RunEvent> events = new ArrayList<>();
        new Replicator(new LocalCommandRunner(), cmds, events::add, new ZfsPipe(java.time.Duration.ZERO))
                .run(new ReplicationJob("j", new Endpoint(ZfsHost.local(), pool.ds("src")),
                        new Endpoint(ZfsHost.local(), pool.ds("dst")), List.of()), true);
        assertThat(events).extracting(e -> ((RunEvent.DryRun) e).line())
                .containsExactly("zfs send full " + pool.ds("src") + "@s1 -> " + pool.ds("dst") + " (" + pool.name + " created if missing) (about 12.1 KiB)");
        assertThat(new ZfsClient(new LocalCommandRunner(), ZfsCommands.local()).exists(pool.ds("dst"))).isFalse();
    }
}
