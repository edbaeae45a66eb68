package org.rdump.zfs.replicate;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.rdump.api.RunEvent;
import org.rdump.api.support.RecordingCommandRunner;
import org.rdump.api.support.RecordingCommandRunner.Reply;
import org.rdump.zfs.ZfsCommands;
import org.rdump.zfs.ZfsHost;

/** The commands a replication runs, against scripted zfs answers (a modern zfs on both sides). */
class ReplicatorTest {
    static final String USAGE = "\tlist [-Hp]\n\tsend [-DLPbcehnpsvw] [-i|-I snapshot] <snapshot>\n"
            + "\tsend [-nvPe] -t <receive_resume_token>\n\treceive [-vMnsFhu] <filesystem>\n";

    @Test
    void resumesWithTheTokenThenSendsTheRestWithResumableReceives() {
        int[] round = {0};
        RecordingCommandRunner r = new RecordingCommandRunner(c -> {
            String a = String.join(" ", c.argv());
            if (a.equals("zfs -?") || a.endsWith("BatchMode=yes -- nas zfs '-?'")) {
                return new Reply(2, "", USAGE);
            }
            if (a.contains("get -H -o property,value receive_resume_token")) {
                return Reply.ok("receive_resume_token\t-\n");
            }
            if (a.contains("list -H -o name")) {
                return Reply.ok(a.contains("bk/media") ? "bk/media\n" : "tank/media\n");
            }
            if (a.contains("list -H -t all -r -o name tank/media")) {
                return Reply.ok("tank/media\ntank/media@1\ntank/media@2\n");
            }
            if (a.contains("list -H -t all -r -o name bk/media")) {
                return Reply.ok("bk/media\nbk/media@1\n");
            }
            if (a.contains("get -H -p -r")) {
                return Reply.ok(round[0]++ == 0 ? "bk/media\treceive_resume_token\t1-tok\t-\n"
                        : "bk/media\treceive_resume_token\t-\t-\n");
            }
            if (a.contains("send -nP")) {
                return Reply.ok("size\t4096\n");
            }
            return Reply.OK;
        });
        List<RunEvent> events = new ArrayList<>();
        ReplicationJob job = new ReplicationJob("media", new Endpoint(ZfsHost.local(), "tank/media"),
                new Endpoint(ZfsHost.ssh("nas"), "bk/media"), List.of(Pattern.compile("x^")));
        new Replicator(r, ZfsCommands.local(), events::add, new ZfsPipe(Duration.ZERO)).run(job, false);

        List<String> sends = r.argvs().stream().map(a -> String.join(" ", a))
                .filter(a -> (a.contains("zfs send") && !a.contains("-nP")) || a.contains("zfs receive")).toList();
        assertThat(sends).containsExactly(
                "zfs send -t 1-tok",
                "ssh -o BatchMode=yes -- nas zfs receive -F -u -s bk/media",
                "zfs send -I @1 tank/media@2",
                "ssh -o BatchMode=yes -- nas zfs receive -F -u -s bk/media");
        assertThat(events).filteredOn(e -> e instanceof RunEvent.Report).extracting(e -> ((RunEvent.Report) e).message())
                .contains("sent resume interrupted receive into bk/media: 0 B",
                        "sent incremental tank/media@1 .. @2 -> bk/media: 0 B");
    }

    @Test
    void dryRunReportsThePlanWithEstimatesAndSendsNothing() {
        RecordingCommandRunner r = new RecordingCommandRunner(c -> {
            String a = String.join(" ", c.argv());
            if (String.join(" ", c.argv()).equals("zfs -?")) {
                return new Reply(2, "", USAGE);
            }
            if (a.contains("list -H -o name bk/media")) {
                return Reply.fail(1, "cannot open 'bk/media': dataset does not exist");
            }
            if (a.contains("list -H -t all -r -o name tank/media")) {
                return Reply.ok("tank/media\ntank/media@1\ntank/media@2\n");
            }
            if (a.contains("send -nP")) {
                return Reply.ok("size\t3145728\n");
            }
            return Reply.OK;
        });
        List<RunEvent> events = new ArrayList<>();
        ReplicationJob job = new ReplicationJob("media", new Endpoint(ZfsHost.local(), "tank/media"),
                new Endpoint(ZfsHost.local(), "bk/media"), List.of());
        new Replicator(r, ZfsCommands.local(), events::add, new ZfsPipe(Duration.ZERO)).run(job, true);
        assertThat(events).extracting(e -> ((RunEvent.DryRun) e).line()).containsExactly(
                "zfs send full tank/media@1 -> bk/media (bk created if missing) (about 3.0 MiB)",
                "zfs send incremental tank/media@1 .. @2 -> bk/media (about 3.0 MiB)");
        assertThat(r.argvs()).noneMatch(a -> a.contains("receive"));
    }
}
