package org.rdump.zfs;

import java.util.EnumSet;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.rdump.api.command.CommandResult;
import org.rdump.api.command.CommandRunner;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * What one {@code zfs} installation can do. Immutable.
 *
 * <p>Detection runs up to three harmless commands and reads their output ({@link #fromProbes} is
 * the pure part): {@code zfs -?} prints the usage of every subcommand on standard output, whose
 * option letters tell {@code list -p}, {@code send -nP}, {@code receive -u}/{@code -s} and
 * whether {@code bookmark} exists; only when the usage shows {@code receive -s} and
 * {@code send -t}, {@code zfs get receive_resume_token DS} confirms that property (it fails,
 * with a long usage text on standard error, where the property is unknown, so zfs-fuse is not
 * asked); {@code zpool get all POOL} shows whether the pool has the bookmarks feature enabled.
 * When a probe fails or prints nothing (a dry run) the feature counts as absent. The result is
 * logged as one DEBUG line on the {@code rdump.zfs} logger; the probes' output is not logged.
 *
 * @param features the detected features; copied
 * @since 0.1
 */
public record ZfsFeatures(Set<ZfsFeature> features) {
    private static final Logger LOG = LoggerFactory.getLogger("rdump.zfs");
    private static final Pattern COMMAND_LINE = Pattern.compile("^\t([a-z][a-z-]*)(?:\\s.*)?$");
    private static final Pattern CONTINUATION = Pattern.compile("^\t\\s+\\S.*$");
    private static final Pattern FLAGS = Pattern.compile("(?<![A-Za-z0-9])-([A-Za-z]+)");

    public ZfsFeatures {
        features = features.isEmpty() ? Set.of() : Set.copyOf(EnumSet.copyOf(features));
    }

    /** No optional feature: what old zfs-fuse offers. */
    public static ZfsFeatures none() {
        return new ZfsFeatures(Set.of());
    }

    public boolean has(ZfsFeature feature) {
        return features.contains(feature);
    }

    /**
     * Probes the installation that {@code commands} reach.
     *
     * @param dataset an existing dataset (or pool) on that installation, for the property probes
     */
    public static ZfsFeatures detect(CommandRunner runner, ZfsCommands commands, String dataset) {
        CommandResult usage = runner.run(commands.usage());
        String usageText = usage.stdout() + "\n" + usage.stderr();
        Map<String, Set<Character>> flags = usageFlags(usageText);
        String resumeText = "";
        if (receiveFlags(flags).contains('s') && flags.getOrDefault("send", Set.of()).contains('t')) {
            CommandResult resume = runner.run(commands.probeResumeToken(dataset));
            resumeText = resume.exitCode() == 0 ? resume.stdout() : "";
        }
        String pool = dataset.contains("/") ? dataset.substring(0, dataset.indexOf('/')) : dataset;
        CommandResult zpool = runner.run(commands.poolProperties(pool));
        ZfsFeatures found = fromProbes(usageText, resumeText, zpool.exitCode() == 0 ? zpool.stdout() : "");
        LOG.debug("zfs features of {} ({}): {}", pool, commands.host().display(),
                found.features().isEmpty() ? "none optional" : EnumSet.copyOf(found.features()));
        return found;
    }

    private static Set<Character> receiveFlags(Map<String, Set<Character>> flags) {
        Set<Character> receive = new HashSet<>(flags.getOrDefault("receive", Set.of()));
        receive.addAll(flags.getOrDefault("recv", Set.of()));
        return receive;
    }

    /**
     * The pure part of {@link #detect}.
     *
     * @param usage what {@code zfs} without arguments printed (stdout and stderr)
     * @param resumeProbe what a successful {@code zfs get -H -o property,value
     *     receive_resume_token DS} printed; empty when it failed
     * @param poolProperties what a successful {@code zpool get all POOL} printed; empty when it failed
     */
    public static ZfsFeatures fromProbes(String usage, String resumeProbe, String poolProperties) {
        Map<String, Set<Character>> flags = usageFlags(usage);
        Set<ZfsFeature> out = EnumSet.noneOf(ZfsFeature.class);
        if (flags.getOrDefault("list", Set.of()).contains('p')) {
            out.add(ZfsFeature.LIST_PARSABLE);
        }
        Set<Character> send = flags.getOrDefault("send", Set.of());
        if (send.contains('n') && send.contains('P')) {
            out.add(ZfsFeature.SEND_ESTIMATE);
        }
        Set<Character> receive = receiveFlags(flags);
        if (receive.contains('u')) {
            out.add(ZfsFeature.RECEIVE_NO_MOUNT);
        }
        if (receive.contains('s') && send.contains('t') && resumeProbe.contains("receive_resume_token")) {
            out.add(ZfsFeature.RESUMABLE_RECEIVE);
        }
        if (flags.containsKey("bookmark") && bookmarksEnabled(poolProperties)) {
            out.add(ZfsFeature.BOOKMARKS);
        }
        return new ZfsFeatures(out);
    }

    /** Subcommand name to the option letters its usage lines show. */
    static Map<String, Set<Character>> usageFlags(String usage) {
        Map<String, Set<Character>> out = new HashMap<>();
        String current = null;
        for (String line : usage.split("\r?\n")) {
            Matcher cmd = COMMAND_LINE.matcher(line);
            String rest;
            if (cmd.matches() && !CONTINUATION.matcher(line).matches()) {
                current = cmd.group(1);
                rest = line.substring(line.indexOf(current) + current.length());
            } else if (current != null && CONTINUATION.matcher(line).matches()) {
                rest = line;
            } else {
                current = null;
                continue;
            }
            Set<Character> set = out.computeIfAbsent(current, k -> new HashSet<>());
            Matcher m = FLAGS.matcher(rest);
            while (m.find()) {
                m.group(1).chars().forEach(c -> set.add((char) c));
            }
        }
        return out;
    }

    private static boolean bookmarksEnabled(String poolProperties) {
        for (String line : poolProperties.split("\r?\n")) {
            String[] f = line.trim().split("\\s+");
            if (f.length >= 3 && f[1].equals("feature@bookmarks")) {
                return f[2].equals("enabled") || f[2].equals("active");
            }
        }
        return false;
    }
}
