package io.dynasplit.edge.hardware;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.dynasplit.edge.hardware.accel.UsbPowerConfig;
import io.dynasplit.scheduler.SwitchCosts.ChangeKind;
import io.dynasplit.schemas.Configuration;
import io.dynasplit.schemas.EnergySource;
import io.dynasplit.testsupport.sysfs.FakeSysfs;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class HardwareTest {

  @TempDir Path dir;

  private HardwareOptions options(FakeSysfs sysfs) {
    return HardwareOptions.defaults()
        .withSysfsRoot(sysfs.root())
        .withPowercapRoot(sysfs.powercapDir());
  }

  /**
   * Verifies that a frequency change is applied once, costed, and that the same configuration is a
   * no-op.
   */
  @Test
  void appliesAndCostsFrequencyChanges() throws Exception {
    FakeSysfs sysfs =
        FakeSysfs.at(dir)
            .policy(0, List.of(600_000, 1_500_000), List.of("ondemand", "userspace"), 1_500_000);
    try (Hardware hw = Hardware.open(options(sysfs))) {
      assertEquals(List.of(600, 1500), hw.cpuFrequenciesMHz());
      assertEquals(EnergySource.MODEL, hw.energyMeter().source());
      Configuration slow = Configuration.atSplit(3).withCpuFreqMHz(600);

      AppliedConfiguration first = hw.apply(slow);
      assertTrue(first.cpuFrequencyChanged());
      assertEquals("600000", sysfs.read(0, "scaling_setspeed"));
      assertEquals(1, hw.switchCosts().cost(ChangeKind.CPU_FREQUENCY).count());

      AppliedConfiguration again = hw.apply(slow.withSplit(5));
      assertFalse(again.changed());
      assertEquals(1, hw.switchCosts().noChange().count());
      assertEquals(hw.switchCosts().noChange().p50Ms(), hw.switchCostMs(slow), 1e-12);
      assertEquals(
          hw.switchCosts().cost(ChangeKind.CPU_FREQUENCY).p95Ms(),
          hw.switchCostMs(slow.withCpuFreqMHz(1500)),
          1e-12);
      assertEquals(600, hw.state(0).cpuFreqMHz());
    }
  }

  /**
   * Verifies that an accelerator this edge lacks is refused as unsupported, naming what is
   * available.
   */
  @Test
  void refusesUnknownAccelerator() {
    try (Hardware hw = Hardware.open(options(FakeSysfs.at(dir)))) {
      HardwareException e =
          assertThrows(
              HardwareException.class,
              () -> hw.apply(Configuration.atSplit(1).withEdgeAccelerator("tpu-9000")));
      assertEquals(HardwareException.Part.UNSUPPORTED, e.part());
      assertTrue(e.getMessage().contains("available: [off"), e.getMessage());
      assertTrue(
          hw.notes().stream().anyMatch(n -> n.startsWith("no cpufreq")), hw.notes().toString());
    }
  }

  /**
   * Verifies that the USB accelerator is powered by its command for its modes only, once per
   * change.
   */
  @Test
  void switchesUsbPowerByCommand() throws Exception {
    Path log = dir.resolve("usb.log");
    UsbPowerConfig usb =
        new UsbPowerConfig(
            List.of("sh", "-c", "echo on >> " + log), List.of("sh", "-c", "echo off >> " + log),
            Set.of("std", "max"), Duration.ofSeconds(10));
    try (Hardware hw = Hardware.open(options(FakeSysfs.at(dir.resolve("sys"))).withUsb(usb))) {
      assertTrue(
          hw.edgeAccelerators().containsAll(List.of("off", "max", "std")),
          hw.edgeAccelerators().toString());
      assertTrue(
          hw.apply(Configuration.atSplit(2).withEdgeAccelerator("std")).acceleratorPowerChanged());
      assertFalse(
          hw.apply(Configuration.atSplit(2).withEdgeAccelerator("max")).acceleratorPowerChanged());
      assertTrue(hw.apply(Configuration.atSplit(2)).acceleratorPowerChanged());
      assertEquals(List.of("on", "off"), Files.readAllLines(log));
      assertEquals("off", hw.state(0).usbPower());
      assertEquals(2, hw.switchCosts().cost(ChangeKind.EDGE_ACCELERATOR).count());
    }
  }

  /** Verifies that a failing power command fails the apply with its exit status and output. */
  @Test
  void failingUsbCommandIsReported() {
    UsbPowerConfig usb =
        new UsbPowerConfig(
            List.of("sh", "-c", "echo no hub here; exit 3"),
            List.of("true"),
            Set.of("std"),
            Duration.ofSeconds(10));
    try (Hardware hw = Hardware.open(options(FakeSysfs.at(dir)).withUsb(usb))) {
      HardwareException e =
          assertThrows(
              HardwareException.class,
              () -> hw.apply(Configuration.atSplit(2).withEdgeAccelerator("std")));
      assertEquals(HardwareException.Part.ACCELERATOR_POWER, e.part());
      assertTrue(e.getMessage().contains("exited with 3: no hub here"), e.getMessage());
      assertEquals("unknown", hw.state(0).usbPower());
    }
  }
}
