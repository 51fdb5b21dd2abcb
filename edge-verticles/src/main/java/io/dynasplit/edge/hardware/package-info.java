/**
 * The edge's hardware: CPU frequency (cpufreq sysfs), accelerators, power sensors and the energy of each request,
 * owned by the {@code HardwareVerticle}.
 *
 * <p>Subpackages hold the plain-Java parts: {@code power} (energy meters and sensors), {@code power.ina} (INA
 * drivers over Pi4J I2C), {@code cpufreq} (DVFS) and {@code accel} (ONNX Runtime providers, USB accelerator
 * power).
 */
package io.dynasplit.edge.hardware;
