package org.rdump.rsync;

import java.nio.file.Path;
import java.util.Map;
import org.rdump.api.BackupTool;
import org.rdump.api.Settings;
import org.rdump.api.ToolTarget;
import org.rdump.testkit.BackupToolContract;
import org.rdump.testkit.RequiredTools;

/** The backup tool contract against real rsync, mirror mode. */
class RsyncMirrorIT extends BackupToolContract {

    @Override
    protected BackupTool newTool() {
        return new RsyncBackupTool();
    }

    @Override
    protected ToolTarget targetWithMissingDestination(Path missing) {
        RequiredTools.need("rsync", "rsync");
        return new ToolTarget("mirror", "rsync", Settings.of(Map.of("dest", missing.toString(), "mode", "mirror")));
    }

    @Override
    protected ToolTarget target(Path workDir) {
        RequiredTools.need("rsync", "rsync");
        return new ToolTarget("mirror", "rsync", Settings.of(Map.of(
                "dest", workDir.resolve("dest").toString(), "mode", "mirror")));
    }
}
