package org.rdump.lvm;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.rdump.api.command.Command;

class LvmCommandsTest {
    private static final LvPath ROOT = new LvPath("vg0", "root");
    private static final LvPath SNAP = new LvPath("vg0", "root_snap");
    private static final Path SNAPDIR = Path.of("/mnt/snap/root");
    private static final String FIELDS = "lv_name,lv_attr,origin,snap_percent,data_percent";

    static Stream<Arguments> table() {
        return Stream.of(
                Arguments.of(LvmCommands.snapshot(ROOT, "root_snap", "5g"),
                        List.of("lvcreate", "-L", "5g", "-s", "-n", "root_snap", "vg0/root")),
                Arguments.of(LvmCommands.snapshot(ROOT, "root_snap", "10%ORIGIN"),
                        List.of("lvcreate", "-L", "10%ORIGIN", "-s", "-n", "root_snap", "vg0/root")),
                Arguments.of(LvmCommands.thinSnapshot(ROOT, "root_snap"),
                        List.of("lvcreate", "-s", "-n", "root_snap", "vg0/root")),
                Arguments.of(LvmCommands.activate(SNAP),
                        List.of("lvchange", "-ay", "-K", "vg0/root_snap")),
                Arguments.of(LvmCommands.mkdir(SNAPDIR),
                        List.of("mkdir", "-p", "/mnt/snap/root")),
                Arguments.of(LvmCommands.mount("/dev/vg0/root_snap", SNAPDIR, "xfs", List.of()),
                        List.of("mount", "-o", "nouuid,noatime", "/dev/vg0/root_snap", "/mnt/snap/root")),
                Arguments.of(LvmCommands.mount("/dev/vg0/root_snap", SNAPDIR, "ext4", List.of()),
                        List.of("mount", "-o", "noatime", "/dev/vg0/root_snap", "/mnt/snap/root")),
                Arguments.of(LvmCommands.mount("/dev/vg0/root_snap", SNAPDIR, "btrfs", List.of()),
                        List.of("mount", "-o", "noatime", "/dev/vg0/root_snap", "/mnt/snap/root")),
                Arguments.of(LvmCommands.mount("/dev/vg0/root_snap", SNAPDIR, "xfs", List.of("norecovery", "noatime")),
                        List.of("mount", "-o", "nouuid,noatime,norecovery", "/dev/vg0/root_snap", "/mnt/snap/root")),
                Arguments.of(LvmCommands.mountpoint(SNAPDIR),
                        List.of("mountpoint", "-q", "/mnt/snap/root")),
                Arguments.of(LvmCommands.umount(SNAPDIR),
                        List.of("umount", "/mnt/snap/root")),
                Arguments.of(LvmCommands.remove(SNAP),
                        List.of("lvremove", "-f", "vg0/root_snap")),
                Arguments.of(LvmCommands.report(SNAP),
                        List.of("lvs", "--reportformat", "json", "-o", FIELDS, "vg0/root_snap")),
                Arguments.of(LvmCommands.listing("vg0"),
                        List.of("lvs", "--reportformat", "json", "-o", FIELDS, "-O", "lv_time", "vg0")));
    }

    @ParameterizedTest
    @MethodSource("table")
    void argumentVector(Command command, List<String> argv) {
        assertThat(command.argv()).isEqualTo(argv);
        assertThat(command.environment()).isEmpty();
    }

    @Test
    void lvsAcceptsExitFiveSoThatAMissingVolumeCanBeToldFromAFailure() {
        assertThat(LvmCommands.report(SNAP).acceptedExitCodes()).containsExactlyInAnyOrder(0, 5);
        assertThat(LvmCommands.listing("vg0").acceptedExitCodes()).containsExactlyInAnyOrder(0, 5);
    }

    @Test
    void mountpointAcceptsMountedNotMountedAndMissing() {
        assertThat(LvmCommands.mountpoint(SNAPDIR).acceptedExitCodes()).containsExactlyInAnyOrder(0, 1, 32);
    }

    @Test
    void commandsThatChangeThingsAcceptOnlySuccess() {
        for (Command c : List.of(LvmCommands.snapshot(ROOT, "s", "5g"), LvmCommands.thinSnapshot(ROOT, "s"),
                LvmCommands.activate(SNAP), LvmCommands.remove(SNAP), LvmCommands.umount(SNAPDIR),
                LvmCommands.mount("/dev/vg0/s", SNAPDIR, "xfs", List.of()), LvmCommands.mkdir(SNAPDIR))) {
            assertThat(c.acceptedExitCodes()).as(c.display()).containsExactly(0);
        }
    }
}
