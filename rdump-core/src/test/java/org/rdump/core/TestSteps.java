package org.rdump.core;

import org.rdump.api.Phase;
import org.rdump.api.RunContext;
import org.rdump.api.Step;
import org.rdump.api.command.Command;

/** Steps for tests. */
public final class TestSteps {
    private TestSteps() {
    }

    /** Runs one command to perform and one to clean up. */
    public record CommandStep(Phase phase, String volume, String describe, Command perform, Command cleanup)
            implements Step {
        @Override
        public void perform(RunContext context) {
            context.runner().run(perform);
        }

        @Override
        public void cleanup(RunContext context) {
            context.runner().run(cleanup);
        }
    }
}
