package org.rdump.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.rdump.testkit.RequiredTools;

/**
 * The quickstart and the README's JShell session as a user runs them, with the shaded jar
 * (runs after {@code package}; see the pom). A checkout's layout is laid out in a temporary
 * directory: {@code examples/quickstart} (its files copied), {@code bin/rdump} (copied) and
 * {@code rdump-cli/target/rdump.jar} (a link to the jar this build made), so the scripts and the
 * README's relative paths work unchanged and the checkout's own {@code work/} is not touched.
 */
class QuickstartJarIT {
    private static final String ESC = "\u001b";
    /** Where the README's JShell session ran (a checkout laid out as here); the test's own top stands for it. */
    private static final String README_TOP = "/src/rdump";

    @TempDir
    Path top;

    private Path quickstart;

    @BeforeEach
    void layOutACheckout() throws IOException {
        Path checkout = checkout();
        quickstart = Files.createDirectories(top.resolve("examples/quickstart"));
        for (String f : List.of("rdump.yaml", "run.sh", "make-sample-tree.sh")) {
            Files.copy(checkout.resolve("examples/quickstart").resolve(f), quickstart.resolve(f),
                    java.nio.file.StandardCopyOption.COPY_ATTRIBUTES);
        }
        Files.createDirectories(top.resolve("bin"));
        Files.copy(checkout.resolve("bin/rdump"), top.resolve("bin/rdump"), java.nio.file.StandardCopyOption.COPY_ATTRIBUTES);
        Path jar = checkout.resolve("rdump-cli/target/rdump.jar");
        assertThat(jar).as("the shaded jar (this test runs after package)").isRegularFile();
        Files.createDirectories(top.resolve("rdump-cli/target"));
        Files.createSymbolicLink(top.resolve("rdump-cli/target/rdump.jar"), jar);
    }

    @Test
    void theQuickstartPrintsNoEscapeCodesWhenItsOutputIsAPipe() throws Exception {
        RequiredTools.need("rsync", "rsync");

        Output run = run(quickstart, null, "bash", "run.sh", "--no-build");

        assertThat(run.exitCode()).as(run.stdout() + run.stderr()).isZero();
        assertThat(run.stdout()).contains(": every file matches the manifest").doesNotContain(ESC);
        assertThat(run.stderr()).doesNotContain(ESC);
    }

    @Test
    void theQuickstartsBuildCommandPrintsNoEscapeCodesWhenItsOutputIsAPipe() throws Exception {
        RequiredTools.need("maven", "mvn");

        // run.sh's build, as far as it can run inside this build: Maven's own output (Debian's
        // Maven 3.8 prints colour resets in batch mode unless .mvn/jvm.config stops it)
        Output build = run(checkout(), null, "mvn", "-B", "-q", "-o", "-N", "validate");

        assertThat(build.exitCode()).as(build.stdout() + build.stderr()).isZero();
        assertThat(build.stdout() + build.stderr()).doesNotContain(ESC);
    }

    @Test
    void theReadmesJShellSessionPrintsWhatTheReadmeShows() throws Exception {
        RequiredTools.need("rsync", "rsync");
        Path jshell = Path.of(System.getProperty("java.home"), "bin", "jshell");
        assertThat(jshell).as("jshell of the JDK running the tests").isExecutable();
        // as the README says: after run.sh, and two backups made before the session
        for (int i = 0; i < 2; i++) {
            CliProcess.nextSecond();
            Output made = run(quickstart, null, "bash", "run.sh", "--no-build");
            assertThat(made.exitCode()).as(made.stdout() + made.stderr()).isZero();
        }
        CliProcess.nextSecond();
        String shown = readmeSession();
        List<String> input = shown.lines().filter(l -> l.startsWith("jshell> "))
                .map(l -> l.substring("jshell> ".length())).toList();

        Output session = run(quickstart, String.join("\n", input) + "\n", jshell.toString(),
                "--class-path", "../../rdump-cli/target/rdump.jar");

        assertThat(session.exitCode()).as(session.stderr()).isZero();
        assertThat(normalise(transcript(input, session.stdout()).replace(top.toRealPath().toString(), README_TOP)))
                .isEqualTo(normalise(shown));
    }

