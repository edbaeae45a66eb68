package org.rdump.rsync;

import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import org.rdump.api.BackupTool;
import org.rdump.api.Settings;
import org.rdump.api.ToolTarget;
import org.rdump.testkit.BackupToolContract;
import org.rdump.testkit.RequiredTools;

/** The backup tool contract against real rsync, batch mode (second and later runs are batch files). */
class RsyncBatchIT extends BackupToolContract {

    @Override
    protected BackupTool newTool() {
        return new RsyncBackupTool();
    }

    @Override
    protected ToolTarget targetWithMissingDestination(Path missing) {
        RequiredTools.need("rsync", "rsync");
        return new ToolTarget("batches", "rsync", Settings.of(Map.of("dest", missing.toString(),
                "mode", "batch")));
    }

    @Override
    protected ToolTarget target(Path workDir) {
        RequiredTools.need("rsync", "rsync");
        Map<String, Object> s = new HashMap<>(Map.of("dest", workDir.resolve("dest").toString(),
                "mode", "batch", "keep", 1));
        return new ToolTarget("batches", "rsync", Settings.of(s));
    }
}
