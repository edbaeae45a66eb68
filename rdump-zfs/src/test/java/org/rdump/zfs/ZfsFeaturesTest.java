package org.rdump.zfs;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.EnumSet;
import org.junit.jupiter.api.Test;
import org.rdump.api.support.RecordingCommandRunner;
import org.rdump.api.support.RecordingCommandRunner.Reply;

class ZfsFeaturesTest {

    static String resource(String name) {
        try (InputStream in = ZfsFeaturesTest.class.getResourceAsStream(name)) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Test
    void zfsFuseHasNoOptionalFeature() {
        ZfsFeatures f = ZfsFeatures.fromProbes(resource("usage-zfs-fuse.txt"), "", "");
        assertThat(f.features()).isEmpty();
    }

    @Test
    void openZfsHasAllOfThem() {
        ZfsFeatures f = ZfsFeatures.fromProbes(resource("usage-openzfs-2.1.txt"), "receive_resume_token\t-\n",
                resource("zpool-get-all-openzfs.txt"));
        assertThat(f.features()).isEqualTo(EnumSet.allOf(ZfsFeature.class));
    }

    @Test
    void resumeNeedsTheProperty() {
        ZfsFeatures f = ZfsFeatures.fromProbes(resource("usage-openzfs-2.1.txt"), "", "");
        assertThat(f.has(ZfsFeature.RESUMABLE_RECEIVE)).isFalse();
        assertThat(f.has(ZfsFeature.BOOKMARKS)).as("pool feature not enabled").isFalse();
        assertThat(f.has(ZfsFeature.SEND_ESTIMATE)).isTrue();
        assertThat(f.has(ZfsFeature.LIST_PARSABLE)).isTrue();
    }

    @Test
    void usageFlagsIncludeContinuationLines() {
        var flags = ZfsFeatures.usageFlags(resource("usage-zfs-fuse.txt"));
        assertThat(flags.get("list")).contains('r', 'H', 'd', 'o', 't', 's', 'S').doesNotContain('p');
        assertThat(flags.get("send")).containsExactlyInAnyOrder('R', 'D', 'p');
        assertThat(flags.get("receive")).containsExactlyInAnyOrder('v', 'n', 'F', 'd');
    }

    @Test
    void detectRunsTheThreeProbes() {
        String usage = resource("usage-openzfs-2.1.txt");
        RecordingCommandRunner runner = new RecordingCommandRunner(c -> switch (c.argv().size()) {
            case 2 -> new Reply(0, usage, "");
            default -> c.program().equals("zpool") ? Reply.ok(resource("zpool-get-all-openzfs.txt"))
                    : Reply.ok("receive_resume_token\t-\n");
        });
        ZfsFeatures f = ZfsFeatures.detect(runner, ZfsCommands.local(), "tank/home");
        assertThat(runner.argvs()).extracting(a -> String.join(" ", a)).containsExactly("zfs -?",
                "zfs get -H -o property,value receive_resume_token tank/home", "zpool get all tank");
        assertThat(f.features()).isEqualTo(EnumSet.allOf(ZfsFeature.class));
    }

    @Test
    void failedProbesMeanAbsent() {
        RecordingCommandRunner runner = new RecordingCommandRunner(c -> new Reply(2, "", "bad property list"));
        assertThat(ZfsFeatures.detect(runner, ZfsCommands.local(), "tank").features()).isEmpty();
    }
}
