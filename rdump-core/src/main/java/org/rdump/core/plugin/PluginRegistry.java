package org.rdump.core.plugin;

import java.security.CodeSource;
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

/**
 * The providers of the four SPIs, by id. Immutable once built; thread-safe.
 *
 * <p>Use {@link #discover(ClassLoader)} for the class path, or {@link #of} to assemble one in
 * code (tests, embedding).
 */
public final class PluginRegistry {
    private static final System.Logger LOG = System.getLogger("rdump.plugins");

    private final Map<Class<?>, Map<String, Plugin>> byKind;
    private final List<String> brokenProviders;

    private PluginRegistry(Map<Class<?>, Map<String, Plugin>> byKind, List<String> broken) {
        this.byKind = byKind;
        this.brokenProviders = List.copyOf(broken);
    }

    /** The SPIs a registry holds, in display order. */
    public static final List<Class<? extends Plugin>> SPIS =
            List.of(Strategy.class, SnapshotProvider.class, BackupTool.class, IntegrityStore.class);

    /**
     * Loads every provider visible to {@code loader}.
     *
     * @throws PluginException when two providers of one SPI share an id (naming both)
     */
    public static PluginRegistry discover(ClassLoader loader) {
        Map<Class<?>, Map<String, Plugin>> byKind = new LinkedHashMap<>();
        List<String> broken = new ArrayList<>();
        for (Class<? extends Plugin> spi : SPIS) {
            byKind.put(spi, load(spi, loader, broken));
        }
        return new PluginRegistry(byKind, broken);
    }

    /** The providers on this class's class path. */
    public static PluginRegistry discover() {
        return discover(PluginRegistry.class.getClassLoader());
    }

    /**
     * A registry of the given providers (each placed under every SPI it implements).
     *
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
        return new PluginRegistry(byKind, List.of());
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
                broken.add(msg);
                LOG.log(System.Logger.Level.WARNING, msg);
                continue;
            }
            put(spi, ids, provider);
            if (!RdumpApi.VERSION.equals(provider.apiVersion())) {
                LOG.log(System.Logger.Level.WARNING, "{0} ''{1}'' ({2}) was built against rdump-api {3}; this is {4}",
                        spi.getSimpleName(), provider.id(), location(provider.getClass()), provider.apiVersion(),
                        RdumpApi.VERSION);
            }
            LOG.log(System.Logger.Level.DEBUG, "found {0} ''{1}'' {2} in {3}", spi.getSimpleName(), provider.id(),
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

    /** The provider of {@code spi} with this id, or a {@link PluginException} listing the known ids. */
    public <T extends Plugin> T get(Class<T> spi, String id) {
        Plugin p = byKind.getOrDefault(spi, Map.of()).get(id);
        if (p == null) {
            throw new PluginException(id, unknownMessage(spi, id));
        }
        return spi.cast(p);
    }

    /** Whether a provider of {@code spi} has this id. */
    public boolean has(Class<? extends Plugin> spi, String id) {
        return byKind.getOrDefault(spi, Map.of()).containsKey(id);
    }

    /** The message for an id that no provider of {@code spi} has. */
    public String unknownMessage(Class<? extends Plugin> spi, String id) {
        var known = byKind.getOrDefault(spi, Map.of()).keySet();
        return "no " + spi.getSimpleName() + " with id '" + id + "'; known: "
                + (known.isEmpty() ? "none" : String.join(", ", known))
                + moduleHint(id);
    }

    private static String moduleHint(String id) {
        return switch (id) {
            case "zfs", "zfs-volumes", "zfs-mirror" -> " (provided by the rdump-zfs module: add its jar)";
            case "lvm" -> " (provided by the rdump-lvm module: add its jar)";
            case "borg" -> " (provided by the rdump-borg module: add its jar)";
            case "rsync" -> " (provided by the rdump-rsync module: add its jar)";
            case "rsure" -> " (provided by the rdump-integrity module: add its jar)";
            default -> "";
        };
    }

    /** All providers of {@code spi}, sorted by id. */
    public <T extends Plugin> List<T> all(Class<T> spi) {
        return byKind.getOrDefault(spi, Map.of()).values().stream().map(spi::cast).toList();
    }

    /** Every provider with its origin, for {@code rdump plugins}. */
    public List<PluginInfo> describe() {
        List<PluginInfo> out = new ArrayList<>();
        byKind.forEach((spi, ids) -> ids.values().forEach(p -> out.add(new PluginInfo(spi.getSimpleName(), p.id(),
                p.description(), p.getClass().getName(), location(p.getClass()), version(p.getClass()),
                p.apiVersion()))));
        out.sort(Comparator.comparing(PluginInfo::spi).thenComparing(PluginInfo::id));
        return out;
    }

    /** Providers that failed to load, with the reason; empty when all loaded. */
    public List<String> brokenProviders() {
        return brokenProviders;
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
