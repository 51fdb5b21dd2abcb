package io.dynasplit.energy.ina;

/**
 * One reading of an INA monitor, converted to SI units.
 *
 * @param busVolts the bus (load supply) voltage
 * @param currentAmps the current through the shunt, negative when it flows backwards
 * @param powerWatts the power the chip computed (always {@code >= 0}: bus voltage times the
 *     current's magnitude)
 * @param overflow the chip's math overflow flag: current or power went beyond the calibrated range,
 *     so current and power are not valid
 */
public record InaReading(
    double busVolts, double currentAmps, double powerWatts, boolean overflow) {}
