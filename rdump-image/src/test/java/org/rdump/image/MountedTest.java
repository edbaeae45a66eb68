package org.rdump.image;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.rdump.api.RdumpException;

class MountedTest {
    @Test
    void readsFindmntPairs() {
        Mounted m = Mounted.parse(Path.of("/boot/efi"),
                "SOURCE=\"/dev/sda1\" FSTYPE=\"vfat\" OPTIONS=\"rw,relatime,fmask=0077\"");
        assertThat(m).isEqualTo(new Mounted(Path.of("/boot/efi"), "/dev/sda1", "vfat",
                List.of("rw", "relatime", "fmask=0077")));
        assertThat(m.writable()).isTrue();
        assertThat(Mounted.parse(Path.of("/x"), "SOURCE=\"/dev/loop3\" FSTYPE=\"ext4\" OPTIONS=\"ro\"").writable())
                .isFalse();
        assertThat(Mounted.parse(Path.of("/x"), "SOURCE=\"/dev/a\\x20b\" FSTYPE=\"ext4\" OPTIONS=\"ro\"").device())
                .isEqualTo("/dev/a b");
    }

    @Test
    void aSourceThatIsNoBlockDeviceIsRefusedWithAHint() {
        Mounted zfs = Mounted.parse(Path.of("/tank/home"), "SOURCE=\"tank/home\" FSTYPE=\"fuse.zfs\" OPTIONS=\"rw\"");
        assertThatThrownBy(() -> zfs.requireBlockDevice("home", "imaged")).isInstanceOf(RdumpException.class)
                .hasMessage("volume home is mounted from 'tank/home' (fuse.zfs), which is not a block device that can"
                        + " be imaged; type: image reads partitions, LVM snapshots and loop devices (for ZFS, use"
                        + " zfs-stream; for btrfs, a tree tool such as borg or rsync)");
        Mounted btrfs = Mounted.parse(Path.of("/s"), "SOURCE=\"/dev/loop0[/snap]\" FSTYPE=\"btrfs\" OPTIONS=\"ro\"");
        assertThatThrownBy(() -> btrfs.requireBlockDevice("s", "imaged")).isInstanceOf(RdumpException.class);
    }
}
