package org.rdump.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The README's configuration example is valid and its dry run prints the whole plan. */
class ReadmeExampleIT {

    static String readmeYaml() throws Exception {
        String readme = Files.readString(Path.of("../README.md"));
        int start = readme.indexOf("```yaml\nconfig:\n  borg:");
        assertThat(start).as("the README's full example").isPositive();
        int end = readme.indexOf("```", start + 7);
        return readme.substring(start + "```yaml\n".length(), end);
    }

    @Test
    void theReadmeExampleDryRunPrintsEveryPhaseAndRunsNothing(@TempDir Path dir) throws Exception {
        Files.writeString(dir.resolve("rdump.yaml"), readmeYaml().replace("/run/lock/rdump.lock", "rdump.lock"));

        var r = CliProcess.run(dir, "backup", "--dry-run");

        assertThat(r.exitCode()).as(r.stderr()).isZero();
        assertThat(r.stdout())
                .contains("timestamp [boot] write the run stamp to /boot/snapstamp")
                .contains("$ lvcreate -L 5g -s -n root_snap vg0/root")
                .contains("$ mount -o nouuid,noatime /dev/vg0/root_snap /mnt/snap/root")
                .contains("$ zfs snapshot tank/home@")
                .contains("integrity [root] copy /mnt/snap/root/2sure.dat.gz back to /2sure.dat.gz")
                .contains("$ /root/back/borg.sh create --exclude-caches -x --stats --json --progress --log-json"
                        + " ::boot-")
                .contains("$ rsync -aHx -S --delete -AX --info=progress2 /mnt/snap/root/. /srv/backups/root/")
                .contains("$ lvs --reportformat json")
                .contains("$ rsync -aHx --delete /boot/. /tank/self/boot/.")
                .contains("replicate vaco.example.org:lint/web-media to gig/other/vaco/web-media")
                .contains("$ umount /mnt/snap/root", "$ lvremove -f vg0/root_snap", "$ zfs destroy tank/snaps/home")
                .doesNotContain("dry run stopped");
        assertThat(r.stdout().indexOf("$ lvcreate")).as("snapshots before any backup")
                .isLessThan(r.stdout().indexOf("borg.sh create"));
        try (var files = Files.list(dir)) {
            assertThat(files.map(p -> p.getFileName().toString())).containsExactly("rdump.yaml");
        }
    }
}
