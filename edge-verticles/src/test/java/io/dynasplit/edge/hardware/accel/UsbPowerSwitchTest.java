package io.dynasplit.edge.hardware.accel;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

class UsbPowerSwitchTest {

  /** Verifies that a command is run only when the state changes. */
  @Test
  void runsOnlyOnChange() throws IOException {
    UsbPowerSwitch usb =
        new UsbPowerSwitch(
            new UsbPowerConfig(
                List.of("true"), List.of("true"), Set.of("std"), Duration.ofSeconds(5)));
    assertNull(usb.powered());
    assertTrue(usb.set(true));
    assertFalse(usb.set(true));
    assertTrue(usb.set(false));
    assertEquals(Boolean.FALSE, usb.powered());
  }

  /** Verifies that a command that hangs past its timeout fails and leaves the state unknown. */
  @Test
  void timeoutFails() {
    UsbPowerSwitch usb =
        new UsbPowerSwitch(
            new UsbPowerConfig(
                List.of("sleep", "10"), List.of("true"), Set.of("std"), Duration.ofMillis(200)));
    IOException e = assertThrows(IOException.class, () -> usb.set(true));
    assertTrue(e.getMessage().contains("did not finish within 200 ms"), e.getMessage());
    assertNull(usb.powered());
  }

  /**
   * Verifies that a command printing far more than a pipe holds finishes, its output read while it
   * runs.
   */
  @Test
  void chattyCommandFinishes() throws IOException {
    UsbPowerSwitch usb =
        new UsbPowerSwitch(
            new UsbPowerConfig(
                List.of("sh", "-c", "yes | head -c 2000000"),
                List.of("true"),
                Set.of("std"),
                Duration.ofSeconds(30)));
    assertTrue(usb.set(true));
    assertEquals(Boolean.TRUE, usb.powered());
  }

  /**
   * Verifies that a chatty command that fails reports its exit status and the head of its output
   * only.
   */
  @Test
  void chattyFailureKeepsTheHeadOfItsOutput() {
    UsbPowerSwitch usb =
        new UsbPowerSwitch(
            new UsbPowerConfig(
                List.of("sh", "-c", "echo no hub here; yes | head -c 2000000; exit 3"),
                List.of("true"),
                Set.of("std"),
                Duration.ofSeconds(30)));
    IOException e = assertThrows(IOException.class, () -> usb.set(true));
    assertTrue(e.getMessage().contains("exited with 3: no hub here"), e.getMessage());
    assertTrue(
        e.getMessage().length() < 4096, "output not cut: " + e.getMessage().length() + " chars");
    assertNull(usb.powered());
  }

  /** Verifies that a command that does not exist fails with a message naming it. */
  @Test
  void missingCommandFails() {
    UsbPowerSwitch usb =
        new UsbPowerSwitch(
            new UsbPowerConfig(
                List.of("no-such-uhubctl-here", "-a", "1"),
                List.of("true"),
                Set.of("std"),
                Duration.ofSeconds(5)));
    IOException e = assertThrows(IOException.class, () -> usb.set(true));
    assertTrue(e.getMessage().contains("cannot run 'no-such-uhubctl-here -a 1'"), e.getMessage());
  }

  /** Verifies that command lines split on white space and blank ones are refused. */
  @Test
  void splitsCommandLines() {
    assertEquals(
        List.of("uhubctl", "-l", "2", "-a", "0"), UsbPowerConfig.command("  uhubctl -l 2  -a 0 "));
    assertThrows(IllegalArgumentException.class, () -> UsbPowerConfig.command(" "));
  }
}
