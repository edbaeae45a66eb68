package org.rdump.cli;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import org.jspecify.annotations.Nullable;
import org.rdump.api.ConfigException;
import org.rdump.api.RdumpException;
import org.rdump.api.command.Command;
import org.rdump.api.support.LocalCommandRunner;
import org.rdump.core.Rdump;
import org.rdump.core.status.Durations;
import picocli.CommandLine;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

/**
 * {@code rdump systemd [--on-calendar EXPR]... [--install [--force] [--root DIR]] [NAME...]}: a
 * service and a timer unit that run {@code rdump backup} of this configuration on a schedule,
 * printed, or written to {@code /etc/systemd/system}. It never runs systemctl: the next step is
 * printed.
 */
@CommandLine.Command(name = "systemd", mixinStandardHelpOptions = true,
        description = {"Print a systemd service and timer that run 'rdump backup' of this configuration on a"
                + " schedule: Persistent=true, a randomized delay, Nice=10, IOSchedulingClass=idle, exit 4 (another"
                + " run holds the lock) counted as success. With --install, write them to /etc/systemd/system"
                + " (atomically; a different existing unit only with --force) and print the systemctl command"
                + " that enables the timer.",
                "The configuration is checked first, and --on-calendar with systemd-analyze when it is installed."})
final class SystemdCommand implements Callable<Integer> {
    static final String DEFAULT_NAME = "rdump";
    static final String DEFAULT_CALENDAR = "daily";
    static final String DEFAULT_DELAY = "1h";

    @ParentCommand
    RdumpCommand top;

    @Spec
    CommandSpec spec;

    @Option(names = "--on-calendar", paramLabel = "EXPR", description = "When the timer starts a run, a"
            + " systemd.time calendar expression: daily, 'Mon..Fri 02:00', '*-*-* 03:30' (repeatable; default"
            + " daily).")
    List<String> onCalendar = new ArrayList<>();

    @Option(names = "--randomized-delay", paramLabel = "AGE", description = "RandomizedDelaySec: each host waits"
            + " up to AGE after the calendar time, the same delay every day (default 1h; 0 for none; 30m, 2h).")
    String randomizedDelay = DEFAULT_DELAY;

    @Option(names = "--timeout", paramLabel = "AGE", description = "TimeoutStartSec: stop a run still going after"
            + " AGE (12h, 1d); default none (infinity): a hung run shows as an old backup in status --check.")
    @Nullable String timeout;

    @Option(names = "--name", paramLabel = "NAME", description = "The units' name: NAME.service and NAME.timer"
            + " (default rdump; one name per configuration on a host, e.g. rdump-home).")
    String name = DEFAULT_NAME;

    @Option(names = "--with-verify", description = "Run 'rdump backup --verify': test-restore each backup after"
            + " making it.")
    boolean withVerify;

    @Option(names = "--exec", paramLabel = "PATH", description = "The rdump launcher the service runs (absolute);"
            + " default: the one running now (bin/rdump or bin/install's, through $RDUMP_LAUNCHER), else"
            + " java -jar with this jar.")
    @Nullable String exec;

    @Option(names = "--install", description = "Write NAME.service and NAME.timer to /etc/systemd/system"
            + " (under --root DIR when given) instead of printing them.")
    boolean install;

    @Option(names = "--force", description = "With --install, replace units of that name whose text differs.")
    boolean force;

    @Option(names = "--root", paramLabel = "DIR", description = "Write the units under DIR/etc/systemd/system and"
            + " look the configuration and --exec up under DIR (an image being built; as systemctl --root).")
    @Nullable Path root;

    @Parameters(paramLabel = "NAME", arity = "0..*", description = "The volumes the service backs up (all when"
            + " none are named).")
    List<String> volumes = new ArrayList<>();

