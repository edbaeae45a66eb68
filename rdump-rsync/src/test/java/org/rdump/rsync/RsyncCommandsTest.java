package org.rdump.rsync;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.rdump.api.Settings;
import org.rdump.api.command.Command;

class RsyncCommandsTest {
    private static final Path SRC = Path.of("/mnt/snap/root");

    private static RsyncSettings settings(Map<String, Object> values) {
        return RsyncSettings.from(Settings.of(values));
    }

    @Test
    void mirrorCopiesTheContentsWithAclsAndXattrsByDefault() {
        Command c = RsyncCommands.mirror(settings(Map.of("dest", "/backup")), SRC, Path.of("/backup/root"));

        assertThat(c.argv()).containsExactly("rsync", "-aHx", "-S", "--delete", "-AX", "--info=progress2",
                "/mnt/snap/root/.", "/backup/root/.");
        assertThat(c.acceptedExitCodes()).containsExactlyInAnyOrder(0, 24);
        assertThat(c.environment()).isEmpty();
    }

    @Test
    void mirrorWithoutAclsPutsExtraArgsBeforeThePaths() {
        RsyncSettings s = settings(Map.of("dest", "/backup", "acls_xattrs", false,
                "extra_args", List.of("--exclude=/tmp/*", "--numeric-ids"), "program", "/opt/rsync"));

        Command c = RsyncCommands.mirror(s, SRC, Path.of("/backup/root"));

        assertThat(c.argv()).containsExactly("/opt/rsync", "-aHx", "-S", "--delete", "--info=progress2",
                "--exclude=/tmp/*", "--numeric-ids", "/mnt/snap/root/.", "/backup/root/.");
    }

    @Test
    void datedCopyLinksToThePreviousCopyRelativeToThePartialDirectory() {
        RsyncSettings s = settings(Map.of("dest", "/backup", "mode", "versioned"));

        Command c = RsyncCommands.dated(s, SRC, Path.of("/backup/root/20261124T101500Z.partial"),
                Optional.of("20261123T101500Z"));

        assertThat(c.argv()).containsExactly("rsync", "-aHx", "-S", "--delete", "-AX", "--info=progress2",
                "--link-dest=../20261123T101500Z", "/mnt/snap/root/.", "/backup/root/20261124T101500Z.partial/.");
    }

    @Test
    void firstDatedCopyHasNoLinkDest() {
        Command c = RsyncCommands.dated(settings(Map.of("dest", "/backup", "mode", "versioned")), SRC,
                Path.of("/backup/root/20261124T101500Z.partial"), Optional.empty());

        assertThat(c.argv()).noneMatch(a -> a.startsWith("--link-dest"));
    }

    @Test
    void toleratingErrorsAcceptsPartialTransferExits() {
        Command c = RsyncCommands.mirror(settings(Map.of("dest", "/backup", "tolerate_errors", "true")), SRC,
                Path.of("/backup/root"));

        assertThat(c.acceptedExitCodes()).containsExactlyInAnyOrder(0, 23, 24, 25);
    }
}
