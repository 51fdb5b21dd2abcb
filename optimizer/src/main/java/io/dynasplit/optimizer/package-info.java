/**
 * DynaSplit's offline phase: search a configuration space for the Pareto front of latency, energy
 * and (where it varies) fidelity.
 *
 * <p>A {@link io.dynasplit.optimizer.Search} ({@link io.dynasplit.optimizer.Nsga2Search}, {@link
 * io.dynasplit.optimizer.RandomSearch}, {@link io.dynasplit.optimizer.ExhaustiveSearch}) proposes
 * configurations to an {@link io.dynasplit.optimizer.EvaluationCache}, which measures each at most
 * once through a {@link io.dynasplit.optimizer.ConfigurationEvaluator} (a simulation pool, {@link
 * io.dynasplit.optimizer.PoolEvaluator}), spends the {@link io.dynasplit.optimizer.Budget} and
 * appends trials to a file; {@link io.dynasplit.optimizer.Optimizer} returns the front of every
 * measured trial. Fronts are compared by {@link io.dynasplit.optimizer.Hypervolume} on log-scaled
 * objectives and by {@link io.dynasplit.optimizer.FrontRegret} (what the front costs the online
 * scheduler over a workload); {@link io.dynasplit.optimizer.FrontPublisher} sends a front to an
 * edge.
 *
 * <p>Searches block; run them on a worker thread, never on an event loop.
 */
package io.dynasplit.optimizer;
