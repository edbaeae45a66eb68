/**
 * JMH benchmarks of the integrity engine (hashing, weave read and write, name codec, scanner) and
 * {@link org.rdump.benchmarks.SureScanMain}, a small main that {@code compare-peers.sh} times.
 * Run: {@code java -jar benchmarks/target/benchmarks.jar} (see {@code benchmarks/RESULTS.md}). These
 * classes are not tests: surefire never runs them.
 */
@NullMarked
package org.rdump.benchmarks;

import org.jspecify.annotations.NullMarked;
