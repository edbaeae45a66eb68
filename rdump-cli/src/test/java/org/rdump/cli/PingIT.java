package org.rdump.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.sun.net.httpserver.HttpServer;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.rdump.api.support.Trees;
import org.rdump.testkit.RequiredTools;

/**
 * {@code ping:} against a real HTTP server on 127.0.0.1 (the JDK's), with real rsync backups: a
 * backup pings start and success, a failed one start and failure with the error as the body; a
 * server that is down or answers 500 is retried, reported without the URL's secret path, and
 * never fails the backup.
 */
class PingIT {
    private static final String CHECK = "/ping/5e1f0c2a-secret-check-uuid";

    @TempDir
    Path dir;

    private HttpServer server;
    private final List<String> requests = new CopyOnWriteArrayList<>();
    private final AtomicInteger status = new AtomicInteger(200);

    private int serve() throws Exception {
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.createContext("/", exchange -> {
            String body = new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
            requests.add(exchange.getRequestMethod() + " " + exchange.getRequestURI().getPath() + "\n" + body);
            exchange.sendResponseHeaders(status.get(), -1);
            exchange.close();
        });
        server.start();
        return server.getAddress().getPort();
    }

    @AfterEach
    void stop() {
        if (server != null) {
            server.stop(0);
        }
    }

    private void config(int port, String extra) throws Exception {
        CliProcess.write(dir.resolve("rdump.yaml"), """
                tools:
                  copies: {type: rsync, dest: backups, mode: versioned}
                simple:
                  - {name: sample, mount: live, actions: [rsure, copies]}
                ping: {url: 'http://127.0.0.1:%d%s', timeout: 5s%s}
                """.formatted(port, CHECK, extra));
    }

    @Test
    void aBackupPingsStartAndSuccessAndAFailedOneStartAndFailureWithItsError() throws Exception {
        RequiredTools.need("rsync", "rsync");
        SampleTree.make(dir.resolve("live"));
        config(serve(), "");

        CliProcess.Result ok = CliProcess.run(dir, "backup");

        assertThat(ok.exitCode()).as(ok.stderr()).isZero();
        assertThat(requests).hasSize(2);
        assertThat(requests.get(0)).startsWith("POST " + CHECK + "/start\nrdump backup ").endsWith(" started: sample");
        assertThat(requests.get(1)).startsWith("POST " + CHECK + "\nrdump backup ").contains(" succeeded in ",
                "steps; volumes sample");

        requests.clear();
        Trees.delete(dir.resolve("live"));
        Files.createDirectory(dir.resolve("live"));
        CliProcess.nextSecond();
        CliProcess.Result failed = CliProcess.run(dir, "backup");

        assertThat(failed.exitCode()).isEqualTo(1);
        assertThat(requests).hasSize(2);
        assertThat(requests.get(0)).startsWith("POST " + CHECK + "/start\n");
        assertThat(requests.get(1)).startsWith("POST " + CHECK + "/fail\nrdump backup ").contains(" FAILED in ",
                "; failed: sample\nvolume 'sample': " + dir.toRealPath().resolve("live") + " is empty");
    }

    @Test
    void aServerThatIsDownOrFailsIsRetriedReportedWithoutItsSecretAndTheBackupSucceeds() throws Exception {
        RequiredTools.need("rsync", "rsync");
        SampleTree.make(dir.resolve("live"));
        int port = serve();
        status.set(500);
        config(port, ", retries: 1");

        CliProcess.Result answered500 = CliProcess.run(dir, "backup");

        assertThat(answered500.exitCode()).as(answered500.stderr()).isZero();
        assertThat(requests).as("start and success, each tried twice").hasSize(4);
        assertThat(answered500.stderr()).contains("rdump: warning: ping: the start ping to http://127.0.0.1:" + port
                + "/… failed (HTTP 500, 2 attempts); the run's result is not affected");

        server.stop(0);
        server = null;
        CliProcess.nextSecond();
        CliProcess.Result down = CliProcess.run(dir, "backup");

        assertThat(down.exitCode()).as(down.stderr()).isZero();
        assertThat(down.stdout()).contains("backup finished in ");
        assertThat(down.stderr()).contains("rdump: warning: ping: the success ping to http://127.0.0.1:" + port
                + "/… failed (ConnectException").doesNotContain("secret-check-uuid");
        assertThat(answered500.stderr() + answered500.stdout() + down.stdout()).doesNotContain("secret-check-uuid");
    }
}
