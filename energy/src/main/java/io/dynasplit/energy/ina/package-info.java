/**
 * Drivers for TI INA219, INA226 and INA260 current/power monitors over Pi4J I2C (the linuxfs
 * provider on a board, the mock platform in tests), with configuration, calibration and register
 * conversion as each datasheet defines them.
 *
 * <p>All registers are 16 bits, sent most significant byte first. Reads block on the bus: call them
 * from a sampler thread, never from an event loop.
 */
package io.dynasplit.energy.ina;
