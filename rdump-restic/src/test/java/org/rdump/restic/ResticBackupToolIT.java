package org.rdump.restic;

import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;
import org.rdump.api.BackupTool;
import org.rdump.api.Settings;
import org.rdump.api.ToolTarget;
import org.rdump.testkit.BackupToolContract;
import org.rdump.testkit.RequiredTools;

/** The backup tool contract against real restic repositories (Debian's restic 0.14). */
class ResticBackupToolIT extends BackupToolContract {

    @Override
    protected BackupTool newTool() {
        return new ResticBackupTool();
    }

    @Override
    protected ToolTarget targetWithMissingDestination(Path missing) {
        RequiredTools.need("restic", "restic");
        try {
            Path pw = java.nio.file.Files.writeString(work.resolve("password"), ResticRepo.PASSWORD + "\n");
            return new ToolTarget("vault", "restic", Settings.of(Map.of("repo", missing.toString(),
                    "password_file", pw.toString(), "cache_dir", work.resolve("cache").toString())));
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    @Override
    protected ToolTarget target(Path workDir) {
        return ResticRepo.init(workDir).target(Map.of("keep_last", 1));
    }

    @Override
    protected Optional<String> secret() {
        return Optional.of(ResticRepo.PASSWORD);
    }
}
