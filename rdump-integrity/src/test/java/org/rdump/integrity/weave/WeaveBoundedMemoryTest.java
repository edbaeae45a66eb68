package org.rdump.integrity.weave;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.rdump.api.command.Command;
import org.rdump.api.command.CommandResult;
import org.rdump.api.command.LineListener;
import org.rdump.api.support.LocalCommandRunner;

/**
 * Adds two versions of a tree whose node streams are larger than the heap (about 40 MB each) in a
 * child JVM limited to 24 MiB: only a streaming reader and merge can do that.
 */
class WeaveBoundedMemoryTest {
    @TempDir Path tmp;

    @Test
    void addingVersionsNeedsNoMemoryProportionalToTheTree() throws Exception {
        Path v1 = tmp.resolve("v1");
        Path v2 = tmp.resolve("v2");
        WeaveScaleTest.writeTree(v1, 250_000, 1);
        long files2 = WeaveScaleTest.writeTree(v2, 250_000, 2);
        assertThat(Files.size(v1)).isGreaterThan(35L << 20);
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        Command c = Command.of(java, "-Xmx24m", "-cp", System.getProperty("java.class.path"),
                AddVersionMain.class.getName(), tmp.resolve("big.dat.gz").toString(), v1.toString(), v2.toString());
        CommandResult r = new LocalCommandRunner().run(c, LineListener.NONE, LineListener.NONE);
        assertThat(r.exitCode()).as(r.stderr()).isZero();
        assertThat(r.stdout()).startsWith("files " + files2 + " max heap ");
        int heapMiB = Integer.parseInt(r.stdout().replaceAll("(?s).*max heap ([0-9]+) MiB.*", "$1"));
        assertThat(heapMiB).isLessThanOrEqualTo(24);
    }
}
