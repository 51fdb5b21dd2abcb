/**
 * Online scheduling logic (ARCHITECTURE 6): policies that pick a configuration of a model's Pareto
 * front for each request, and the live estimates of channel, cloud and edge state they use.
 *
 * <p>Plain Java with no Vert.x in it: the data plane's scheduler verticle wraps a {@link
 * io.dynasplit.edge.scheduler.Scheduler} and feeds it observations; the simulator drives the same
 * class. Entry point: {@link io.dynasplit.edge.scheduler.Scheduler#decide}.
 */
package io.dynasplit.edge.scheduler;
