package org.rdump.image;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.rdump.api.BackupTool;
import org.rdump.api.Settings;
import org.rdump.api.ToolTarget;
import org.rdump.testkit.BackupToolContract;
import org.rdump.testkit.Ext4TestVolume;
import org.rdump.testkit.RequiredTools;

/**
 * The backup tool contract against the real image tool: each source tree is a fresh ext4 file
 * system on a loop device ({@link Ext4TestVolume}, {@code lost+found} removed so the tree holds
 * only what the test puts there), backed up from its mount point; a restore mounts the image on
 * a loop device, which the contract releases; after each test no mount or loop device of a
 * restored image is left.
 */
class ImageBackupToolContractIT extends BackupToolContract {

    @Override
    protected BackupTool newTool() {
        return new ImageBackupTool();
    }

    private static void need() {
        RequiredTools.need("util-linux", "findmnt", "mount", "losetup");
    }

    @Override
    protected ToolTarget target(Path workDir) {
        need();
        return new ToolTarget("images", "image", Settings.of(Map.of(
                "dest", workDir.resolve("images").toString(), "workers", "0")));
    }

    @Override
    protected ToolTarget targetWithMissingDestination(Path missing) {
        need();
        return new ToolTarget("images", "image", Settings.of(Map.of("dest", missing.toString())));
    }

    @Override
    protected SourceFactory sources() {
        return new SourceFactory() {
            private final List<Ext4TestVolume> made = new ArrayList<>();

            @Override
            public Path newTree(Path suggested) throws Exception {
                Ext4TestVolume v = Ext4TestVolume.create("ctr");
                made.add(v);
                Files.delete(v.mount.resolve("lost+found"));
                return v.mount;
            }

            /** Closes the volumes; then fails if a restored image is still mounted or attached (not released). */
            @Override
            public void close() {
                for (Ext4TestVolume v : made) {
                    v.close();
                }
                String scratch = work.toString() + "/";
                List<String> mounted = Ext4TestVolume.run("findmnt", "-l", "-n", "-o", "TARGET").stdoutLines().stream()
                        .filter(l -> l.startsWith(scratch)).toList();
                List<String> attached = Ext4TestVolume.run("losetup", "-l", "-n", "-O", "BACK-FILE").stdoutLines()
                        .stream().map(String::strip).filter(l -> l.startsWith(scratch)).toList();
                assertThat(mounted).as("mounts left under %s after the contract released its restored trees", work)
                        .isEmpty();
                assertThat(attached).as("loop devices left on images under %s after the release", work).isEmpty();
            }
        };
    }
}
