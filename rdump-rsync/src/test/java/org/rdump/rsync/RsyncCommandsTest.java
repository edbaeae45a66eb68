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

    @Test
    void theChangeListIsADryRunAgainstTheFullCopyInTheCLocale() {
        Command c = RsyncCommands.changes(settings(Map.of("dest", "/backup", "mode", "differential",
                "extra_args", List.of("--exclude=/tmp/*"))), SRC, Path.of("/backup/root/20261123T101500Z"));

        assertThat(c.argv()).containsExactly("rsync", "-n", "-aHx", "--delete", "-AX", "-i",
                "--out-format=RDUMP-ITEM %i %n", "--exclude=/tmp/*", "/mnt/snap/root/.",
                "/backup/root/20261123T101500Z/.");
        assertThat(c.environment()).containsOnlyKeys("LC_ALL");
        assertThat(c.environment().get("LC_ALL").reveal()).isEqualTo("C");
    }

    @Test
    void theDifferentialCopyReadsANulListAndTheOverlayNeverDeletes() {
        RsyncSettings s = settings(Map.of("dest", "/backup", "mode", "differential", "acls_xattrs", false));
        Path d = Path.of("/backup/root/20261124T101500Z.diff.partial");

        assertThat(RsyncCommands.listed(s, SRC, d.resolve("changed.nul"), d.resolve("tree")).argv()).containsExactly(
                "rsync", "-aHx", "-S", "--info=progress2", "--from0", "--files-from=" + d + "/changed.nul",
                "/mnt/snap/root/.", d + "/tree/.");
        assertThat(RsyncCommands.overlay(s, Path.of("/b/t"), Path.of("/r")).argv()).containsExactly(
                "rsync", "-aH", "--numeric-ids", "-S", "--force", "/b/t/.", "/r/.");
        assertThat(RsyncCommands.rootAttributes(s, SRC, Path.of("/b/t")).argv()).containsExactly(
                "rsync", "-aH", "-d", "--no-r", "--exclude=*", "/mnt/snap/root/.", "/b/t/.");
        Command rm = RsyncCommands.deleteListed(Path.of("/r"), new byte[] {'a', 0});
        assertThat(rm.argv()).containsExactly("xargs", "-0", "-r", "rm", "-rf", "--");
        assertThat(rm.workingDirectory()).isEqualTo(Path.of("/r"));
    }

    @Test
    void aBatchIsWrittenAndReadWithTheSameOptions() {
        RsyncSettings s = settings(Map.of("dest", "/backup", "mode", "batch"));

        assertThat(RsyncCommands.writeBatch(s, SRC, Path.of("/b/ref"), Path.of("/b/x.batch.partial/batch")).argv())
                .containsExactly("rsync", "-aHx", "-S", "--delete", "-AX", "--info=progress2",
                        "--only-write-batch=/b/x.batch.partial/batch", "/mnt/snap/root/.", "/b/ref/.");
        assertThat(RsyncCommands.readBatch(s, Path.of("/b/x.batch/batch"), Path.of("/r")).argv()).containsExactly(
                "rsync", "--read-batch=/b/x.batch/batch", "-aHx", "-S", "--delete", "-AX", "/r/.");
        assertThat(RsyncCommands.hardLinks(SRC, Path.of("/b/links")).argv()).containsExactly("find",
                "/mnt/snap/root/.", "-xdev", "-type", "f", "-links", "+1", "-fprintf", "/b/links", "%D:%i %P\\0");
    }
}
