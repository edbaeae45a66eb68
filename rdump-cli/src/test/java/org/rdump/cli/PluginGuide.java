package org.rdump.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.attribute.BasicFileAttributes;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.jar.JarEntry;
import java.util.jar.JarOutputStream;
import java.util.jar.Manifest;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.rdump.api.command.Command;
import org.rdump.api.command.CommandResult;
import org.rdump.api.support.LocalCommandRunner;

/**
 * The README's plugin guide as a Maven project: its files extracted from the README's
 * {@code <!-- plugin-guide: PATH -->} blocks, built against this reactor's freshly built
 * {@code rdump-api} and {@code rdump-testkit} jars. Those go into a local repository of the
 * build's own (never into {@code ~/.m2}), and every third-party artifact comes from
 * {@code ~/.m2/repository} used as a {@code file://} mirror, so the build needs no network.
 */
final class PluginGuide {
    static final String SECTION = "## Writing a plugin";
    private static final Pattern FILE = Pattern.compile(
            "<!-- plugin-guide: (\\S+) -->\\n```[a-z]*\\n(.*?)\\n```\\n", Pattern.DOTALL);

    private PluginGuide() {
    }

    /** The reactor's root: the directory above the working directory that holds the README. */
    static Path reactor() {
        for (Path d = Path.of("").toAbsolutePath(); d != null; d = d.getParent()) {
            if (Files.isRegularFile(d.resolve("README.md")) && Files.isRegularFile(d.resolve("rdump-api/pom.xml"))) {
                return d;
            }
        }
        throw new AssertionError("the reactor's README.md not found above " + Path.of("").toAbsolutePath());
    }

    /** The plugin guide section of the README. */
    static String section() throws IOException {
        String readme = Files.readString(reactor().resolve("README.md"));
        int start = readme.indexOf(SECTION + "\n");
        assertThat(start).as("README has " + SECTION).isNotNegative();
        int end = readme.indexOf("\n## ", start + SECTION.length());
        return readme.substring(start, end < 0 ? readme.length() : end + 1);
    }

    /** Each file of the guide, by its path in the project. */
    static Map<String, String> files() throws IOException {
        Map<String, String> out = new LinkedHashMap<>();
        Matcher m = FILE.matcher(section());
        while (m.find()) {
            assertThat(out.put(m.group(1), m.group(2) + "\n")).as("file " + m.group(1) + " given once").isNull();
        }
        return out;
    }

    /** Writes the guide's files under {@code dir}. */
    static Path writeProject(Path dir) throws IOException {
        for (var e : files().entrySet()) {
            Path f = dir.resolve(e.getKey()).normalize();
            assertThat(f.startsWith(dir)).as(e.getKey() + " stays in the project").isTrue();
            Files.createDirectories(f.getParent());
            Files.writeString(f, e.getValue());
        }
        return dir;
    }

    /** The reactor's version (rdump-parent's). */
    static String version() throws IOException {
        Matcher m = Pattern.compile("<artifactId>rdump-parent</artifactId>\\s*<version>([^<]+)</version>")
                .matcher(Files.readString(reactor().resolve("pom.xml")));
        assertThat(m.find()).as("rdump-parent's version").isTrue();
        return m.group(1);
    }

    /**
     * A local repository with rdump-parent, rdump-api and rdump-testkit of this build (their jars
     * from this test's class path: the reactor's packaged jars, or its class directories jarred
     * here), laid out as Maven installs them.
     */
    static Path localRepository(Path repo) throws IOException {
        String v = version();
        Path root = reactor();
        install(repo, "rdump-parent", v, root.resolve("pom.xml"), null);
        for (String module : List.of("rdump-api", "rdump-testkit")) {
            install(repo, module, v, root.resolve(module).resolve("pom.xml"), classPathEntry(module, repo));
        }
        return repo;
    }

    private static void install(Path repo, String artifact, String version, Path pom, Path jar) throws IOException {
        Path dir = Files.createDirectories(repo.resolve("org/rdump").resolve(artifact).resolve(version));
        Files.copy(pom, dir.resolve(artifact + "-" + version + ".pom"));
        if (jar != null) {
            Files.copy(jar, dir.resolve(artifact + "-" + version + ".jar"));
        }
    }

    /** The module's jar on the class path; a class directory is packed into a jar first. */
    private static Path classPathEntry(String module, Path scratch) throws IOException {
        for (String e : System.getProperty("java.class.path").split(java.io.File.pathSeparator)) {
            Path p = Path.of(e);
            if (!p.toString().contains("/" + module + "/target/")) {
                continue;
            }
            if (Files.isRegularFile(p)) {
                return p;
            }
            if (p.getFileName().toString().equals("classes")) {
                return jar(p, scratch.resolve(module + ".jar"));
            }
        }
        throw new AssertionError(module + " is not on the test class path: " + System.getProperty("java.class.path"));
    }

    private static Path jar(Path classes, Path jar) throws IOException {
        Manifest mf = new Manifest();
        mf.getMainAttributes().putValue("Manifest-Version", "1.0");
        try (JarOutputStream out = new JarOutputStream(Files.newOutputStream(jar), mf)) {
            Files.walkFileTree(classes, new SimpleFileVisitor<>() {
                @Override
                public FileVisitResult visitFile(Path f, BasicFileAttributes a) throws IOException {
                    String name = classes.relativize(f).toString();
                    if (!name.equals("META-INF/MANIFEST.MF")) {
                        out.putNextEntry(new JarEntry(name));
                        Files.copy(f, (OutputStream) out);
                        out.closeEntry();
                    }
                    return FileVisitResult.CONTINUE;
                }

                @Override
                public FileVisitResult preVisitDirectory(Path d, BasicFileAttributes a) throws IOException {
                    if (!d.equals(classes)) {
                        out.putNextEntry(new JarEntry(classes.relativize(d) + "/"));
                        out.closeEntry();
                    }
                    return FileVisitResult.CONTINUE;
                }
            });
        }
        return jar;
    }

    /** Settings that use {@code repo} as the local repository and mirror everything to {@code ~/.m2}. */
    static Path settings(Path file, Path repo) throws IOException {
        Path m2 = Path.of(System.getProperty("user.home"), ".m2", "repository");
        return Files.writeString(file, """
                <settings>
                  <localRepository>%s</localRepository>
                  <mirrors>
                    <mirror><id>this-machine</id><mirrorOf>*</mirrorOf><url>%s</url></mirror>
                  </mirrors>
                </settings>
                """.formatted(repo, m2.toUri()));
    }

    /** {@code mvn -B -s SETTINGS -f PROJECT/pom.xml package}, its output in the result. */
    static CommandResult build(Path project, Path settings) {
        return new LocalCommandRunner().run(Command.of("mvn", "-B", "-s", settings.toString(), "-f",
                project.resolve("pom.xml").toString(), "package").withTimeout(Duration.ofMinutes(10))
                .accepting(0, 1));
    }

    /** tests, failures, errors, skipped of one surefire report. */
    static int[] counts(Path report) throws IOException {
        String xml = Files.readString(report);
        int[] out = new int[4];
        String[] names = {"tests", "failures", "errors", "skipped"};
        for (int i = 0; i < names.length; i++) {
            Matcher m = Pattern.compile("<testsuite [^>]*\\b" + names[i] + "=\"(\\d+)\"").matcher(xml);
            assertThat(m.find()).as(names[i] + " in " + report).isTrue();
            out[i] = Integer.parseInt(m.group(1));
        }
        return out;
    }
}
