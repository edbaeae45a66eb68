package org.rdump.core.hook;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.rdump.api.SettingsSchema;
import org.rdump.api.SettingsSchema.Key;
import org.rdump.api.Step;

/**
 * Turns {@code hooks:} and {@code dump:} settings into steps, for the planner: one step per
 * command, so that a dry run and {@code --json} show each argument vector and the run records each
 * outcome. Stateless.
 */
public final class Hooks {
    /** The {@code hooks:} key of a volume or a replication job. */
    public static final Key HOOKS_KEY = Key.object(HookSettings.KEY, false, "Commands run before and after this"
            + " volume's backup (see \"Hooks and dumps\").", HookSettings.SCHEMA);
    /** The {@code dump:} key of a volume with a live tree. */
    public static final Key DUMP_KEY = Key.objectList(DumpSpec.KEY, "Commands whose standard output is written"
            + " into the live tree before the snapshot, so that the manifest and every backup hold it (see \"Hooks"
            + " and dumps\").", DumpSpec.SCHEMA);

    private Hooks() {
    }

    /**
     * {@code schema} with {@code hooks:} and, when {@code dumps}, {@code dump:} added (unless the
     * plugin declares keys of those names itself).
     */
    public static SettingsSchema withKeys(SettingsSchema schema, boolean dumps) {
        List<Key> keys = new ArrayList<>(schema.keys());
        if (schema.key(HOOKS_KEY.name()).isEmpty()) {
            keys.add(HOOKS_KEY);
        }
        if (dumps && schema.key(DUMP_KEY.name()).isEmpty()) {
            keys.add(DUMP_KEY);
        }
        return new SettingsSchema(keys);
    }

    /**
     * The {@code before_backup} steps of {@code volume} (or {@link org.rdump.core.run.StepRunner#RUN}).
     *
     * @param volumes the run's selected volumes (for {@code RDUMP_VOLUMES})
     */
    public static List<Step> before(String volume, HookSettings hooks, Path configFile, List<String> volumes) {
        return hooks.beforeBackup().stream().<Step>map(argv -> new BeforeHookStep(
                new HookCommand(volume, "before_backup", argv, hooks, configFile, volumes))).toList();
    }

    /** The {@code after_backup} then {@code on_error} steps of {@code volume} (or the run). */
    public static List<Step> finish(String volume, HookSettings hooks, Path configFile, List<String> volumes) {
        List<Step> out = new ArrayList<>();
        hooks.afterBackup().forEach(argv -> out.add(new FinishHookStep(
                new HookCommand(volume, "after_backup", argv, hooks, configFile, volumes))));
        hooks.onError().forEach(argv -> out.add(new FinishHookStep(
                new HookCommand(volume, "on_error", argv, hooks, configFile, volumes))));
        return out;
    }

    /** One step per dump, writing into {@code liveTree}. */
    public static List<Step> dumps(String volume, List<DumpSpec> dumps, Path liveTree, Path configFile) {
        return dumps.stream().<Step>map(d -> new DumpStep(volume, d, liveTree, configFile)).toList();
    }
}
