package org.rdump.core.guard;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

class MountPointsTest {
    private static final List<String> MOUNTINFO = List.of(
            "22 1 8:1 / / rw,relatime shared:1 - ext4 /dev/sda1 rw",
            "40 22 8:2 / /boot rw,relatime shared:2 - ext4 /dev/sda2 rw",
            "41 22 0:40 / /mnt/my\\040disk rw - tmpfs tmpfs rw");

    @Test
    void aListedMountPointIsFoundAndItsEscapedNameIsDecoded() {
        assertThat(MountPoints.isListed(MOUNTINFO, "/boot")).isTrue();
        assertThat(MountPoints.isListed(MOUNTINFO, "/mnt/my disk")).isTrue();
        assertThat(MountPoints.isListed(MOUNTINFO, "/boot/grub")).isFalse();
        assertThat(MountPoints.isListed(MOUNTINFO, "/mnt")).isFalse();
    }

    @Test
    void rdumpsOwnFilesDoNotMakeATreeNonEmpty() {
        assertThat(EmptyTreeGuardStep.isRdumpFile("snapstamp")).isTrue();
        assertThat(EmptyTreeGuardStep.isRdumpFile("2sure.dat.gz")).isTrue();
        assertThat(EmptyTreeGuardStep.isRdumpFile("2sure.bak.gz")).isTrue();
        assertThat(EmptyTreeGuardStep.isRdumpFile("vmlinuz")).isFalse();
    }
}
