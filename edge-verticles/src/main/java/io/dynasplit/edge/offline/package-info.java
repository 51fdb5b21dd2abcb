/**
 * DynaSplit's offline phase: search a configuration space for the Pareto front of latency, energy
 * and (where it varies) fidelity.
 *
 * <p>A {@link io.dynasplit.edge.offline.Search} ({@link io.dynasplit.edge.offline.Nsga2Search},
 * {@link io.dynasplit.edge.offline.RandomSearch}, {@link
 * io.dynasplit.edge.offline.ExhaustiveSearch}) proposes configurations to an {@link
 * io.dynasplit.edge.offline.EvaluationCache}, which measures each at most once through a {@link
 * io.dynasplit.edge.offline.ConfigurationEvaluator} (a simulation pool, {@link
 * io.dynasplit.edge.offline.PoolEvaluator}), spends the {@link io.dynasplit.edge.offline.Budget}
 * and appends trials to a file; {@link io.dynasplit.edge.offline.Optimizer} returns the front of
 * every measured trial. Fronts are compared by {@link io.dynasplit.edge.offline.Hypervolume} on
 * log-scaled objectives and by {@link io.dynasplit.edge.offline.FrontRegret} (what the front costs
 * the online scheduler over a workload); {@link io.dynasplit.edge.offline.FrontPublisher} sends a
 * front to an edge.
 *
 * <p>Searches block; run them on a worker thread, never on an event loop.
 */
package io.dynasplit.edge.offline;
