/**
 * The edge's hardware: CPU frequency (cpufreq sysfs), accelerators, power sensors and the energy of
 * each request, owned by the {@code HardwareVerticle}.
 *
 * <p>Subpackages hold the plain-Java parts: {@code cpufreq} (DVFS) and {@code accel} (ONNX Runtime
 * providers, USB accelerator power). The power sensors and energy meters live in the {@code
 * dynasplit-energy} module ({@code io.dynasplit.energy}), which the cloud worker shares.
 */
package io.dynasplit.edge.hardware;
