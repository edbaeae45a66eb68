package org.rdump.cli;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;

/**
 * The service and timer units {@code rdump systemd} writes, as text: pure, no I/O. The syntax
 * rules (systemd.syntax(7), systemd.service(5) "Command lines", systemd.time(7)) are in
 * {@link #commandLine}, {@link #specifiers} and {@link #timeSpan}.
 */
final class SystemdUnits {
    /** A unit name without its suffix: what systemd allows, less {@code @} (templates) and {@code \}. */
    private static final Pattern NAME = Pattern.compile("[A-Za-z0-9:_.-]{1,200}");
    /** A word systemd takes as it is in a command line once {@code %} and {@code $} are doubled. */
    private static final Pattern PLAIN_WORD = Pattern.compile("[A-Za-z0-9_@%+=:,./$-]+");

    /** The lock-held exit code ({@link ExitCode#LOCK_HELD}): another run is doing the work. */
    static final int SKIPPED = ExitCode.LOCK_HELD;

    private SystemdUnits() {
    }

    /**
     * What the two units say. Immutable.
     *
     * @param name the unit name without suffix ({@code rdump}: rdump.service and rdump.timer)
     * @param execStart the absolute argument vector of the backup run
     * @param config the configuration's absolute path (for the descriptions)
     * @param onCalendar the timer's OnCalendar expressions, at least one
     * @param randomizedDelay RandomizedDelaySec (zero: none)
     * @param timeout TimeoutStartSec; null for none ({@code infinity})
     * @param environment Environment= assignments of the service (e.g. {@code JAVA})
     * @param regenerate the rdump command line that writes these units again (a comment)
     */
    record Spec(String name, List<String> execStart, String config, List<String> onCalendar,
                Duration randomizedDelay, @Nullable Duration timeout, Map<String, String> environment,
                String regenerate) {
        Spec {
            validName(name);
            execStart = List.copyOf(execStart);
            onCalendar = List.copyOf(onCalendar);
            environment = Map.copyOf(environment);
            if (execStart.isEmpty() || !execStart.get(0).startsWith("/")) {
                throw new IllegalArgumentException("execStart must start with an absolute path: " + execStart);
            }
            if (onCalendar.isEmpty()) {
                throw new IllegalArgumentException("onCalendar is empty");
            }
            Objects.requireNonNull(config, "config");
            Objects.requireNonNull(randomizedDelay, "randomizedDelay");
            Objects.requireNonNull(regenerate, "regenerate");
        }

        String service() {
            return name + ".service";
        }

        String timer() {
            return name + ".timer";
        }
    }

    /**
     * Checks a unit name as {@code --name} takes it.
     *
     * @return the name
     * @throws IllegalArgumentException saying what is allowed
     */
    static String validName(String name) {
        if (!NAME.matcher(name).matches() || name.endsWith(".service") || name.endsWith(".timer")) {
            throw new IllegalArgumentException("'" + name + "' is not a unit name for --name: use letters, digits and"
                    + " : _ . - (at most 200), without .service or .timer (e.g. rdump-home)");
        }
        return name;
    }

    /** The service: one {@code rdump backup} run, started by the timer. */
    static String service(Spec s) {
        List<String> l = new ArrayList<>();
        l.add("# " + s.service() + ": one rdump backup run of " + s.config() + ", started by " + s.timer() + ".");
        l.add("# Written by: " + s.regenerate());
        l.add("# Change it with `systemctl edit " + s.service() + "` (a drop-in that survives rewriting); see man rdump-systemd.");
        l.add("[Unit]");
        l.add("Description=" + specifiers("rdump backup of " + s.config()));
        l.add("# borg or rsync over ssh: a run caught up at boot (Persistent=true) waits for the network");
        l.add("Wants=network-online.target");
        l.add("After=network-online.target");
        l.add("");
        l.add("[Service]");
        l.add("Type=oneshot");
        s.environment().entrySet().stream().sorted(Map.Entry.comparingByKey()).forEach(e ->
                l.add("Environment=" + assignment(e.getKey(), e.getValue())));
        l.add("ExecStart=" + commandLine(s.execStart()));
        l.add("# " + SKIPPED + ": another rdump run holds the lock (one started by hand is doing the work): skipped, not failed");
        l.add("SuccessExitStatus=" + SKIPPED);
        l.add("Nice=10");
        l.add("IOSchedulingClass=idle");
        l.add("# on SIGTERM rdump stops its programs itself, then unmounts and removes its snapshots (up to 10 min)");
        l.add("KillMode=mixed");
        l.add("TimeoutStopSec=11min");
        l.add(s.timeout() == null ? "# no time limit: a hung run shows as an old backup in rdump status --check"
                : "# a run still going after " + timeSpan(s.timeout()) + " is stopped (and cleaned up) as on SIGTERM");
        l.add("TimeoutStartSec=" + (s.timeout() == null ? "infinity" : timeSpan(s.timeout())));
        l.add("# No ProtectSystem=, ProtectHome=, PrivateTmp=, PrivateDevices=, ReadOnlyPaths=: each gives the run");
        l.add("# its own mount namespace or a read-only view, and a backup makes snapshots (LVM device nodes, ZFS),");
        l.add("# mounts them, writes the manifests beside the data and the backups to their destinations. No");
        l.add("# MemoryDenyWriteExecute= (the JVM compiles code) and no RestrictSUIDSGID= (a test restore");
        l.add("# writes set-user-id files as they were backed up).");
        l.add("LockPersonality=yes");
        l.add("RestrictRealtime=yes");
        return String.join("\n", l) + "\n";
    }

