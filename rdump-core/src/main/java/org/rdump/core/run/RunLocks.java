package org.rdump.core.run;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.TreeSet;
import org.rdump.api.LockHeldException;
import org.rdump.api.RdumpException;

/**
 * The locks one run holds from before recovery to its end, so that one configuration runs once at
 * a time whatever path reaches it, and two configurations never use one resource at once.
 *
 * <p><b>What is locked</b>, each by a {@link RunLock} (an {@code fcntl} lock, which dies with
 * its process, so a killed holder's lock is simply taken over), tried in this order and never
 * waited for:
 * <ol>
 *   <li>the configuration's own lock file ({@code lock:}, by default {@code .NAME.lock} beside
 *       the real file, symlinks resolved by the loader), which also guards its journal;
 *   <li>the configuration's identity: {@code config-DEV-INO.lock} in the machine-wide
 *       {@link LockDirectory}, from the device and inode of the real file. Hard links and bind
 *       mounts of one file reach different lock files beside it but one identity (a
 *       configuration given as text, with no file, has none);
 *   <li>each distinct resource of the plan ({@link org.rdump.api.Step#resources()},
 *       {@code kind:identity}), sorted: {@code res-SANITIZED-SHA.lock} in the lock directory,
 *       where {@code SHA} is the first 16 hex digits of the resource's SHA-256, so that
 *       different resources never share a file and the name stays a safe file name.
 * </ol>
 * Every file holds its holder's pid, start time, host and configuration. When one is held,
 * everything already taken is released and {@link LockHeldException} names the resource, the
 * other holder and its configuration. The fixed order is only for predictable messages: nothing
 * ever blocks, so there is no deadlock to avoid.
 *
 * <p><b>Recovery</b> runs under these locks, so it never undoes a record of a resource that the
 * plan names and another run holds. It cannot know the resources of records the current plan no
 * longer names (the configuration changed after a crash, or {@code rdump recover} without a
 * plan): for those, {@link #claim} takes the resource's lock before the record is undone, and a
 * resource held by a live run is refused (the record stays open). Records whose kind names no
 * shared resource (scratch, temporary files, child processes) are the run's own and need no lock.
 * Not thread-safe: one run uses one instance.
 */
public final class RunLocks implements ResourceClaims, AutoCloseable {
    private static final int MAX_NAME = 80;
    private final String config;
    private final Path directory;
    private final List<RunLock> held = new ArrayList<>();
    private final Map<String, RunLock> resources = new LinkedHashMap<>();

    private RunLocks(String config, Path directory) {
        this.config = config;
        this.directory = directory;
    }

    /**
     * Takes every lock of a run, in the machine-wide {@link LockDirectory#resolve()}.
     *
     * @param lockFile the configuration's own lock file
     * @param configFile the configuration file (its real path), never null
     * @param planResources the plan's resources, {@code kind:identity}, any order, duplicates allowed
     * @throws LockHeldException naming the holder, with nothing left locked
     */
    public static RunLocks acquire(Path lockFile, Path configFile, Collection<String> planResources) {
        return acquire(lockFile, configFile, planResources, LockDirectory.resolve());
    }

    /** As {@link #acquire(Path, Path, Collection)}, in {@code directory}. */
    public static RunLocks acquire(Path lockFile, Path configFile, Collection<String> planResources, Path directory) {
        RunLocks locks = new RunLocks(configFile.toString(), Objects.requireNonNull(directory, "directory"));
        try {
            locks.held.add(RunLock.acquire(lockFile, locks.config));
            Optional<String> id = identity(configFile);
            if (id.isPresent()) {
                Path f = directory.resolve("config-" + id.get() + ".lock");
                locks.held.add(RunLock.acquire(f, locks.config, holder -> "another rdump run holds the lock of "
                        + locks.config + " (" + holder.map(RunLock.Holder::text).orElse("an unknown process")
                        + ": the same file by another path); lock file " + f
                        + ". Wait for that run to finish; the lock is released when its process ends."));
            }
            for (String r : new TreeSet<>(planResources)) {
                locks.resources.put(r, locks.lockResource(r));
            }
            return locks;
        } catch (RuntimeException e) {
            locks.close();
            throw e;
        }
    }

    /** The file that holds the lock of {@code resource} in {@code directory}. */
    public static Path resourceFile(Path directory, String resource) {
        String safe = resource.replaceAll("[^A-Za-z0-9._-]+", "_");
        if (safe.length() > MAX_NAME) {
            safe = safe.substring(0, MAX_NAME);
        }
        try {
            byte[] sha = MessageDigest.getInstance("SHA-256").digest(resource.getBytes(StandardCharsets.UTF_8));
            return directory.resolve("res-" + safe + "-" + HexFormat.of().formatHex(sha, 0, 8) + ".lock");
        } catch (NoSuchAlgorithmException e) {
            throw new AssertionError("every JVM has SHA-256", e);
        }
    }

    /** {@code DEV-INO} of the real file, or empty when there is no such file (a config given as text). */
    static Optional<String> identity(Path configFile) {
        try {
            Path real = configFile.toRealPath();
            Object dev = Files.getAttribute(real, "unix:dev");
            Object ino = Files.getAttribute(real, "unix:ino");
            return Optional.of(dev + "-" + ino);
        } catch (java.nio.file.NoSuchFileException e) {
            return Optional.empty();
        } catch (IOException | UnsupportedOperationException e) {
            throw new RdumpException("cannot read the device and inode of " + configFile + ": " + e, e);
        }
    }

    private RunLock lockResource(String resource) {
        return RunLock.acquire(resourceFile(directory, resource), config, holder -> refusal(resource, holder));
    }

    private static String refusal(String resource, Optional<RunLock.Holder> holder) {
        String who = holder.map(h -> h.pid() < 0 ? h.text()
                : "pid " + h.pid() + h.config().map(c -> ", config " + c).orElse("")).orElse("an unknown process");
        return "another rdump run (" + who + ") is using " + resource + "; wait for it to finish";
    }

    /** The resources this run holds, sorted. */
    public List<String> resources() {
        return List.copyOf(new TreeSet<>(resources.keySet()));
    }

    /**
     * {@inheritDoc} A resource this run does not hold yet is locked now and kept until
     * {@link #close}.
     */
    @Override
    public Optional<String> claim(String resource) {
        if (resources.containsKey(resource)) {
            return Optional.empty();
        }
        try {
            resources.put(resource, lockResource(resource));
            return Optional.empty();
        } catch (LockHeldException e) {
            return Optional.of(e.getMessage());
        }
    }

    /** Releases every lock, newest first; idempotent. */
    @Override
    public void close() {
        List<RunLock> all = new ArrayList<>(held);
        all.addAll(resources.values());
        held.clear();
        resources.clear();
        for (int i = all.size() - 1; i >= 0; i--) {
            all.get(i).close();
        }
    }
}
