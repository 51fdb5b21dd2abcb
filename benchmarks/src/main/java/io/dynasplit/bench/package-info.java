/** JMH benchmarks of DynaSplit's hot paths; figures go to docs/PERFORMANCE.md. */
package io.dynasplit.bench;
