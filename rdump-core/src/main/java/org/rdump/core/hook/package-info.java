/**
 * Hooks and dumps (experimental): the {@code hooks:} commands of the run and of each volume
 * ({@code before_backup} in {@link org.rdump.api.Phase#PREPARE}, {@code after_backup} and
 * {@code on_error} in {@link org.rdump.api.Phase#FINISH}, with the outcome in their environment),
 * and each volume's {@code dump:} commands, whose standard output is written into the volume's
 * live tree before its snapshot is taken and its manifest updated, so that every backup holds the
 * dump and the manifest proves it. Every command is an argument vector run through the run's
 * {@link org.rdump.api.command.CommandRunner} (so a dry run shows it and the journal tracks its
 * process); none runs a shell unless the configuration itself says {@code [sh, -c, ...]}.
 */
@NullMarked
package org.rdump.core.hook;

import org.jspecify.annotations.NullMarked;
