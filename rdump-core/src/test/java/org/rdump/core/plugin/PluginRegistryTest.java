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
import org.rdump.api.RdumpApi;
import org.rdump.api.Strategy;

class PluginRegistryTest {

    /** Compiles a Strategy with the given id into a jar registered through META-INF/services. */
    static Path pluginJar(Path dir, String pkg, String id, String extraServiceLine) throws Exception {
        return pluginJar(dir, pkg, id, extraServiceLine, null);
    }

    /** {@link #pluginJar(Path, String, String, String)} with an Implementation-Version, when not null. */
    static Path pluginJar(Path dir, String pkg, String id, String extraServiceLine, String version) throws Exception {
        return pluginJar(dir, pkg, id, extraServiceLine, version, "RdumpApi.VERSION");
    }

    /**
     * A plugin jar whose {@code apiVersion()} returns the Java expression {@code apiVersion}, or,
     * when it is null, one built as against rdump-api 0.1: compiled with 0.1's {@code Plugin},
     * whose {@code apiVersion()} was a default method, so the class has none of its own.
     */
    static Path pluginJar(Path dir, String pkg, String id, String extraServiceLine, String version,
                          String apiVersion) throws Exception {
        Path srcRoot = dir.resolve("src-" + pkg);
        Path src = srcRoot.resolve(pkg).resolve("TestStrategy.java");
        Files.createDirectories(src.getParent());
        Files.writeString(src, """
                package %s;
                import java.util.List;
                import org.rdump.api.*;
                public final class TestStrategy implements Strategy {
                    public String id() { return "%s"; }
                    public String description() { return "built by the test"; }
                    %s
                    public SettingsSchema schema() { return SettingsSchema.of(); }
                    public List<Step> plan(VolumeSpec v, PlanContext c) { return List.of(); }
                }
                """.formatted(pkg, id, apiVersion == null ? "" : "public String apiVersion() { return " + apiVersion
                + "; }"));
        List<String> sources = new java.util.ArrayList<>(List.of(src.toString()));
        if (apiVersion == null) {
            Path plugin01 = srcRoot.resolve("org/rdump/api/Plugin.java");
            Files.createDirectories(plugin01.getParent());
            Files.writeString(plugin01, """
                    package org.rdump.api;
                    public interface Plugin {
                        String id();
                        String description();
                        default String apiVersion() { return "0.1"; }
                    }
                    """);
            sources.add(plugin01.toString());
        }
        Path classes = Files.createDirectories(dir.resolve("classes-" + pkg));
        JavaCompiler javac = ToolProvider.getSystemJavaCompiler();
        List<String> args = new java.util.ArrayList<>(List.of("-d", classes.toString(), "-cp",
                System.getProperty("java.class.path")));
        args.addAll(sources);
        int rc = javac.run(null, null, null, args.toArray(String[]::new));
        assertThat(rc).as("javac").isZero();
        Path jar = dir.resolve(pkg + "-plugin.jar");
        Manifest mf = new Manifest();
        mf.getMainAttributes().put(Attributes.Name.MANIFEST_VERSION, "1.0");
        if (version != null) {
            mf.getMainAttributes().put(Attributes.Name.IMPLEMENTATION_VERSION, version);
        }
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
    void aProviderBuiltAgainstAnotherApiVersionIsRefusedWithWhatToDo(@TempDir Path dir) throws Exception {
        Path plugins = Files.createDirectories(dir.resolve("plugins"));
        Path old = Files.move(pluginJar(dir, "iota", "iota", "", null, "\"0.1\""), plugins.resolve("iota.jar"));
        Path ok = Files.move(pluginJar(dir, "kappa", "kappa", ""), plugins.resolve("kappa.jar"));
        PluginRegistry r = PluginRegistry.discover(PluginRegistryTest.class.getClassLoader(), PluginPath.of(plugins));
        assertThat(r.has(Strategy.class, "iota")).isFalse();
        assertThat(r.has(Strategy.class, "kappa")).as("the other jar still loads").isTrue();
        assertThat(r.brokenProviders()).containsExactly("plugin jar " + old + ": its Strategy 'iota' (iota.TestStrategy)"
                + " is skipped: it was built against rdump-api 0.1 and this rdump loads only plugins built against"
                + " rdump-api 0.6; rebuild the plugin against rdump-api 0.6 (with apiVersion() returning"
                + " RdumpApi.VERSION, as the README's plugin guide shows)");
        assertThat(RdumpApi.VERSION).isEqualTo("0.6");
    }

    @Test
    void aProviderCompiledAgainstRdumpApi01WithoutApiVersionIsRefusedToo(@TempDir Path dir) throws Exception {
        Path plugins = Files.createDirectories(dir.resolve("plugins"));
        Path old = Files.move(pluginJar(dir, "lambda", "lambda", "", null, null), plugins.resolve("lambda.jar"));
        PluginRegistry r = PluginRegistry.discover(PluginRegistryTest.class.getClassLoader(), PluginPath.of(plugins));
        assertThat(r.has(Strategy.class, "lambda")).isFalse();
        assertThat(r.brokenProviders()).containsExactly("plugin jar " + old + ": its Strategy 'lambda'"
                + " (lambda.TestStrategy) is skipped: it was built against rdump-api 0.1 or older (it does not"
                + " implement Plugin.apiVersion()) and this rdump loads only plugins built against rdump-api 0.6;"
                + " rebuild the plugin against rdump-api 0.6 (with apiVersion() returning RdumpApi.VERSION, as the"
                + " README's plugin guide shows)");
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
                .hasMessage("no Strategy with id 'lvm'; known: simple, snapshots (provided by the rdump-lvm module: add"
                        + " its jar)");
        assertThat(List.of(((PluginException) org.assertj.core.api.Assertions.catchThrowable(
                () -> r.get(Strategy.class, "lvm"))).pluginId())).containsExactly("lvm");
    }

    @Test
    void jarsInPluginDirectoriesLoadInPathOrderWithTheirOriginAndManifestVersion(@TempDir Path dir) throws Exception {
        Path first = Files.createDirectories(dir.resolve("first"));
        Path second = Files.createDirectories(dir.resolve("second"));
        Path a = Files.move(pluginJar(dir, "delta", "delta", "", "2.3.1"), first.resolve("delta.jar"));
        Path b = Files.move(pluginJar(dir, "epsilon", "epsilon", ""), second.resolve("epsilon.jar"));

        PluginRegistry r = PluginRegistry.discover(PluginPath.of(first, dir.resolve("missing"), second));

        assertThat(r.brokenProviders()).isEmpty();
        assertThat(r.describe()).filteredOn(p -> p.id().equals("delta")).singleElement().satisfies(p -> {
            assertThat(p.origin()).isEqualTo(a.toString());
            assertThat(p.version()).isEqualTo("2.3.1");
        });
        assertThat(r.describe()).filteredOn(p -> p.id().equals("epsilon")).singleElement().satisfies(p -> {
            assertThat(p.origin()).isEqualTo(b.toString());
            assertThat(p.version()).isEqualTo("dev");
        });
        assertThat(r.describe()).filteredOn(p -> p.id().equals("simple")).singleElement()
                .extracting(PluginInfo::origin).isEqualTo(PluginInfo.BUILT_IN);
        assertThat(r.path().describe()).isEqualTo(first + " (1 jar), " + dir.resolve("missing") + " (missing), "
                + second + " (1 jar)");
    }

    @Test
    void aJarThatFailsToLoadIsNamedWithItsCauseAndDoesNotHideTheOthers(@TempDir Path dir) throws Exception {
        Path plugins = Files.createDirectories(dir.resolve("plugins"));
        Files.move(pluginJar(dir, "zeta", "zeta", "zeta.Missing\n"), plugins.resolve("b-zeta.jar"));
        Files.writeString(plugins.resolve("a-corrupt.jar"), "not a zip\n");
        Files.move(pluginJar(dir, "eta", "simple", ""), plugins.resolve("c-eta.jar"));
        Files.move(pluginJar(dir, "theta", "theta", ""), plugins.resolve("d-theta.jar"));
        Path empty = plugins.resolve("e-empty.jar");
        try (JarOutputStream out = new JarOutputStream(Files.newOutputStream(empty), new Manifest())) {
            out.putNextEntry(new JarEntry("README"));
        }

        PluginRegistry r = PluginRegistry.discover(PluginPath.of(plugins));

        assertThat(r.brokenProviders()).satisfiesExactly(
                m -> assertThat(m).isEqualTo("plugin jar " + plugins.resolve("a-corrupt.jar")
                        + " cannot be read and is skipped: zip END header not found"),
                m -> assertThat(m).startsWith("plugin jar " + plugins.resolve("b-zeta.jar")
                        + ": a Strategy provider could not be loaded and is skipped: ").contains("zeta.Missing"),
                m -> assertThat(m).isEqualTo("plugin jar " + plugins.resolve("c-eta.jar") + ": its Strategy 'simple'"
                        + " (eta.TestStrategy) is skipped: that id is taken by org.rdump.core.simple.SimpleStrategy"
                        + " (built in); remove one of the jars"),
                m -> assertThat(m).startsWith("plugin jar " + empty + " provides no rdump plugin"));
        assertThat(r.has(Strategy.class, "zeta")).isTrue();
        assertThat(r.has(Strategy.class, "theta")).isTrue();
        assertThat(r.get(Strategy.class, "simple").getClass().getName()).isEqualTo("org.rdump.core.simple.SimpleStrategy");
        assertThatThrownBy(() -> r.get(Strategy.class, "iota")).hasMessageEndingWith(
                "; 4 plugins failed to load (see `rdump plugins`)");
    }

    @Test
    void theStandardPathIsTheOptionThenTheVariableThenTheSystemThenTheUsersDirectory() {
        PluginPath p = PluginPath.standard("/opt/a::/opt/b", java.util.Map.of("RDUMP_PLUGIN_PATH", "/env/c:/env/d"),
                Path.of("/home/u"));
        assertThat(p.directories()).containsExactly(Path.of("/opt/a"), Path.of("/opt/b"), Path.of("/env/c"),
                Path.of("/env/d"), Path.of("/usr/lib/rdump/plugins"), Path.of("/home/u/.local/share/rdump/plugins"));
        assertThat(PluginPath.standard(null, java.util.Map.of(), Path.of("/root")).directories())
                .containsExactly(Path.of("/usr/lib/rdump/plugins"), Path.of("/root/.local/share/rdump/plugins"));
    }
}
