/** JMH benchmarks of the integrity engine. */
package org.rdump.benchmarks;
