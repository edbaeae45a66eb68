package org.rdump.zfs.replicate;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;
import org.jspecify.annotations.Nullable;
import org.rdump.api.ConfigException;
import org.rdump.api.Settings;
import org.rdump.zfs.ZfsHost;
import org.rdump.api.support.prune.PruneSettings;

/**
 * One {@code zfs:} replication job. Immutable.
 *
 * @param name the job's name
 * @param source what is copied
 * @param destination where to
 * @param excludes regular expressions; a source dataset whose full name any of them finds is
 *     skipped (its children are not, as in the original)
 * @param prune the {@code prune:} policy applied after the replication, or null
 * @since 0.1
 */
public record ReplicationJob(String name, Endpoint source, Endpoint destination, List<Pattern> excludes,
                             @Nullable PruneSettings prune) {
    public ReplicationJob {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(source, "source");
        Objects.requireNonNull(destination, "destination");
        excludes = List.copyOf(excludes);
    }

    /** A job without pruning. */
    public ReplicationJob(String name, Endpoint source, Endpoint destination, List<Pattern> excludes) {
        this(name, source, destination, excludes, null);
    }

    /**
     * Reads a job: {@code src: {host, volume}}, {@code dest: {host, volume, ssh}}, {@code exclude: [regex]},
     * {@code prune: {...}}.
     */
    public static ReplicationJob from(String name, Settings s) {
        Endpoint src = endpoint(s, "src");
        Endpoint dest = endpoint(s, "dest");
        List<Pattern> ex = new ArrayList<>();
        for (String r : s.strings("exclude")) {
            try {
                ex.add(Pattern.compile(r));
            } catch (PatternSyntaxException e) {
                throw new ConfigException(s.locate("exclude"), "not a regular expression: '" + r + "' ("
                        + e.getDescription() + ")");
            }
        }
        return new ReplicationJob(name, src, dest, ex, PruneSettings.from(s, "prune", "").orElse(null));
    }

    private static Endpoint endpoint(Settings s, String key) {
        Settings e = s.child(key).orElseThrow(() -> new ConfigException(s.locate(key),
                "missing required key '" + key + "' ({host, volume})"));
        String volume = e.string("volume");
        if (volume.isBlank() || volume.contains("@") || volume.startsWith("/") || volume.endsWith("/")) {
            throw new ConfigException(e.locate("volume"), "expected a dataset name, found '" + volume + "'");
        }
        String host = e.string("host", "");
        List<String> ssh = e.strings("ssh");
        if (!ssh.isEmpty() && host.isBlank()) {
            throw new ConfigException(e.locate("ssh"), "'ssh' is for a remote host; set 'host' too, or remove 'ssh'");
        }
        try {
            return new Endpoint(ZfsHost.of(host, ssh), volume);
        } catch (IllegalArgumentException ex) {
            throw new ConfigException(e.locate("host"), ex.getMessage());
        }
    }

    /** Whether a source dataset is excluded. */
    public boolean excludes(String dataset) {
        return excludes.stream().anyMatch(p -> p.matcher(dataset).find());
    }
}