    @Override
    public Integer call() {
        String unitName = usage(() -> SystemdUnits.validName(name));
        List<String> calendars = onCalendar.isEmpty() ? List.of(DEFAULT_CALENDAR) : List.copyOf(onCalendar);
        Duration delay = usage(() -> span("--randomized-delay", randomizedDelay));
        Duration limit = timeout == null || timeout.equals("infinity") ? null : usage(() -> span("--timeout", timeout));
        if (force && !install) {
            throw new CommandLine.ParameterException(spec.commandLine(), "--force applies to --install only");
        }
        Path base = root == null ? Path.of("/") : root.toAbsolutePath().normalize();
        String config = configPath(base);
        checkConfig(base, config);
        Launcher.Found launcher = launcher(base);
        List<String> execStart = new ArrayList<>(launcher.argv());
        if (top.pluginPath != null) {
            execStart.add("--plugin-path");
            execStart.add(String.join(":", java.util.Arrays.stream(top.pluginPath.split(":"))
                    .filter(d -> !d.isBlank()).map(d -> Path.of(d).toAbsolutePath().normalize().toString()).toList()));
        }
        execStart.addAll(List.of("--config", config, "backup"));
        if (withVerify) {
            execStart.add("--verify");
        }
        execStart.addAll(volumes);
        List<@Nullable String> next = nextElapses(calendars);

        SystemdUnits.Spec s = usage(() -> new SystemdUnits.Spec(unitName, execStart, config, calendars, delay, limit,
                launcher.environment(), regenerate(config, calendars)));
        Map<String, String> texts = new LinkedHashMap<>();
        texts.put(s.service(), usage(() -> SystemdUnits.service(s)));
        texts.put(s.timer(), usage(() -> SystemdUnits.timer(s)));
        Path dir = UnitFiles.directory(base);
        Map<String, UnitFiles.Action> actions = new LinkedHashMap<>();
        if (install) {
            actions.putAll(UnitFiles.install(dir, texts, force, root != null));
        } else {
            texts.keySet().forEach(n -> actions.put(n, UnitFiles.Action.PRINTED));
        }
        List<String> steps = root == null
                ? List.of("systemctl daemon-reload", "systemctl enable --now " + s.timer())
                : List.of("systemctl --root=" + Command.quote(base.toString()) + " enable " + s.timer());

        if (top.json) {
            return json(s, launcher, dir, texts, actions, calendars, next, steps);
        }
        if (!install) {
            texts.forEach((n, text) -> {
                top.out.println("# " + dir.resolve(n));
                top.out.print(text);
                top.out.println();
            });
        } else {
            actions.forEach((n, a) -> top.out.println(a.label() + " " + dir.resolve(n)));
        }
        // the notes go to stderr when the units are on stdout, so that `rdump systemd > x` keeps only units
        java.io.PrintStream notes = install ? top.out : top.err;
        notes.println("ExecStart runs " + launcher.how());
        for (int i = 0; i < calendars.size(); i++) {
            String at = next.get(i);
            notes.println("the timer elapses " + calendars.get(i) + (at == null ? "" : ", next at " + at)
                    + (delay.isZero() ? "" : " (this host's random delay of up to " + SystemdUnits.timeSpan(delay)
                    + " comes on top)"));
        }
        notes.println((install ? "next: " : "to install: " + regenerate(config, calendars) + " --install, then ")
                + String.join(" && ", steps));
        return ExitCode.OK;
    }

    private int json(SystemdUnits.Spec s, Launcher.Found launcher, Path dir, Map<String, String> texts,
                     Map<String, UnitFiles.Action> actions, List<String> calendars, List<@Nullable String> next,
                     List<String> steps) {
        List<Map<String, Object>> units = new ArrayList<>();
        texts.forEach((n, text) -> units.add(Map.of("name", n, "path", dir.resolve(n).toString(),
                "action", actions.get(n).label(), "text", text)));
        List<Map<String, @Nullable Object>> timers = new ArrayList<>();
        for (int i = 0; i < calendars.size(); i++) {
            Map<String, @Nullable Object> m = new LinkedHashMap<>();
            m.put("expression", calendars.get(i));
            m.put("nextElapse", next.get(i));
            timers.add(m);
        }
        return JsonDocument.of("systemd").put("name", s.name()).put("config", s.config())
                .put("execStart", s.execStart()).put("environment", new java.util.TreeMap<>(s.environment()))
                .put("launcher", launcher.how()).put("onCalendar", timers)
                .put("randomizedDelaySeconds", s.randomizedDelay().getSeconds())
                .put("timeoutSeconds", s.timeout() == null ? null : s.timeout().getSeconds())
                .put("installed", install).put("units", units).put("next", steps).print(top.out, ExitCode.OK);
    }

    /** The configuration's absolute path as the service names it. */
    private String configPath(Path base) {
        if (root == null) {
            return top.configFile().toAbsolutePath().normalize().toString();
        }
        Path c = top.config == null ? RdumpCommand.SYSTEM_CONFIG : top.config;
        if (!c.isAbsolute()) {
            throw new CommandLine.ParameterException(spec.commandLine(), "with --root, --config names the"
                    + " configuration as the service will see it, an absolute path (e.g. /etc/rdump/rdump.yaml): "
                    + c);
        }
        return c.normalize().toString();
    }

