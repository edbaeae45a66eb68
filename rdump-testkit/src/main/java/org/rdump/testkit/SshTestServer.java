package org.rdump.testkit;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.TimeUnit;
import org.rdump.api.command.Command;
import org.rdump.api.command.CommandResult;
import org.rdump.api.support.LocalCommandRunner;

/**
 * A real OpenSSH server for tests, on 127.0.0.1 and a free port, that lets the user running the
 * test log in with a key made for it: the "remote host" of remote ZFS, rsync or borg tests is
 * this machine, reached through a real ssh connection. Nothing of the machine's own ssh setup is
 * read or changed: the host key, the client key, {@code authorized_keys}, {@code sshd_config},
 * the client's {@code ssh_config} and {@code known_hosts} are all made in {@code dir}.
 *
 * <p>Clients reach it as {@link #host()} with {@link #ssh()} ({@code ssh -F CONFIG}), whose
 * config names the port, the key and the test's {@code known_hosts} with
 * {@code StrictHostKeyChecking yes} (the server's host key is written there before it starts),
 * and {@code BatchMode yes}. {@link #rsyncShell()} is the same as one {@code rsync -e} value.
 * {@link #close} stops the server (the process this object started, by its handle).
 *
 * <p>Needs {@code sshd}, {@code ssh} and {@code ssh-keygen} (Debian: openssh-server,
 * openssh-client); skips, or fails under CI, without them ({@link RequiredTools}). sshd runs as
 * the test's user: as root it can log in as root ({@code PermitRootLogin prohibit-password}).
 *
 * @since 0.4
 */
public final class SshTestServer implements AutoCloseable {
    /** The host alias the client config defines. */
    public static final String HOST = "rdump-test-sshd";
    private static final LocalCommandRunner RUNNER = new LocalCommandRunner();
    private final Path dir;
    private final int port;
    private final Process sshd;

    private SshTestServer(Path dir, int port, Process sshd) {
        this.dir = dir;
        this.port = port;
        this.sshd = sshd;
    }

    /** Makes the keys and configs in {@code dir} (an empty directory the test owns) and starts sshd. */
    public static SshTestServer start(Path dir) {
        RequiredTools.need("ssh", "ssh", "ssh-keygen");
        Path sshdProgram = RequiredTools.which("sshd").or(() -> java.util.Optional.of(Path.of("/usr/sbin/sshd"))
                .filter(Files::isExecutable)).orElse(null);
        RequiredTools.needCondition("ssh", sshdProgram != null, "'sshd' is not installed: install openssh-server"
                + " (see .ci/run) to run the ssh tests");
        try {
            Files.createDirectories(dir);
            Path hostKey = dir.resolve("host_ed25519");
            Path clientKey = dir.resolve("client_ed25519");
            keygen(hostKey);
            keygen(clientKey);
            Files.copy(dir.resolve("client_ed25519.pub"), dir.resolve("authorized_keys"));
            Files.createDirectories(Path.of("/run/sshd")); // sshd's privilege separation directory
            IOException last = null;
            for (int attempt = 0; attempt < 5; attempt++) {
                int port = freePort();
                writeConfigs(dir, port, hostKey, clientKey);
                Process p = new ProcessBuilder(sshdProgram.toString(), "-D", "-e", "-f",
                        dir.resolve("sshd_config").toString()).redirectErrorStream(true).start();
                p.getOutputStream().close();
                String problem = awaitListening(p, port);
                if (problem == null) {
                    SshTestServer server = new SshTestServer(dir, port, p);
                    server.awaitLogin();
                    return server;
                }
                p.destroy();
                p.waitFor(10, TimeUnit.SECONDS);
                last = new IOException("sshd did not start on port " + port + ": " + problem);
                if (!problem.contains("Address already in use")) {
                    break;
                }
            }
            throw last;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while starting sshd", e);
        }
    }

    /** The host name clients give: an alias of the client config ({@link #ssh()}). */
    public String host() {
        return HOST;
    }

    public int port() {
        return port;
    }

    /** The client's private key. */
    public Path clientKey() {
        return dir.resolve("client_ed25519");
    }

    /** The client's {@code known_hosts}, holding the server's host key for 127.0.0.1 and the alias. */
    public Path knownHosts() {
        return dir.resolve("known_hosts");
    }

    /** The client's config file: the alias {@link #HOST} with the port, key and known_hosts. */
    public Path clientConfig() {
        return dir.resolve("ssh_config");
    }

