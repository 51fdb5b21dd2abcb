package io.dynasplit.energy.ina;

import com.pi4j.Pi4J;
import com.pi4j.context.Context;
import com.pi4j.io.i2c.I2C;
import com.pi4j.plugin.mock.provider.i2c.MockI2C;
import com.pi4j.plugin.mock.provider.i2c.MockI2CProvider;

/**
 * A Pi4J context on the mock I2C provider. Each register of a {@link MockI2C} is a byte queue: a
 * test queues the bytes the chip would answer and pops the bytes the driver wrote.
 */
final class MockBus implements AutoCloseable {

  final Context pi4j = Pi4J.newContextBuilder().add(MockI2CProvider.newInstance()).build();

  /** The mock device at bus 1, {@code address}. */
  MockI2C device(int address) {
    return (MockI2C)
        pi4j.create(I2C.newConfigBuilder(pi4j).id("ina-" + address).bus(1).device(address).build());
  }

  /** Queues a 16-bit register value, most significant byte first, as the chip sends it. */
  static void answer(MockI2C chip, int register, int value) {
    chip.writeRegister(register, new byte[] {(byte) (value >>> 8), (byte) value}, 0, 2);
  }

  /** Pops the 16-bit value the driver wrote to a register; -1 if it wrote none. */
  static int written(MockI2C chip, int register) {
    byte[] b = new byte[2];
    int n = chip.readRegister(register, b, 0, 2);
    return n == 2 ? ((b[0] & 0xFF) << 8) | (b[1] & 0xFF) : -1;
  }

  @Override
  public void close() {
    pi4j.shutdown();
  }
}
