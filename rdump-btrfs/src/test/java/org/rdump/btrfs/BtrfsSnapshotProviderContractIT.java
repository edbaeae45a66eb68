package org.rdump.btrfs;

import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.io.TempDir;
import org.rdump.api.RunContext;
import org.rdump.api.Settings;
import org.rdump.api.SnapshotProvider;
import org.rdump.testkit.BtrfsTestVolume;
import org.rdump.testkit.SnapshotProviderContract;
import org.rdump.testkit.TestRunContext;

/**
 * rdump-testkit's {@link SnapshotProviderContract} for {@link BtrfsSnapshotProvider} on a real
 * btrfs file system on a loop device (one for the class: every contract test uses its own
 * snapshot names), with a writable snapshot at {@code snap} as a {@code snapshots:} volume has.
 * The subvolume's name has a space, which every command must pass as one argument.
 */
class BtrfsSnapshotProviderContractIT extends SnapshotProviderContract {
    static BtrfsTestVolume fs;
    static Path home;

    @TempDir
    Path tmp;

    @BeforeAll
    static void createFileSystem() {
        fs = BtrfsTestVolume.create("contract");
        home = fs.subvolume("home dir");
    }

    @AfterAll
    static void removeFileSystem() {
        if (fs != null) {
            fs.close();
        }
    }

    @Override
    protected SnapshotProvider newProvider() {
        return new BtrfsSnapshotProvider();
    }

    @Override
    protected RunContext context() {
        return TestRunContext.real(tmp.resolve("scratch"));
    }

    @Override
    protected Settings volumeSettings() {
        return Settings.of(Map.of("snap", fs.mount.resolve("work copy").toString()));
    }

    @Override
    protected String volume() {
        return home.toString();
    }

    @Override
    protected String missingVolume() {
        return fs.mount.resolve("nope").toString();
    }
}
