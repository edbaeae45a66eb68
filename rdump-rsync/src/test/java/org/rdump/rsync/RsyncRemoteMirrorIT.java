package org.rdump.rsync;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.rdump.api.BackupTool;
import org.rdump.api.ToolTarget;
import org.rdump.testkit.BackupToolContract;
import org.rdump.testkit.SshTestServer;

/** The backup tool contract against real rsync keeping a mirror on a real sshd on 127.0.0.1. */
class RsyncRemoteMirrorIT extends BackupToolContract {
    private static Path serverDir;
    private static SshTestServer server;

    @BeforeAll
    static void startSshd() throws Exception {
        serverDir = Files.createTempDirectory("rdump-rsync-remote-sshd");
        server = SshTestServer.start(serverDir.resolve("sshd"));
    }

    @AfterAll
    static void stopSshd() {
        if (server != null) {
            server.close();
        }
        org.rdump.api.support.Trees.delete(serverDir);
    }

    @Override
    protected BackupTool newTool() {
        return new RsyncBackupTool();
    }

    @Override
    protected ToolTarget target(Path workDir) {
        return RemoteSsh.target(server, "far-mirror", workDir.resolve("dest"), Map.of("mode", "mirror"));
    }

    @Override
    protected ToolTarget targetWithMissingDestination(Path missing) {
        return RemoteSsh.target(server, "far-mirror", missing, Map.of("mode", "mirror"));
    }
}
