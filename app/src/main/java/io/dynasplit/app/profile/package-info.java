/**
 * The live profiler: measures split configurations on this machine through the real data plane (an
 * in-process broker, cloud worker and edge node), and the setup that data plane shares with the
 * {@code edge}, {@code cloud} and {@code up} commands.
 */
package io.dynasplit.app.profile;
