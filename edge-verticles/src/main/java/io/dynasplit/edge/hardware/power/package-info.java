/**
 * Power and energy: the {@link io.dynasplit.edge.hardware.power.EnergyMeter} the data plane calls around each
 * request's edge window, and its sources (INA219/226/260 over I2C, Intel RAPL, {@code nvidia-smi}, a calibrated
 * CPU-time model).
 *
 * <p>Nothing here depends on Vert.x: samplers run on their own platform thread, meters are plain thread-safe
 * objects.
 */
package io.dynasplit.edge.hardware.power;
