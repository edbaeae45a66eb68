/**
 * External programs as data: a {@link org.rdump.api.command.Command} is an argument vector with
 * its environment, never a shell string; a {@link org.rdump.api.command.CommandRunner} runs it
 * locally, through sudo or ssh, or records it for a dry run. Status: stable since 0.1.
 */
@NullMarked
package org.rdump.api.command;

import org.jspecify.annotations.NullMarked;
