package org.rdump.rsync;

import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.rdump.api.Settings;
import org.rdump.api.ToolTarget;
import org.rdump.testkit.RequiredTools;
import org.rdump.testkit.SshTestServer;

/** A remote rsync destination on the test's sshd, configured as a user would: host:path and ssh: {...}. */
final class RemoteSsh {
    private RemoteSsh() {
    }

    /** The {@code ssh:} settings reaching {@code server}: its port, the test's key and known_hosts. */
    static Map<String, Object> ssh(SshTestServer server) {
        return Map.of("port", (long) server.port(), "identity_file", server.clientKey().toString(),
                "options", List.of("UserKnownHostsFile=" + server.knownHosts(), "GlobalKnownHostsFile=/dev/null",
                        "IdentitiesOnly=yes"));
    }

    /** {@code user@127.0.0.1:DEST} with the ssh settings and {@code more}. */
    static ToolTarget target(SshTestServer server, String name, Path dest, Map<String, Object> more) {
        RequiredTools.need("rsync", "rsync");
        Map<String, Object> s = new LinkedHashMap<>();
        s.put("dest", System.getProperty("user.name") + "@127.0.0.1:" + dest);
        s.put("ssh", ssh(server));
        s.putAll(more);
        return new ToolTarget(name, "rsync", Settings.of(s));
    }
}