    /** Loads the configuration (and checks the volumes named): a timer that fails every night helps no one. */
    private void checkConfig(Path base, String config) {
        Path file = under(base, config);
        if (!Files.isRegularFile(file)) {
            throw new ConfigException(file.toString(), "no such configuration file" + (root == null ? ""
                    : " under --root " + base) + "; name it with --config FILE");
        }
        Rdump rdump = Rdump.builder().config(file).plugins(top.plugins()).listener(top.quietListener()).build();
        rdump.config().select(volumes);
    }

    private Launcher.Found launcher(Path base) {
        if (exec != null) {
            if (!exec.startsWith("/")) {
                throw new CommandLine.ParameterException(spec.commandLine(), "--exec must be an absolute path"
                        + " (systemd runs it from /): " + exec);
            }
            Path file = under(base, exec);
            if (!Files.isRegularFile(file) || !Files.isExecutable(file)) {
                throw new RdumpException("--exec " + exec + ": " + file + " is not an executable file; name the rdump"
                        + " launcher (bin/rdump of a checkout, or PREFIX/bin/rdump that bin/install wrote)");
            }
            return new Launcher.Found(List.of(Path.of(exec).normalize().toString()), Map.of(), exec + " (--exec)");
        }
        if (root != null) {
            throw new CommandLine.ParameterException(spec.commandLine(), "with --root, name the launcher as it is"
                    + " inside " + base + ": --exec PATH (e.g. --exec /usr/local/bin/rdump)");
        }
        return Launcher.current(System.getenv()).orElseThrow(() -> new RdumpException("cannot tell how this rdump"
                + " was started (not by bin/rdump or an installed launcher, nor from a jar); pass --exec PATH,"
                + " the launcher the service should run"));
    }

    /** When each expression next elapses; checked by systemd-analyze when it is installed, else a warning. */
    private List<@Nullable String> nextElapses(List<String> calendars) {
        List<@Nullable String> out = new ArrayList<>();
        if (Launcher.find(SystemdCalendar.PROGRAM, System.getenv().getOrDefault("PATH", "")).isEmpty()) {
            top.err.println("rdump: warning: " + SystemdCalendar.PROGRAM + " is not installed, so --on-calendar "
                    + String.join(", ", calendars) + " was not checked; systemctl daemon-reload reports a bad one");
            calendars.forEach(c -> out.add(null));
            return out;
        }
        LocalCommandRunner runner = new LocalCommandRunner();
        for (String c : calendars) {
            out.add(usage(() -> SystemdCalendar.nextElapse(runner, c)).orElse(null));
        }
        return out;
    }

    /** The command line that writes these units again (their first comment). */
    private String regenerate(String config, List<String> calendars) {
        List<String> w = new ArrayList<>(List.of("rdump"));
        if (top.pluginPath != null) {
            w.addAll(List.of("--plugin-path", top.pluginPath));
        }
        w.addAll(List.of("--config", config, "systemd"));
        if (!name.equals(DEFAULT_NAME)) {
            w.addAll(List.of("--name", name));
        }
        if (!calendars.equals(List.of(DEFAULT_CALENDAR))) {
            calendars.forEach(c -> w.addAll(List.of("--on-calendar", c)));
        }
        if (!randomizedDelay.equals(DEFAULT_DELAY)) {
            w.addAll(List.of("--randomized-delay", randomizedDelay));
        }
        if (timeout != null) {
            w.addAll(List.of("--timeout", timeout));
        }
        if (withVerify) {
            w.add("--with-verify");
        }
        if (exec != null) {
            w.addAll(List.of("--exec", exec));
        }
        w.addAll(volumes);
        return String.join(" ", w.stream().map(Command::quote).toList());
    }

    private static Path under(Path base, String absolute) {
        return base.resolve(absolute.replaceFirst("^/+", ""));
    }

    private static Duration span(String option, String value) {
        if (value.equals("0")) {
            return Duration.ZERO;
        }
        try {
            return Durations.parse(value);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(option + ": " + e.getMessage(), e);
        }
    }

    /** Runs {@code f}, turning a bad value's IllegalArgumentException into a usage error (exit 2). */
    private <T> T usage(java.util.function.Supplier<T> f) {
        try {
            return f.get();
        } catch (IllegalArgumentException e) {
            throw new CommandLine.ParameterException(spec.commandLine(), String.valueOf(e.getMessage()));
        }
    }
}
