/**
 * The configuration: {@code rdump.yaml} read with Jackson's YAML parser into a tree that keeps
 * every value's line and column, then checked against the schemas of the plugins it names.
 * Validation collects every problem before failing, so a user fixes them all in one go, and
 * nothing runs while a configuration is invalid. The layout is the original rdump's
 * ({@code config: {borg: SCRIPT}}, {@code simple:}, {@code lvm:}, {@code zfs:} replication jobs)
 * plus named tool instances under {@code tools:}. Status: experimental.
 */
@NullMarked
package org.rdump.core.config;

import org.jspecify.annotations.NullMarked;
