package org.rdump.core.run;

import java.util.Optional;

/**
 * Asks, before recovery undoes an open {@link org.rdump.api.Undo} record, whether the resource it
 * names is free: a record left by a killed run may name a clone, snapshot or mount that another
 * live run (of another configuration) now uses. {@link RunLocks} answers by taking that
 * resource's machine-wide lock for the rest of the run.
 */
@FunctionalInterface
public interface ResourceClaims {
    /** Claims nothing and allows everything: for a journal used without locks (tests, tools). */
    ResourceClaims NONE = resource -> Optional.empty();

    /**
     * Claims {@code resource} ({@code kind:identity}) for this run.
     *
     * @return empty when this run now holds it (or already did); else why it may not be touched,
     *     naming the live run that holds it
     */
    Optional<String> claim(String resource);
}
