package org.rdump.core.plan;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.rdump.api.support.RecordingCommandRunner;
import org.rdump.core.Fakes;
import org.rdump.core.Rdump;

class DryRunTest {
    static final String CONFIG = """
            tools:
              copies: {type: copy, dest: /srv/backups}
            simple:
              - {name: boot, mount: /boot, actions: [rsure, copies]}
            snapvol:
              - {name: root, mount: /, snap: /mnt/snap/root, actions: [snap, rsure, copies]}
              - {name: home, mount: /home, snap: /mnt/snap/home, size: 20g, actions: [snap, copies]}
            """;

    @Test
    void dryRunShowsEveryStepGroupedByPhaseWithItsExactCommandsAndRunsNothing(@TempDir Path dir) throws Exception {
        RecordingCommandRunner real = new RecordingCommandRunner();
        Fakes.RecordingStore store = new Fakes.RecordingStore();
        Rdump rdump = Rdump.builder().config(dir.resolve("rdump.yaml"), CONFIG)
                .plugins(org.rdump.core.plugin.PluginRegistry.of(new org.rdump.core.simple.SimpleStrategy(),
                        new Fakes.SnapStrategy(), new Fakes.CopyTool(), store))
                .runner(real)
                .clock(Clock.fixed(Instant.parse("2026-11-25T10:00:00Z"), ZoneOffset.UTC))
                .build();

        var lines = rdump.backup(java.util.List.of(), false).dryRun();

        assertThat(lines).containsExactly(
                " 1. timestamp [boot] write the run stamp to /boot/snapstamp",
                " 2. timestamp [root] write the run stamp to /snapstamp",
                " 3. timestamp [home] write the run stamp to /home/snapstamp",
                " 4. snapshot [root] snapshot root",
                "      $ snap-create root 5g",
                " 5. snapshot [home] snapshot home",
                "      $ snap-create home 20g",
                " 6. mount [root] mount the snapshot on /mnt/snap/root",
                "      $ mount /dev/snap/root /mnt/snap/root",
                " 7. mount [home] mount the snapshot on /mnt/snap/home",
                "      $ mount /dev/snap/home /mnt/snap/home",
                " 8. integrity [boot] check that /boot is not empty",
                " 9. integrity [boot] update the manifest /boot/2sure.dat.gz (rsure)",
                "10. integrity [root] check that /mnt/snap/root is not empty",
                "11. integrity [root] update the manifest /mnt/snap/root/2sure.dat.gz (rsure)",
                "12. integrity [root] copy /mnt/snap/root/2sure.dat.gz back to /2sure.dat.gz (times and mode kept)",
                "13. backup [boot] copy backup of /boot to 'copies' as boot-20261125T100000Z",
                "      $ cp -a /boot /srv/backups/boot-20261125T100000Z",
                "14. backup [boot] apply the retention of 'copies' (copy) to boot",
                "15. backup [boot] clear the recorded guard failure of boot, if any",
                "16. backup [root] copy backup of /mnt/snap/root to 'copies' as root-20261125T100000Z",
                "      $ cp -a /mnt/snap/root /srv/backups/root-20261125T100000Z",
                "17. backup [root] apply the retention of 'copies' (copy) to root",
                "18. backup [root] clear the recorded guard failure of root, if any",
                "19. backup [home] check that /mnt/snap/home is not empty",
                "20. backup [home] copy backup of /mnt/snap/home to 'copies' as home-20261125T100000Z",
                "      $ cp -a /mnt/snap/home /srv/backups/home-20261125T100000Z",
                "21. backup [home] apply the retention of 'copies' (copy) to home",
                "22. backup [home] clear the recorded guard failure of home, if any",
                "cleanup [home] mount the snapshot on /mnt/snap/home",
                "      $ umount /mnt/snap/home",
                "cleanup [root] mount the snapshot on /mnt/snap/root",
                "      $ umount /mnt/snap/root",
                "cleanup [home] snapshot home",
                "      $ snap-remove home",
                "cleanup [root] snapshot root",
                "      $ snap-remove root");
        assertThat(real.commands()).as("nothing ran").isEmpty();
        assertThat(store.calls).as("no manifest touched").isEmpty();
        assertThat(dir).isEmptyDirectory();
    }

    @Test
    void theDryRunAsDataHasEachStepAndCleanupWithTheArgumentVectors(@TempDir Path dir) {
        Rdump rdump = Rdump.builder().config(dir.resolve("rdump.yaml"), CONFIG)
                .plugins(org.rdump.core.plugin.PluginRegistry.of(new org.rdump.core.simple.SimpleStrategy(),
                        new Fakes.SnapStrategy(), new Fakes.CopyTool(), new Fakes.RecordingStore()))
                .runner(new RecordingCommandRunner())
                .clock(Clock.fixed(Instant.parse("2026-11-25T10:00:00Z"), ZoneOffset.UTC))
                .build();
        var run = rdump.backup(java.util.List.of(), false);

        DryRunResult r = run.dryRunResult();

        assertThat(r.complete()).isTrue();
        assertThat(r.lines()).as("the text is the record rendered").containsExactlyElementsOf(run.dryRun());
        DryRunResult.Entry snap = r.entries().get(3);
        assertThat(snap.cleanup()).isFalse();
        assertThat(snap.index()).isEqualTo(4);
        assertThat(snap.phase()).isEqualTo(org.rdump.api.Phase.SNAPSHOT);
        assertThat(snap.volume()).isEqualTo("root");
        assertThat(snap.actions()).singleElement().satisfies(a -> {
            assertThat(a.command()).isTrue();
            assertThat(a.argv()).containsExactly("snap-create", "root", "5g");
        });
        assertThat(r.entries()).filteredOn(DryRunResult.Entry::cleanup)
                .extracting(e -> e.index() + " " + e.phase() + " " + e.actions().get(0).argv())
                .containsExactly("7 MOUNT [umount, /mnt/snap/home]", "6 MOUNT [umount, /mnt/snap/root]",
                        "5 SNAPSHOT [snap-remove, home]", "4 SNAPSHOT [snap-remove, root]");
        assertThat(r.entries()).filteredOn(e -> !e.cleanup()).hasSize(22);
    }

    @Test
    void selectedVolumesOnly(@TempDir Path dir) {
        Rdump rdump = Rdump.builder().config(dir.resolve("rdump.yaml"), CONFIG).plugins(Fakes.registry())
                .runner(new RecordingCommandRunner()).build();
        assertThat(rdump.plan("home").steps()).extracting(s -> s.volume()).containsOnly("home");
        assertThat(Files.exists(dir.resolve("rdump.yaml"))).isFalse();
    }
}
