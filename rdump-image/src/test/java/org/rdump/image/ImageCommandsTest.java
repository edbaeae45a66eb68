package org.rdump.image;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;

class ImageCommandsTest {
    @Test
    void argumentVectors() {
        assertThat(ImageCommands.findmnt(Path.of("/boot/efi")).argv())
                .containsExactly("findmnt", "-n", "-P", "-o", "SOURCE,FSTYPE,OPTIONS", "--mountpoint", "/boot/efi");
        assertThat(ImageCommands.remount(Path.of("/boot/efi"), "ro"))
                .containsExactly("mount", "-o", "remount,ro", "/boot/efi");
        assertThat(ImageCommands.attach("/dev/loop4", Path.of("/s/image.raw")).argv())
                .containsExactly("losetup", "-r", "/dev/loop4", "/s/image.raw");
        assertThat(ImageCommands.mountReadOnly("/dev/loop4", Path.of("/s/root")).argv())
                .containsExactly("mount", "-o", "ro", "/dev/loop4", "/s/root");
    }

    @Test
    void recoveryActsOnlyOnWhatIsStillTheRunsOwn() {
        var rw = ImageCommands.remountWritable(Path.of("/boot/efi"), "/dev/sda1");
        assertThat(rw.argv()).isEqualTo(List.of("mount", "-o", "remount,rw", "/boot/efi"));
        assertThat(rw.onlyIf()).isEqualTo(List.of("findmnt", "-n", "-o", "SOURCE", "-O", "ro", "--mountpoint",
                "/boot/efi"));
        assertThat(rw.expect()).isEqualTo("/dev/sda1");
        var detach = ImageCommands.detach("/dev/loop4", Path.of("/s/image.raw"));
        assertThat(detach.argv()).isEqualTo(List.of("losetup", "-d", "/dev/loop4"));
        assertThat(detach.onlyIf()).isEqualTo(List.of("losetup", "-n", "-O", "BACK-FILE", "/dev/loop4"));
        assertThat(detach.expect()).isEqualTo("/s/image.raw");
        assertThat(ImageCommands.unmount(Path.of("/s/root")).onlyIf())
                .isEqualTo(List.of("mountpoint", "-q", "/s/root"));
    }
}