    /**
     * The session as jshell shows it on a terminal: each input line after its prompt, then its
     * output. Without a terminal jshell prints its prompt ({@code "jshell> "}, a space and a
     * backspace) but not the input: what follows the k-th prompt is the k-th line's output.
     */
    static String transcript(List<String> input, String jshellOutput) {
        String[] chunks = jshellOutput.replace("\r", "").split("jshell>  \b", -1);
        assertThat(chunks.length).as(jshellOutput).isGreaterThan(input.size());
        StringBuilder b = new StringBuilder();
        for (int i = 0; i < input.size(); i++) {
            b.append("jshell> ").append(input.get(i)).append('\n').append(chunks[i + 1]);
        }
        return b.toString().strip() + "\n";
    }

    /** Run stamps, times, durations and object hashes as placeholders: what differs in every session. */
    static String normalise(String text) {
        return text.replaceAll("\\d{4}-\\d{2}-\\d{2}T\\d{2}:\\d{2}:\\d{2}(\\.\\d+)?Z", "TIME")
                .replaceAll("\\d{4}-\\d{2}-\\d{2} \\d{2}:\\d{2}Z", "TIME")
                .replaceAll("\\d{8}T\\d{6}Z", "STAMP")
                .replaceAll("@[0-9a-f]{4,8}\\b", "@HASH")
                .strip();
    }

    /** The README's JShell session: the first code block of "## Embedding and JShell". */
    static String readmeSession() throws IOException {
        String readme = Files.readString(checkout().resolve("README.md"));
        int section = readme.indexOf("\n## Embedding and JShell\n");
        assertThat(section).as("the README's JShell section").isPositive();
        int start = readme.indexOf("\n```\n", section) + "\n```\n".length();
        int end = readme.indexOf("\n```\n", start);
        return readme.substring(start, end) + "\n";
    }

    record Output(int exitCode, String stdout, String stderr) {
    }

    /** Runs {@code cmd} in {@code dir} with {@code stdin} (none when null), both outputs to pipes, at most 240 s. */
    private static Output run(Path dir, String stdin, String... cmd) throws Exception {
        List<String> argv = new ArrayList<>(List.of(cmd));
        ProcessBuilder pb = new ProcessBuilder(argv).directory(dir.toFile());
        String locks = System.getProperty("rdump.lock.dir");
        if (locks != null) {
            pb.environment().put("RDUMP_LOCK_DIR", locks);
        }
        Process p = pb.start();
        if (stdin != null) {
            p.getOutputStream().write(stdin.getBytes(StandardCharsets.UTF_8));
        }
        p.getOutputStream().close();
        CompletableFuture<byte[]> err = CompletableFuture.supplyAsync(() -> {
            try {
                return p.getErrorStream().readAllBytes();
            } catch (IOException e) {
                throw new java.io.UncheckedIOException(e);
            }
        });
        byte[] out = p.getInputStream().readAllBytes();
        if (!p.waitFor(240, TimeUnit.SECONDS)) {
            p.destroyForcibly();
            throw new AssertionError(String.join(" ", cmd) + " did not finish");
        }
        return new Output(p.exitValue(), new String(out, StandardCharsets.UTF_8),
                new String(err.get(30, TimeUnit.SECONDS), StandardCharsets.UTF_8));
    }

    /** The checkout this build runs in: the module's parent directory. */
    private static Path checkout() {
        Path top = Path.of("").toAbsolutePath().getParent();
        assertThat(top.resolve("examples/quickstart/rdump.yaml")).as("the checkout above " + Path.of("").toAbsolutePath())
                .isRegularFile();
        return top;
    }
}
