package org.rdump.borg;

import org.rdump.testkit.RequiredTools;

/** Skips (or under CI fails) a test that needs the real borg. */
final class RequiredToolsGuard {
    private RequiredToolsGuard() {
    }

    static void borg() {
        RequiredTools.need("borg", "borg");
    }
}