    /** The timer: starts the service on the calendar, catches up after downtime, spreads a fleet. */
    static String timer(Spec s) {
        List<String> l = new ArrayList<>();
        l.add("# " + s.timer() + ": starts " + s.service() + " " + String.join(", ", s.onCalendar()) + ".");
        l.add("# Written by: " + s.regenerate());
        l.add("[Unit]");
        l.add("Description=" + specifiers("rdump backup of " + s.config() + ", " + String.join(", ", s.onCalendar())));
        l.add("");
        l.add("[Timer]");
        s.onCalendar().forEach(c -> l.add("OnCalendar=" + c));
        l.add("# a run missed while the machine was off starts soon after the next boot");
        l.add("Persistent=true");
        if (!s.randomizedDelay().isZero()) {
            l.add("# each host waits up to " + timeSpan(s.randomizedDelay()) + ", the same delay every day on one host"
                    + " (FixedRandomDelay: systemd 247+)");
            l.add("RandomizedDelaySec=" + timeSpan(s.randomizedDelay()));
            l.add("FixedRandomDelay=true");
        }
        l.add("Unit=" + s.service());
        l.add("");
        l.add("[Install]");
        l.add("WantedBy=timers.target");
        return String.join("\n", l) + "\n";
    }

    /**
     * An argument vector as an ExecStart= or Environment= value: a word of plain characters as
     * it is, any other in double quotes with {@code \} and {@code "} escaped; {@code %}
     * (specifiers) and {@code $} (variables) doubled everywhere.
     *
     * @throws IllegalArgumentException for a word with a control character or an empty word
     */
    static String commandLine(List<String> argv) {
        List<String> words = new ArrayList<>();
        for (String w : argv) {
            if (w.isEmpty() || w.chars().anyMatch(c -> c < 0x20 || c == 0x7f)) {
                throw new IllegalArgumentException("cannot write '" + w.replace("\n", "\\n")
                        + "' in a systemd command line: it is empty or has a control character");
            }
            String escaped = w.replace("%", "%%").replace("$", "$$");
            words.add(PLAIN_WORD.matcher(w).matches() && !w.equals(";") ? escaped
                    : "\"" + escaped.replace("\\", "\\\\").replace("\"", "\\\"") + "\"");
        }
        return String.join(" ", words);
    }

    /**
     * An Environment= value: {@code NAME=VALUE}, in double quotes ({@code \} and {@code "}
     * escaped) unless plain; {@code %} doubled. Environment= expands no {@code $}.
     */
    static String assignment(String name, String value) {
        String a = specifiers(name + "=" + value);
        return PLAIN_WORD.matcher(a).matches() ? a : "\"" + a.replace("\\", "\\\\").replace("\"", "\\\"") + "\"";
    }

    /** {@code text} with {@code %} doubled, for a setting that expands specifiers (Description=). */
    static String specifiers(String text) {
        if (text.chars().anyMatch(c -> c < 0x20 || c == 0x7f)) {
            throw new IllegalArgumentException("cannot write '" + text.replace("\n", "\\n")
                    + "' in a unit file: it has a control character");
        }
        return text.replace("%", "%%");
    }

    /** {@code d} as a systemd time span, exactly: {@code 1h}, {@code 30min}, {@code 1d2h30min}, {@code 45s}, {@code 0}. */
    static String timeSpan(Duration d) {
        if (d.isNegative()) {
            throw new IllegalArgumentException("negative time span: " + d);
        }
        long s = d.getSeconds();
        if (s == 0) {
            return "0";
        }
        StringBuilder b = new StringBuilder();
        long[] sizes = {86400, 3600, 60, 1};
        String[] units = {"d", "h", "min", "s"};
        for (int i = 0; i < sizes.length; i++) {
            if (s >= sizes[i]) {
                b.append(s / sizes[i]).append(units[i]);
                s %= sizes[i];
            }
        }
        return b.toString();
    }
}
