package org.rdump.cli;

import picocli.CommandLine;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Model.OptionSpec;

/**
 * rdump's verbose flag after the command word too ({@code rdump backup -v}, {@code rdump zfs
 * prune -vv}), as {@code --json} is. Not picocli's {@code ScopeType.INHERIT}: under {@code sure},
 * {@code -v N} is rsure's version number, and an inherited {@code -v} would clash with it. So
 * each command at every depth gets a copy of {@code -v}/{@code --verbose} with its own value,
 * except that a command that has a {@code -v} of its own, and every command under it, gets only
 * {@code --verbose}. The verbosity is the sum of every copy ({@code rdump -v backup -v} is
 * {@code -vv}).
 *
 * <p>A picocli model transformer, so the man pages and the completion, which picocli-codegen
 * builds from the class, offer the same options as the command line.
 */
final class VerboseOptions implements CommandLine.IModelTransformer {

    /** picocli instantiates it for {@code @Command(modelTransformer)}. */
    VerboseOptions() {
    }

    @Override
    public CommandSpec transform(CommandSpec top) {
        if (top.userObject() instanceof RdumpCommand rdump) {
            addTo(top, rdump, true);
        }
        return top;
    }

    private static void addTo(CommandSpec parent, RdumpCommand rdump, boolean shortNameFree) {
        for (CommandLine sub : parent.subcommands().values()) {
            CommandSpec spec = sub.getCommandSpec();
            if (spec.helpCommand() || spec.optionsMap().containsKey("--verbose")) {
                continue;
            }
            boolean free = shortNameFree && !spec.optionsMap().containsKey("-v");
            boolean[][] value = {new boolean[0]};
            rdump.verboseAfterCommands.add(() -> value[0].length);
            spec.addOption(OptionSpec.builder(free ? new String[] {"-v", "--verbose"} : new String[] {"--verbose"})
                    .type(boolean[].class)
                    .arity("0")
                    .initialValue(new boolean[0])
                    .description(free ? "More detail in the log (-v info, -vv debug and stack traces); before or"
                            + " after the command word."
                            : "More detail in the log (once info, twice debug and stack traces); -v here is rsure's"
                            + " version number, so rdump's verbose flag is --verbose, or -v before 'sure'.")
                    .getter(new CommandLine.Model.IGetter() {
                        @Override
                        @SuppressWarnings("unchecked")
                        public <T> T get() {
                            return (T) value[0];
                        }
                    })
                    .setter(new CommandLine.Model.ISetter() {
                        @Override
                        @SuppressWarnings("unchecked")
                        public <T> T set(T v) {
                            T old = (T) value[0];
                            value[0] = (boolean[]) v;
                            return old;
                        }
                    })
                    .build());
            addTo(spec, rdump, free);
        }
    }
}
