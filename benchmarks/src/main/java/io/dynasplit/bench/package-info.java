/** JMH benchmarks of DynaSplit's hot paths; figures go into docs/PERFORMANCE.md. */
package io.dynasplit.bench;
