package org.rdump.core.config;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import org.rdump.api.ConfigException;
import org.rdump.api.ToolTarget;
import org.rdump.api.VolumeSpec;

/**
 * A loaded, validated configuration. Immutable.
 *
 * @param file the file it was read from (absolute), or a pseudo path for configs built in code
 * @param tools the configured backup tool instances by name, in file order
 * @param volumes every volume, in file order (sections in file order)
 * @param replications the {@code zfs:} replication jobs
 * @param lockFile the lock that keeps runs of this config one at a time
 * @param scratchRoot where test restores and other scratch directories go
 * @param onError whether a failed volume stops the run ({@code on_error: stop}) or not
 * @param ledgerFile the ledger of runs, backups and test restores ({@code ledger:}, default
 *     {@code LOCK.ledger} beside the lock)
 * @param metricsFile the Prometheus textfile written at the end of every run ({@code metrics_file:}), or null
 * @param ping where backup runs report their start and end ({@code ping:}), or null
 * @param hooks the run's own {@code hooks:} (top level); {@link org.rdump.core.hook.HookSettings#NONE} when none
 */
public record RdumpConfig(Path file, Map<String, ToolTarget> tools, List<VolumeSpec> volumes,
                          List<ReplicationJob> replications, Path lockFile, Path scratchRoot,
                          org.rdump.core.run.StepRunner.OnError onError, Path ledgerFile,
                          java.nio.file.@org.jspecify.annotations.Nullable Path metricsFile,
                          org.rdump.core.monitor.@org.jspecify.annotations.Nullable PingSettings ping,
                          org.rdump.core.hook.HookSettings hooks) {
    public RdumpConfig {
        Objects.requireNonNull(file, "file");
        tools = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(tools));
        volumes = List.copyOf(volumes);
        replications = List.copyOf(replications);
        Objects.requireNonNull(lockFile, "lockFile");
        Objects.requireNonNull(scratchRoot, "scratchRoot");
        Objects.requireNonNull(onError, "onError");
        Objects.requireNonNull(ledgerFile, "ledgerFile");
        Objects.requireNonNull(hooks, "hooks");
    }

    /**
     * The tool instances a backup of {@code volume} writes to: the actions that name a tool.
     *
     * @since 0.4
     */
    public List<String> backupDestinations(VolumeSpec volume) {
        return volume.actions().stream().filter(tools::containsKey).toList();
    }

    /** The volume with this name. */
    public Optional<VolumeSpec> volume(String name) {
        return volumes.stream().filter(v -> v.name().equals(name)).findFirst();
    }

    /**
     * The volumes to work on: all of them when {@code names} is empty, else those named, in
     * configuration order.
     *
     * @throws ConfigException naming every unknown name and listing the configured ones
     */
    public List<VolumeSpec> select(List<String> names) {
        if (names.isEmpty()) {
            return volumes;
        }
        List<String> unknown = new ArrayList<>();
        for (String n : names) {
            if (volume(n).isEmpty()) {
                unknown.add(n);
            }
        }
        if (!unknown.isEmpty()) {
            throw new ConfigException(file.toString(), (unknown.size() == 1 ? "no volume named '" + unknown.get(0) + "'"
                    : "no volumes named " + String.join(", ", unknown.stream().map(u -> "'" + u + "'").toList()))
                    + "; configured volumes: " + String.join(", ", volumes.stream().map(VolumeSpec::name).toList()));
        }
        return volumes.stream().filter(v -> names.contains(v.name())).toList();
    }
}
