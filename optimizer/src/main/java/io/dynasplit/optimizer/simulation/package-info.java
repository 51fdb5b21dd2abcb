/**
 * Replays a workload of SLAs against a pool of measured configurations, as the DynaSplit paper's
 * simulator did, under optional network and cloud-load scenarios, for any set of scheduling
 * strategies (the {@link io.dynasplit.scheduler.Policy policies} plus an oracle that knows the
 * scenario). Entry point: {@link io.dynasplit.optimizer.simulation.Simulator}.
 */
package io.dynasplit.optimizer.simulation;
