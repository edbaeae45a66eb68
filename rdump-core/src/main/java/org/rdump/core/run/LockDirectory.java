package org.rdump.core.run;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Map;
import java.util.Optional;
import org.rdump.api.RdumpException;

/**
 * Where the machine-wide locks of {@link RunLocks} live: the directory named by the system
 * property {@value #PROPERTY} (for tests), else by the environment variable {@value #ENV}, else
 * {@code /run/lock/rdump} when {@code /run/lock} is writable (created {@code 0755}), else
 * {@code ${java.io.tmpdir}/rdump-locks}. Every rdump run on one machine must see the same
 * directory, or they do not exclude each other.
 */
public final class LockDirectory {
    /** The system property that names the lock directory (tests). */
    public static final String PROPERTY = "rdump.lock.dir";
    /** The environment variable that names the lock directory. */
    public static final String ENV = "RDUMP_LOCK_DIR";
    static final Path SYSTEM = Path.of("/run/lock/rdump");

    private LockDirectory() {
    }

    /**
     * The lock directory of this process, created when missing.
     *
     * @throws RdumpException when it cannot be created
     */
    public static Path resolve() {
        return resolve(Optional.ofNullable(System.getProperty(PROPERTY)), System.getenv(), SYSTEM, Path.of(System.getProperty("java.io.tmpdir"), "rdump-locks"));
    }

    static Path resolve(Optional<String> property, Map<String, String> env, Path system, Path fallback) {
        Optional<String> named = property.filter(s -> !s.isBlank())
                .or(() -> Optional.ofNullable(env.get(ENV)).filter(s -> !s.isBlank()));
        if (named.isPresent()) {
            Path dir = Path.of(named.get()).toAbsolutePath();
            create(dir, "set " + ENV + " to a writable directory");
            return dir;
        }
        if (Files.isDirectory(system) ? Files.isWritable(system) : Files.isWritable(system.getParent())) {
            try {
                create(system, "");
                return system;
            } catch (RdumpException e) {
                // fall through to the temporary directory
            }
        }
        create(fallback, "set " + ENV + " to a writable directory");
        return fallback;
    }

    private static void create(Path dir, String fix) {
        try {
            if (!Files.isDirectory(dir)) {
                Files.createDirectories(dir.getParent());
                Files.createDirectory(dir, PosixFilePermissions.asFileAttribute(
                        PosixFilePermissions.fromString("rwxr-xr-x")));
            }
        } catch (IOException e) {
            if (!Files.isDirectory(dir)) { // else another run made it meanwhile
                throw new RdumpException("cannot create the rdump lock directory " + dir + ": " + e + "; " + fix, e);
            }
        }
        if (!Files.isWritable(dir)) {
            throw new RdumpException("the rdump lock directory " + dir + " is not writable; " + fix);
        }
    }
}
