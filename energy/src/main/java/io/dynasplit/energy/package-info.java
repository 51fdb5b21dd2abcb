/**
 * Power and energy, shared by the edge and the cloud worker: the {@link
 * io.dynasplit.energy.EnergyMeter} a data plane opens around each request's window, and its sources
 * (INA219/226/260 over I2C, Intel RAPL, {@code nvidia-smi}, a calibrated CPU-time model), chosen by
 * {@link io.dynasplit.energy.EnergyMeters}.
 *
 * <p>Nothing here depends on Vert.x: samplers run on their own platform thread, meters are plain
 * thread-safe objects. Figures carry their source as the wire contract's {@link
 * io.dynasplit.schemas.EnergySource}.
 */
package io.dynasplit.energy;
