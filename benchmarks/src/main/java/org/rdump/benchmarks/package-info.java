/**
 * JMH benchmarks of the integrity engine (hashing, weave read and write, name codec, scanner) and
 * {@link org.rdump.benchmarks.SureScanMain}, which {@code compare-peers.sh} times when the command
 * line lacks {@code rdump sure}.
 * Run: {@code java -jar benchmarks/target/benchmarks.jar} (see {@code benchmarks/RESULTS.md}). Every
 * fork runs with {@code --add-opens java.base/sun.nio.fs=ALL-UNNAMED}, as {@code rdump.jar}'s
 * manifest grants it, so that the scanner takes the same fast paths as the command. These classes
 * are not tests: surefire never runs them. {@link org.rdump.benchmarks.EngineProfile} splits a
 * real tree's scan and update into phases, warm and first-run.
 */
@NullMarked
package org.rdump.benchmarks;

import org.jspecify.annotations.NullMarked;
