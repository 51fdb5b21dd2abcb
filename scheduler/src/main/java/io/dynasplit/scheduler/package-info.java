/**
 * Online scheduling logic (ARCHITECTURE 6): policies that pick a configuration of a model's Pareto
 * front for each request, the live estimates of channel, cloud and edge state they use, the costs
 * of switching hardware, and the configuration space with its validity rules ({@link
 * io.dynasplit.scheduler.ConfigurationSpace}, {@link io.dynasplit.scheduler.HardwareSpace}).
 *
 * <p>Plain Java with no Vert.x and no Jenetics in it: the data plane's scheduler verticle wraps a
 * {@link io.dynasplit.scheduler.Scheduler} and feeds it observations; the simulator drives the same
 * class. Entry point: {@link io.dynasplit.scheduler.Scheduler#decide}.
 */
package io.dynasplit.scheduler;