    /** The ssh program with its options, before the host: {@code ssh -F CONFIG}. */
    public List<String> ssh() {
        return List.of("ssh", "-F", clientConfig().toString());
    }

    /** {@link #ssh()} as one {@code rsync -e} value (the paths hold no spaces). */
    public String rsyncShell() {
        return String.join(" ", ssh());
    }

    /** Runs {@code argv} on the server through ssh (the words quoted once, as a remote shell reads them). */
    public CommandResult run(String... argv) {
        List<String> cmd = new ArrayList<>(ssh());
        cmd.addAll(List.of("--", HOST));
        cmd.add(org.rdump.api.support.SshQuoting.remoteCommand(List.of(argv)));
        return RUNNER.run(Command.of(cmd).accepting(0, 1, 2, 127, 255));
    }

    /** Stops sshd (the listener; sessions still open end with their commands). */
    @Override
    public void close() {
        sshd.destroy();
        try {
            if (!sshd.waitFor(10, TimeUnit.SECONDS)) {
                sshd.destroyForcibly();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static void keygen(Path key) {
        RUNNER.run(Command.of("ssh-keygen", "-q", "-t", "ed25519", "-N", "", "-C", "rdump-test", "-f", key.toString()));
    }

    private static int freePort() throws IOException {
        try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return s.getLocalPort();
        }
    }

    private static void writeConfigs(Path dir, int port, Path hostKey, Path clientKey) throws IOException {
        Files.writeString(dir.resolve("sshd_config"), String.join("\n",
                "ListenAddress 127.0.0.1",
                "Port " + port,
                "HostKey " + hostKey,
                "PidFile none",
                "AuthorizedKeysFile " + dir.resolve("authorized_keys"),
                "AuthenticationMethods publickey",
                "PubkeyAuthentication yes",
                "PasswordAuthentication no",
                "KbdInteractiveAuthentication no",
                "PermitRootLogin prohibit-password",
                "UsePAM no",
                "StrictModes no", // the test's files live under /tmp
                "PrintMotd no",
                "AcceptEnv none",
                "PermitUserEnvironment no",
                "LogLevel INFO",
                "") + "\n");
        String hostPub = Files.readString(dir.resolve(hostKey.getFileName() + ".pub")).trim();
        String[] parts = hostPub.split(" ");
        Files.writeString(dir.resolve("known_hosts"), "[127.0.0.1]:" + port + " " + parts[0] + " " + parts[1] + "\n");
        Files.writeString(dir.resolve("ssh_config"), String.join("\n",
                "Host " + HOST,
                "  HostName 127.0.0.1",
                "  Port " + port,
                "  User " + System.getProperty("user.name"),
                "  IdentityFile " + clientKey,
                "  IdentitiesOnly yes",
                "  UserKnownHostsFile " + dir.resolve("known_hosts"),
                "  GlobalKnownHostsFile /dev/null",
                "  StrictHostKeyChecking yes",
                "  BatchMode yes",
                "  ConnectTimeout 10",
                "") + "\n");
    }

    /** Null once sshd says it listens on the port; else what it said before it exited. */
    private static String awaitListening(Process p, int port) throws InterruptedException {
        BlockingQueue<String> lines = new ArrayBlockingQueue<>(1000);
        Thread reader = new Thread(() -> {
            try (BufferedReader r = new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8))) {
                String line;
                while ((line = r.readLine()) != null) {
                    lines.offer(line);
                }
            } catch (IOException e) {
                // sshd's output closed
            }
            lines.offer("<exited>");
        }, "sshd-output");
        reader.setDaemon(true);
        reader.start();
        StringBuilder said = new StringBuilder();
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
        while (System.nanoTime() < deadline) {
            String line = lines.poll(200, TimeUnit.MILLISECONDS);
            if (line == null) {
                continue;
            }
            if (line.contains("Server listening on 127.0.0.1 port " + port)) {
                return null;
            }
            if (line.equals("<exited>")) {
                return said.toString().trim();
            }
            said.append(line).append('\n');
        }
        return "no 'Server listening' line within 20 s: " + said;
    }

    /** Fails unless a login through the client config works. */
    private void awaitLogin() {
        CommandResult r = run("true");
        if (r.exitCode() != 0) {
            close();
            throw new IllegalStateException("ssh to the test sshd failed (exit " + r.exitCode() + "): " + r.stderr());
        }
    }
}
