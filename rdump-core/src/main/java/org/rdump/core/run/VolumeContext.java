package org.rdump.core.run;

import org.rdump.api.RunContext;
import org.rdump.api.RunListener;
import org.rdump.api.support.ForwardingRunContext;

/**
 * A run context whose listener names {@code volume} in every progress, warning and report event,
 * for the steps that hand a tree to a library that knows only the tree (an
 * {@link org.rdump.api.IntegrityStore} names the path it scans): in every event, {@code volume}
 * is the volume's name.
 */
public final class VolumeContext {
    private VolumeContext() {
    }

    /** {@code context}, its events naming {@code volume}. */
    public static RunContext of(RunContext context, String volume) {
        return ForwardingRunContext.withListener(context, RunListener.naming(volume, context.listener()));
    }
}
