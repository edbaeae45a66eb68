package org.rdump.cli;

import java.nio.file.Files;
import java.nio.file.Path;
import org.rdump.api.command.Command;
import org.rdump.api.support.LocalCommandRunner;
import org.rdump.testkit.RequiredTools;

/** A real btrfs file system in a 256 MiB image file, loop-mounted under a directory of the test. */
final class BtrfsPool implements AutoCloseable {
    static final LocalCommandRunner RUN = new LocalCommandRunner();
    final Path mount;

    private BtrfsPool(Path mount) {
        this.mount = mount;
    }

    /** Makes and mounts one under {@code dir}; skips (fails with CI=true) without btrfs-progs. */
    static BtrfsPool create(Path dir) throws Exception {
        RequiredTools.need("btrfs-progs", "mkfs.btrfs", "btrfs", "mount");
        Path image = dir.resolve("pool.img");
        Path mount = Files.createDirectories(dir.resolve("pool"));
        RUN.run(Command.of("truncate", "-s", "256M", image.toString()));
        RUN.run(Command.of("mkfs.btrfs", "-q", image.toString()));
        RUN.run(Command.of("mount", "-o", "loop", image.toString(), mount.toString()));
        return new BtrfsPool(mount);
    }

    /** A new subvolume {@code name} with a small tree. */
    Path subvolume(String name) throws Exception {
        Path sv = mount.resolve(name);
        RUN.run(Command.of("btrfs", "subvolume", "create", sv.toString()));
        Files.createDirectories(sv.resolve("docs"));
        Files.writeString(sv.resolve("docs/letter.txt"), "Dear reader,\n");
        Files.write(sv.resolve("data.bin"), new byte[100_000]);
        Files.createSymbolicLink(sv.resolve("link"), Path.of("docs/letter.txt"));
        return sv;
    }

    @Override
    public void close() {
        RUN.run(Command.of("umount", mount.toString()));
    }
}
