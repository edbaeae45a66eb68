package org.rdump.core.run;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.rdump.api.RunContext;
import org.rdump.api.RunEvent;
import org.rdump.testkit.TestRunContext;

/** Events from a library that knows only the tree (an integrity store) name the volume. */
class VolumeContextTest {
    @Test
    void progressWarningsAndReportsNameTheVolumeNotThePath(@TempDir Path scratch) {
        TestRunContext inner = TestRunContext.real(scratch);
        RunContext c = VolumeContext.of(inner, "boot");
        c.listener().onEvent(new RunEvent.Progress("/mnt/snap/boot", "hashing", 1, 2, 10, 20, 5, Duration.ZERO, -1));
        c.listener().onEvent(new RunEvent.Warning("/mnt/snap/boot", "1 file could not be read"));
        c.listener().onEvent(new RunEvent.Report("/mnt/snap/boot", "hashed"));
        c.listener().onEvent(new RunEvent.DryRun("scan /mnt/snap/boot"));

        assertThat(inner.events()).containsExactly(
                new RunEvent.Progress("boot", "hashing", 1, 2, 10, 20, 5, Duration.ZERO, -1),
                new RunEvent.Warning("boot", "1 file could not be read"),
                new RunEvent.Report("boot", "hashed"),
                new RunEvent.DryRun("scan /mnt/snap/boot"));
        assertThat(c.runStamp()).isEqualTo(inner.runStamp());
        assertThat(c.scratchDirectory()).isEqualTo(inner.scratchDirectory());
    }
}
