package org.rdump.core.plugin;

import java.io.IOException;
import java.net.MalformedURLException;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Path;
import java.security.CodeSource;
import java.util.IdentityHashMap;
import java.util.jar.Attributes;
import java.util.jar.JarFile;
import java.util.jar.Manifest;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.ServiceConfigurationError;
import java.util.ServiceLoader;
import java.util.TreeMap;
import org.rdump.api.BackupTool;
import org.rdump.api.IntegrityStore;
import org.rdump.api.Plugin;
import org.rdump.api.PluginException;
import org.rdump.api.RdumpApi;
import org.rdump.api.SnapshotProvider;
import org.rdump.api.Strategy;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The providers of the four SPIs, by id. Immutable once built; thread-safe.
 *
 * <p>Use {@link #discover()} for the class path and the standard plugin path,
 * {@link #discover(PluginPath)} for an application's own plugin directories,
 * {@link #discover(ClassLoader)} for one class loader only, or {@link #of} to assemble one in
 * code (tests, embedding). Each provider remembers where it came from ({@link PluginInfo#origin()}).
 */
public final class PluginRegistry {
    private static final Logger LOG = LoggerFactory.getLogger("rdump.plugins");

    private final Map<Class<?>, Map<String, Plugin>> byKind;
    private final List<String> brokenProviders;
    private final Map<Plugin, Path> jars;
    private final PluginPath path;

    private PluginRegistry(Map<Class<?>, Map<String, Plugin>> byKind, List<String> broken, Map<Plugin, Path> jars,
                           PluginPath path) {
        this.byKind = byKind;
        this.brokenProviders = List.copyOf(broken);
        this.jars = jars;
        this.path = path;
    }

    /** The SPIs a registry holds, in display order. */
    public static final List<Class<? extends Plugin>> SPIS =
            List.of(Strategy.class, SnapshotProvider.class, BackupTool.class, IntegrityStore.class);

    /**
     * Loads every provider visible to {@code loader} (no plugin directories).
     *
     * @param loader the class loader whose {@code META-INF/services} are read
     * @return never null; providers that failed to load are in {@link #brokenProviders()}
     * @throws PluginException when two providers of one SPI share an id (naming both)
     */
    public static PluginRegistry discover(ClassLoader loader) {
        return discover(loader, PluginPath.none());
    }

    /**
     * The providers on this class's class path and in the jars of the standard plugin path
     * ({@code RDUMP_PLUGIN_PATH}, {@code /usr/lib/rdump/plugins}, {@code ~/.local/share/rdump/plugins}).
     *
     * @return never null; what failed to load is in {@link #brokenProviders()}
     * @throws PluginException when two built-in providers of one SPI share an id (naming both)
     * @throws PluginPath.PluginLoadException naming a plugin directory that cannot be read
     */
    public static PluginRegistry discover() {
        return discover(PluginPath.standard(null));
    }

    /**
     * The providers on this class's class path and in the jars of {@code path}.
     *
     * @param path the plugin directories
     * @return never null; what failed to load is in {@link #brokenProviders()}
     * @throws PluginException when two built-in providers of one SPI share an id (naming both)
     * @throws PluginPath.PluginLoadException naming a plugin directory that cannot be read
     */
    public static PluginRegistry discover(PluginPath path) {
        return discover(PluginRegistry.class.getClassLoader(), path);
    }

    /**
     * The providers visible to {@code loader} (built in), then those of each jar of {@code path},
     * each jar in a class loader of its own whose parent is {@code loader}. A jar that cannot be
     * read or whose providers fail to load is reported in {@link #brokenProviders()} (naming the
     * jar and the cause) and the others still load; so is a jar provider whose id is taken.
     *
     * @param loader the class loader of the built-in providers, parent of each jar's
     * @param path the plugin directories
     * @return never null
     * @throws PluginException when two built-in providers of one SPI share an id (naming both)
     * @throws PluginPath.PluginLoadException naming a plugin directory that cannot be read
     */
    public static PluginRegistry discover(ClassLoader loader, PluginPath path) {
        Map<Class<?>, Map<String, Plugin>> byKind = new LinkedHashMap<>();
        List<String> broken = new ArrayList<>();
        Map<Plugin, Path> jars = new IdentityHashMap<>();
        for (Class<? extends Plugin> spi : SPIS) {
            byKind.put(spi, load(spi, loader, broken));
        }
        List<String> builtInProblems = List.copyOf(broken);
        for (Path jar : path.jars()) {
            loadJar(jar, loader, byKind, jars, builtInProblems, broken);
        }
        return new PluginRegistry(byKind, broken, jars, path);
    }

    private static void loadJar(Path jar, ClassLoader parent, Map<Class<?>, Map<String, Plugin>> byKind,
                                Map<Plugin, Path> jars, List<String> builtInProblems, List<String> broken) {
        String where = "plugin jar " + jar;
        try (JarFile f = new JarFile(jar.toFile())) {
            f.getManifest(); // a corrupt manifest fails here rather than as a missing class
        } catch (IOException e) {
            report(broken, where + " cannot be read and is skipped: " + e.getMessage());
            return;
        }
        URLClassLoader jl;
        try {
            jl = new URLClassLoader(new URL[] {jar.toUri().toURL()}, parent);
        } catch (MalformedURLException e) {
            report(broken, where + " cannot be read and is skipped: " + e.getMessage());
            return;
        }
        int found = 0;
        boolean failed = false;
        for (Class<? extends Plugin> spi : SPIS) {
            Iterator<? extends Plugin> it = ServiceLoader.load(spi, jl).iterator();
            while (true) {
                Plugin provider;
                try {
                    if (!it.hasNext()) {
                        break;
                    }
                    provider = it.next();
                } catch (ServiceConfigurationError | LinkageError e) {
                    String msg = "a " + spi.getSimpleName() + " provider could not be loaded and is skipped: "
                            + e.getMessage();
                    if (builtInProblems.contains(msg)) {
                        continue; // a built-in problem, seen again through the jar's parent
                    }
                    failed = true;
                    report(broken, where + ": " + msg + cause(e));
                    continue;
                }
                if (provider.getClass().getClassLoader() != jl) {
                    continue; // built in, seen through the parent
                }
                String refused = apiVersionProblem(spi, provider);
                if (refused != null) {
                    failed = true;
                    report(broken, where + ": " + refused);
                    continue;
                }
                Map<String, Plugin> ids = byKind.get(spi);
                Plugin old = ids.get(provider.id());
                if (old != null) {
                    failed = true;
                    report(broken, where + ": its " + spi.getSimpleName() + " '" + provider.id() + "' ("
                            + provider.getClass().getName() + ") is skipped: that id is taken by "
                            + old.getClass().getName() + " (" + origin(old, jars) + "); remove one of the jars");
                    continue;
                }
                ids.put(provider.id(), provider);
                jars.put(provider, jar);
                found++;
                LOG.debug("found {} '{}' in {}", spi.getSimpleName(), provider.id(), jar);
            }
        }
        if (found == 0 && !failed) {
            report(broken, where + " provides no rdump plugin (it has no META-INF/services/org.rdump.api.* file"
                    + " naming a provider); is it the right jar?");
        }
    }

    /**
     * Why {@code provider} is refused for its rdump-api version, or null when it was built against
     * this one. A provider compiled before {@link Plugin#apiVersion()} became abstract (0.1) has
     * no such method and fails with {@link AbstractMethodError}.
     */
    static String apiVersionProblem(Class<?> spi, Plugin provider) {
        String built;
        try {
            built = provider.apiVersion();
        } catch (AbstractMethodError e) {
            built = null;
        }
        if (RdumpApi.VERSION.equals(built)) {
            return null;
        }
        return "its " + spi.getSimpleName() + " '" + provider.id() + "' (" + provider.getClass().getName() + ") is"
                + " skipped: it was built against "
                + (built == null ? "rdump-api 0.1 or older (it does not implement Plugin.apiVersion())"
                        : "rdump-api " + built)
                + " and this rdump loads only plugins built against rdump-api " + RdumpApi.VERSION
                + "; rebuild the plugin against rdump-api " + RdumpApi.VERSION
                + " (with apiVersion() returning RdumpApi.VERSION, as the README's plugin guide shows)";
    }

    private static String cause(Throwable e) {
        Throwable c = e.getCause();
        return c == null ? "" : " (caused by " + c + ")";
    }

    private static String origin(Plugin p, Map<Plugin, Path> jars) {
        Path jar = jars.get(p);
        return jar == null ? "built in" : jar.toString();
    }

    private static void report(List<String> broken, String msg) {
        broken.add(msg); // reported by the caller (rdump prints each once), not logged twice here
        LOG.debug(msg);
    }

    /**
     * A registry of the given providers (each placed under every SPI it implements), with no
     * plugin path; for tests and applications that bring their own plugins.
     *
     * @param plugins the providers
     * @return never null
     * @throws PluginException on a duplicate id
     */
    public static PluginRegistry of(Plugin... plugins) {
        Map<Class<?>, Map<String, Plugin>> byKind = new LinkedHashMap<>();
        for (Class<? extends Plugin> spi : SPIS) {
            Map<String, Plugin> ids = new TreeMap<>();
            for (Plugin p : plugins) {
                if (spi.isInstance(p)) {
                    put(spi, ids, p);
                }
            }
            byKind.put(spi, ids);
        }
        return new PluginRegistry(byKind, List.of(), new IdentityHashMap<>(), PluginPath.none());
    }

    private static <T extends Plugin> Map<String, Plugin> load(Class<T> spi, ClassLoader loader,
                                                               List<String> broken) {
        Map<String, Plugin> ids = new TreeMap<>();
        Iterator<T> it = ServiceLoader.load(spi, loader).iterator();
        while (true) {
            T provider;
            try {
                if (!it.hasNext()) {
                    break;
                }
                provider = it.next();
            } catch (ServiceConfigurationError e) {
                // One broken jar must not hide the others (SLF4J's findServiceProviders does the same).
                String msg = "a " + spi.getSimpleName() + " provider could not be loaded and is skipped: "
                        + e.getMessage();
                report(broken, msg);
                continue;
            }
            String refused = apiVersionProblem(spi, provider);
            if (refused != null) {
                report(broken, "class path entry " + location(provider.getClass()) + ": " + refused);
                continue;
            }
            put(spi, ids, provider);
            LOG.debug("found {} '{}' {} in {}", spi.getSimpleName(), provider.id(),
                    version(provider.getClass()), location(provider.getClass()));
        }
        return ids;
    }

    private static void put(Class<?> spi, Map<String, Plugin> ids, Plugin p) {
        Plugin old = ids.putIfAbsent(p.id(), p);
        if (old != null && old != p) {
            throw new PluginException(p.id(), "two " + spi.getSimpleName() + " providers have the id '" + p.id()
                    + "': " + old.getClass().getName() + " (" + location(old.getClass()) + ") and "
                    + p.getClass().getName() + " (" + location(p.getClass()) + "); remove one of the jars");
        }
    }

    /**
     * The provider of {@code spi} with this id.
     *
     * @param <T> the SPI
     * @param spi one of {@link #SPIS}
     * @param id the provider's {@link Plugin#id()}, as the config names it
     * @return never null
     * @throws PluginException listing the known ids when none has {@code id}
     */
    public <T extends Plugin> T get(Class<T> spi, String id) {
        Plugin p = byKind.getOrDefault(spi, Map.of()).get(id);
        if (p == null) {
            throw new PluginException(id, unknownMessage(spi, id));
        }
        return spi.cast(p);
    }

    /**
     * Whether a provider of {@code spi} has this id.
     *
     * @param spi one of {@link #SPIS}
     * @param id a provider id
     * @return true when {@link #get} would return one
     */
    public boolean has(Class<? extends Plugin> spi, String id) {
        return byKind.getOrDefault(spi, Map.of()).containsKey(id);
    }

    /**
     * The message for an id that no provider of {@code spi} has: the known ids, the module that
     * provides a well-known id, and how many plugins failed to load.
     *
     * @param spi one of {@link #SPIS}
     * @param id the unknown id
     * @return never null
     */
    public String unknownMessage(Class<? extends Plugin> spi, String id) {
        var known = byKind.getOrDefault(spi, Map.of()).keySet();
        return "no " + spi.getSimpleName() + " with id '" + id + "'; known: "
                + (known.isEmpty() ? "none" : String.join(", ", known))
                + moduleHint(id)
                + (brokenProviders.isEmpty() ? "" : "; " + brokenProviders.size()
                        + (brokenProviders.size() == 1 ? " plugin" : " plugins")
                        + " failed to load (see `rdump plugins`)");
    }

    private static String moduleHint(String id) {
        return switch (id) {
            case "zfs", "zfs-volumes", "zfs-mirror" -> " (provided by the rdump-zfs module: add its jar)";
            case "lvm" -> " (provided by the rdump-lvm module: add its jar)";
            case "btrfs" -> " (provided by the rdump-btrfs module: add its jar)";
            case "borg" -> " (provided by the rdump-borg module: add its jar)";
            case "restic" -> " (provided by the rdump-restic module: add its jar)";
            case "rsync" -> " (provided by the rdump-rsync module: add its jar)";
            case "rsure" -> " (provided by the rdump-integrity module: add its jar)";
            default -> "";
        };
    }

    /**
     * All providers of {@code spi}, sorted by id.
     *
     * @param <T> the SPI
     * @param spi one of {@link #SPIS}
     * @return never null; empty when there is none (or {@code spi} is not one of {@link #SPIS})
     */
    public <T extends Plugin> List<T> all(Class<T> spi) {
        return byKind.getOrDefault(spi, Map.of()).values().stream().map(spi::cast).toList();
    }

    /**
     * Every provider with its origin, for {@code rdump plugins}.
     *
     * @return sorted by SPI then id; never null
     */
    public List<PluginInfo> describe() {
        List<PluginInfo> out = new ArrayList<>();
        byKind.forEach((spi, ids) -> ids.values().forEach(p -> out.add(new PluginInfo(spi.getSimpleName(), p.id(),
                p.description(), p.getClass().getName(), location(p.getClass()), version(p),
                p.apiVersion(), jars.containsKey(p) ? jars.get(p).toString() : PluginInfo.BUILT_IN))));
        out.sort(Comparator.comparing(PluginInfo::spi).thenComparing(PluginInfo::id));
        return out;
    }

    /**
     * Providers and plugin jars that failed to load, each with the jar (for a plugin jar) and the
     * cause; empty when all loaded. Not logged by the registry: the caller shows them.
     *
     * @return one message each; never null
     */
    public List<String> brokenProviders() {
        return brokenProviders;
    }

    /**
     * The plugin path this registry's jars came from.
     *
     * @return {@link PluginPath#none()} for a registry made with {@link #of}; never null
     */
    public PluginPath path() {
        return path;
    }

    /** Implementation-Version of a plugin jar's manifest, else of the class's package, else {@code dev}. */
    private String version(Plugin p) {
        Path jar = jars.get(p);
        if (jar != null) {
            try (JarFile f = new JarFile(jar.toFile())) {
                Manifest mf = f.getManifest();
                String v = mf == null ? null : mf.getMainAttributes().getValue(Attributes.Name.IMPLEMENTATION_VERSION);
                if (v != null && !v.isBlank()) {
                    return v.strip();
                }
            } catch (IOException e) {
                // fall back to the package's version
            }
        }
        return version(p.getClass());
    }

    static String location(Class<?> c) {
        CodeSource src = c.getProtectionDomain().getCodeSource();
        return src == null || src.getLocation() == null ? "unknown location" : src.getLocation().getPath();
    }

    static String version(Class<?> c) {
        String v = c.getPackage() == null ? null : c.getPackage().getImplementationVersion();
        return v == null ? "dev" : v;
    }
}
