/**
 * Plugin discovery: every provider of the four SPIs found with {@link java.util.ServiceLoader},
 * by id. A broken provider is reported and skipped (as SLF4J does); two providers with one id
 * are an error naming both classes and jars; an unknown id lists the known ones. There is never
 * a fallback provider. Status: experimental.
 */
@NullMarked
package org.rdump.core.plugin;

import org.jspecify.annotations.NullMarked;
