package org.rdump.rsync;

import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import org.rdump.api.BackupTool;
import org.rdump.api.Settings;
import org.rdump.api.ToolTarget;
import org.rdump.testkit.BackupToolContract;
import org.rdump.testkit.RequiredTools;

/** The backup tool contract against real rsync, differential mode (second and later runs are differential). */
class RsyncDifferentialIT extends BackupToolContract {

    @Override
    protected BackupTool newTool() {
        return new RsyncBackupTool();
    }

    @Override
    protected ToolTarget targetWithMissingDestination(Path missing) {
        RequiredTools.need("rsync", "rsync");
        return new ToolTarget("diffs", "rsync", Settings.of(Map.of("dest", missing.toString(),
                "mode", "differential")));
    }

    @Override
    protected ToolTarget target(Path workDir) {
        RequiredTools.need("rsync", "rsync");
        Map<String, Object> s = new HashMap<>(Map.of("dest", workDir.resolve("dest").toString(),
                "mode", "differential", "keep", 1, "full_every", 3));
        return new ToolTarget("diffs", "rsync", Settings.of(s));
    }
}
