package org.rdump.core.plugin;

import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * The directories plugin jars are loaded from, in order. Each {@code *.jar} directly in a
 * directory is one plugin jar; a directory that does not exist is skipped. Immutable.
 *
 * <p>The standard path ({@link #standard}) is: the {@code --plugin-path} directories, then
 * {@code RDUMP_PLUGIN_PATH}, then {@code /usr/lib/rdump/plugins}, then
 * {@code ~/.local/share/rdump/plugins}. Both {@code --plugin-path} and the variable are
 * {@code DIR[:DIR]...} lists.
 *
 * @param directories in search order; copied
 */
public record PluginPath(List<Path> directories) {
    /** The environment variable holding extra plugin directories. */
    public static final String ENV = "RDUMP_PLUGIN_PATH";
    /** Where packaged plugins are installed. */
    public static final Path SYSTEM = Path.of("/usr/lib/rdump/plugins");
    /** Where a user's plugins are installed, under the home directory. */
    public static final Path USER = Path.of(".local/share/rdump/plugins");

    /**
     * Copies the directories.
     *
     * @param directories in search order; copied
     * @throws NullPointerException if {@code directories} or one of them is null
     */
    public PluginPath {
        directories = List.copyOf(directories);
    }

    /**
     * No plugin directories: the class path only.
     *
     * @return never null
     */
    public static PluginPath none() {
        return new PluginPath(List.of());
    }

    /**
     * Exactly these directories (an embedding application's own path).
     *
     * @param directories searched in this order; missing ones are skipped when the jars are listed
     * @return never null
     */
    public static PluginPath of(Path... directories) {
        return new PluginPath(Arrays.asList(directories));
    }

    /**
     * The standard path: {@code option} ({@code DIR[:DIR]}, may be null), then the
     * {@code RDUMP_PLUGIN_PATH} of {@code env}, then {@link #SYSTEM}, then {@link #USER} under
     * {@code home}.
     *
     * @param option the command line's {@code --plugin-path DIR[:DIR]}, or null
     * @param env the environment to read {@link #ENV} from
     * @param home the user's home directory
     * @return never null
     */
    public static PluginPath standard(@Nullable String option, Map<String, String> env, Path home) {
        List<Path> dirs = new ArrayList<>(split(option));
        dirs.addAll(split(env.get(ENV)));
        dirs.add(SYSTEM);
        dirs.add(home.resolve(USER));
        return new PluginPath(dirs);
    }

    /**
     * {@link #standard(String, Map, Path)} for this process: its environment and {@code user.home}.
     *
     * @param option the command line's {@code --plugin-path DIR[:DIR]}, or null
     * @return never null
     */
    public static PluginPath standard(@Nullable String option) {
        return standard(option, System.getenv(), Path.of(System.getProperty("user.home")));
    }

    /** The entries of a {@code DIR[:DIR]} list; empty entries are skipped. */
    static List<Path> split(@Nullable String list) {
        if (list == null) {
            return List.of();
        }
        return Arrays.stream(list.split(":")).filter(s -> !s.isBlank()).map(Path::of).toList();
    }

    /**
     * The plugin jars, directory by directory in path order, by file name within one; a jar
     * reached twice (the same real file) is listed once.
     *
     * @return never null; empty when no directory exists or holds a jar
     * @throws PluginLoadException naming a directory that exists but cannot be read
     */
    public List<Path> jars() {
        List<Path> out = new ArrayList<>();
        List<Path> real = new ArrayList<>();
        for (Path dir : directories) {
            if (!Files.isDirectory(dir)) {
                continue;
            }
            List<Path> here = new ArrayList<>();
            try (DirectoryStream<Path> s = Files.newDirectoryStream(dir, "*.jar")) {
                s.forEach(here::add);
            } catch (IOException e) {
                throw new PluginLoadException(dir, "cannot list the plugin directory: " + e);
            }
            here.sort(Path::compareTo);
            for (Path jar : here) {
                Path r = realPath(jar);
                if (!real.contains(r)) {
                    real.add(r);
                    out.add(jar);
                }
            }
        }
        return out;
    }

    /**
     * Each directory with what it holds ({@code 2 jars}, {@code missing}), for {@code rdump plugins}.
     *
     * @return {@code DIR (N jars), ...}, or {@code none} for no directories
     */
    public String describe() {
        List<String> parts = new ArrayList<>();
        for (Path dir : directories) {
            String what;
            if (!Files.isDirectory(dir)) {
                what = "missing";
            } else {
                long n;
                try (var s = Files.newDirectoryStream(dir, "*.jar")) {
                    n = java.util.stream.StreamSupport.stream(s.spliterator(), false).count();
                } catch (IOException e) {
                    n = 0;
                }
                what = n == 1 ? "1 jar" : n + " jars";
            }
            parts.add(dir + " (" + what + ")");
        }
        return parts.isEmpty() ? "none" : String.join(", ", parts);
    }

    private static Path realPath(Path p) {
        try {
            return p.toRealPath();
        } catch (IOException e) {
            return p.toAbsolutePath().normalize();
        }
    }

    /** A plugin directory or jar that cannot be read; the message names it. */
    public static final class PluginLoadException extends org.rdump.api.RdumpException {
        private static final long serialVersionUID = 1L;

        /**
         * The message is {@code where: why}.
         *
         * @param where the directory or jar
         * @param why what is wrong; never null
         */
        public PluginLoadException(Path where, String why) {
            super(where + ": " + Objects.requireNonNull(why, "why"));
        }
    }
}
