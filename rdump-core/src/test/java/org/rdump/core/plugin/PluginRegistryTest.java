package org.rdump.core.plugin;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.OutputStream;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.jar.Attributes;
import java.util.jar.JarEntry;
import java.util.jar.JarOutputStream;
import java.util.jar.Manifest;
import javax.tools.JavaCompiler;
import javax.tools.ToolProvider;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.rdump.api.PluginException;
import org.rdump.api.Strategy;

class PluginRegistryTest {

    /** Compiles a Strategy with the given id into a jar registered through META-INF/services. */
    static Path pluginJar(Path dir, String pkg, String id, String extraServiceLine) throws Exception {
        Path src = dir.resolve("src-" + pkg).resolve(pkg).resolve("TestStrategy.java");
        Files.createDirectories(src.getParent());
        Files.writeString(src, """
                package %s;
                import java.util.List;
                import org.rdump.api.*;
                public final class TestStrategy implements Strategy {
                    public String id() { return "%s"; }
                    public String description() { return "built by the test"; }
                    public SettingsSchema schema() { return SettingsSchema.of(); }
                    public List<Step> plan(VolumeSpec v, PlanContext c) { return List.of(); }
                }
                """.formatted(pkg, id));
        Path classes = Files.createDirectories(dir.resolve("classes-" + pkg));
        JavaCompiler javac = ToolProvider.getSystemJavaCompiler();
        int rc = javac.run(null, null, null, "-d", classes.toString(), "-cp", System.getProperty("java.class.path"),
                src.toString());
        assertThat(rc).as("javac").isZero();
        Path jar = dir.resolve(pkg + "-plugin.jar");
        Manifest mf = new Manifest();
        mf.getMainAttributes().put(Attributes.Name.MANIFEST_VERSION, "1.0");
        try (JarOutputStream out = new JarOutputStream(Files.newOutputStream(jar), mf)) {
            String cls = pkg + "/TestStrategy.class";
            out.putNextEntry(new JarEntry(cls));
            out.write(Files.readAllBytes(classes.resolve(cls)));
            out.putNextEntry(new JarEntry("META-INF/services/" + Strategy.class.getName()));
            OutputStream o = out;
            o.write((pkg + ".TestStrategy\n" + extraServiceLine).getBytes(StandardCharsets.UTF_8));
        }
        return jar;
    }

    static URLClassLoader loader(Path... jars) throws Exception {
        URL[] urls = new URL[jars.length];
        for (int i = 0; i < jars.length; i++) {
            urls[i] = jars[i].toUri().toURL();
        }
        return new URLClassLoader(urls, PluginRegistryTest.class.getClassLoader());
    }

    @Test
    void aPluginJarIsDiscoveredWithItsLocation(@TempDir Path dir) throws Exception {
        Path jar = pluginJar(dir, "acme", "acme-snap", "");
        PluginRegistry r = PluginRegistry.discover(loader(jar));
        assertThat(r.get(Strategy.class, "acme-snap").description()).isEqualTo("built by the test");
        assertThat(r.describe()).anySatisfy(p -> {
            assertThat(p.id()).isEqualTo("acme-snap");
            assertThat(p.spi()).isEqualTo("Strategy");
            assertThat(p.location()).isEqualTo(jar.toString());
            assertThat(p.className()).isEqualTo("acme.TestStrategy");
        });
        assertThat(r.all(Strategy.class)).extracting(Strategy::id).contains("acme-snap", "simple");
    }

    @Test
    void twoProvidersWithOneIdAreAnErrorNamingBothClassesAndJars(@TempDir Path dir) throws Exception {
        Path a = pluginJar(dir, "alpha", "dup", "");
        Path b = pluginJar(dir, "beta", "dup", "");
        assertThatThrownBy(() -> PluginRegistry.discover(loader(a, b)))
                .isInstanceOf(PluginException.class)
                .hasMessage("two Strategy providers have the id 'dup': alpha.TestStrategy (" + a + ") and"
                        + " beta.TestStrategy (" + b + "); remove one of the jars");
    }

    @Test
    void aBrokenProviderIsReportedAndTheOthersStillLoad(@TempDir Path dir) throws Exception {
        Path jar = pluginJar(dir, "gamma", "gamma", "gamma.Missing\n");
        PluginRegistry r = PluginRegistry.discover(loader(jar));
        assertThat(r.has(Strategy.class, "gamma")).isTrue();
        assertThat(r.brokenProviders()).singleElement().asString()
                .startsWith("a Strategy provider could not be loaded and is skipped: ")
                .contains("gamma.Missing");
    }

    @Test
    void anUnknownIdListsTheKnownOnesAndTheModuleToAdd() {
        PluginRegistry r = PluginRegistry.discover();
        assertThatThrownBy(() -> r.get(Strategy.class, "lvm"))
                .isInstanceOf(PluginException.class)
                .hasMessage("no Strategy with id 'lvm'; known: simple (provided by the rdump-lvm module: add its jar)");
        assertThat(List.of(((PluginException) org.assertj.core.api.Assertions.catchThrowable(
                () -> r.get(Strategy.class, "lvm"))).pluginId())).containsExactly("lvm");
    }
}
