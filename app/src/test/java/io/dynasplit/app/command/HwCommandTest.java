package io.dynasplit.app.command;

import static io.dynasplit.app.command.CliRun.run;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.dynasplit.testsupport.sysfs.FakeSysfs;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class HwCommandTest {

  @TempDir Path dir;

  /**
   * Verifies that a fake tree's policies, frequencies, governors and permissions are printed, and
   * RAPL found.
   */
  @Test
  void printsAFakeTree() {
    FakeSysfs sysfs =
        FakeSysfs.at(dir)
            .policy(0, List.of(600_000, 1_500_000), List.of("ondemand", "userspace"), 1_500_000)
            .raplZone(0, 10, 1_000_000);
    CliRun r =
        run(
            "hw",
            "--sysfs-root",
            sysfs.root().toString(),
            "--powercap-root",
            sysfs.powercapDir().toString());
    assertEquals(0, r.exit(), r.err());
    assertTrue(
        r.out().contains("policy0: cpus [0], driver fake-cpufreq, governor ondemand"), r.out());
    assertTrue(r.out().contains("frequencies: 600 1500 MHz"), r.out());
    assertTrue(
        r.out().contains("writable: yes, with the userspace governor and scaling_setspeed"),
        r.out());
    assertTrue(r.out().contains("energy source for replies: rapl"), r.out());
  }

  /**
   * Verifies that a machine without cpufreq, RAPL or sensors is reported as such, with modelled
   * energy.
   */
  @Test
  void saysWhatIsMissing() {
    CliRun r =
        run(
            "hw",
            "--sysfs-root",
            dir.toString(),
            "--powercap-root",
            dir.resolve("none").toString());
    assertEquals(0, r.exit(), r.err());
    assertTrue(r.out().contains("no cpufreq:"), r.out());
    assertTrue(r.out().contains("no rapl:"), r.out());
    assertTrue(r.out().contains("no power sensor configured"), r.out());
    assertTrue(r.out().contains("energy is modelled"), r.out());
    assertTrue(r.out().contains("energy source for replies: model"), r.out());
  }

  /**
   * Verifies that an INA sensor that cannot be opened is reported as configured but unusable, not
   * as missing.
   */
  @Test
  void unusableSensorIsNotCalledMissing() {
    // no machine has /dev/i2c-99: opening the sensor fails wherever this runs
    CliRun r =
        run(
            "hw",
            "--sysfs-root",
            dir.toString(),
            "--powercap-root",
            dir.resolve("none").toString(),
            "--ina",
            "ina260:99:0x40");
    assertEquals(0, r.exit(), r.err());
    assertTrue(r.out().contains("ina sensor ina260"), r.out());
    assertTrue(r.out().contains("is unusable: "), r.out());
    assertTrue(r.out().contains("power sensor configured, unusable; energy is modelled"), r.out());
    assertFalse(r.out().contains("no power sensor configured"), r.out());
    assertTrue(r.out().contains("energy source for replies: model"), r.out());
  }

  /**
   * Verifies that --usb-on and --usb-off configure the USB accelerator, whose modes become
   * edgeAccelerator values.
   */
  @Test
  void configuresUsbAccelerator() {
    CliRun r =
        run(
            "hw",
            "--sysfs-root",
            dir.toString(),
            "--powercap-root",
            dir.resolve("none").toString(),
            "--usb-on",
            "uhubctl -l 2 -a 1",
            "--usb-off",
            "uhubctl -l 2 -a 0",
            "--usb-modes",
            "std,max");
    assertEquals(0, r.exit(), r.err());
    assertTrue(
        r.out()
            .contains(
                "usb accelerator for edgeAccelerator [max, std]: powered on by 'uhubctl -l 2 -a 1',"
                    + " off by 'uhubctl -l 2 -a 0'"),
        r.out());
    assertTrue(r.out().matches("(?s).*edgeAccelerator values: \\[off, .*max, std\\].*"), r.out());
    assertFalse(r.out().contains("no usb accelerator configured"), r.out());
  }

  /**
   * Verifies that one USB command without the other, or an 'off' mode, exits non-zero naming the
   * problem.
   */
  @Test
  void badUsbOptionsFail() {
    CliRun half = run("hw", "--sysfs-root", dir.toString(), "--usb-on", "uhubctl -l 2 -a 1");
    assertEquals(2, half.exit());
    assertTrue(half.err().contains("--usb-on and --usb-off go together"), half.err());
    CliRun off =
        run(
            "hw",
            "--sysfs-root",
            dir.toString(),
            "--usb-on",
            "true",
            "--usb-off",
            "true",
            "--usb-modes",
            "off");
    assertEquals(2, off.exit());
    assertTrue(off.err().contains("modes must not contain 'off'"), off.err());
  }

  /**
   * Verifies that read-only cpufreq files are shown as not writable and the fixed frequency is
   * named.
   */
  @Test
  void showsFixedFrequency() {
    FakeSysfs sysfs =
        FakeSysfs.at(dir)
            .policy(0, List.of(600_000, 1_200_000), List.of("schedutil", "performance"), 1_200_000)
            .readOnly(0);
    CliRun r =
        run(
            "hw",
            "--sysfs-root",
            sysfs.root().toString(),
            "--powercap-root",
            dir.resolve("none").toString());
    assertTrue(r.out().contains("writable: no"), r.out());
    assertTrue(
        r.out().contains("fixed: cpufreq is not writable by this process (policy0"), r.out());
    assertTrue(r.out().contains("frequencies the scheduler may choose: [1200] MHz"), r.out());
  }

  /** Verifies that --sample prints mean watts and joules with the model source. */
  @Test
  void samplesEnergy() {
    CliRun r =
        run(
            "hw",
            "--sysfs-root",
            dir.toString(),
            "--powercap-root",
            dir.resolve("none").toString(),
            "--sample",
            "300ms",
            "--idle-watts",
            "2",
            "--watts-per-core",
            "1");
    assertEquals(0, r.exit(), r.err());
    assertTrue(
        r.out()
            .matches(
                "(?s).*sampled \\d+\\.\\d+ s: mean \\d+\\.\\d+ W, \\d+\\.\\d+ J \\(source model: an"
                    + " estimate.*"),
        r.out());
  }

  /**
   * Verifies that a bad sensor spec or duration exits non-zero with a message naming the problem.
   */
  @Test
  void badInputFails() {
    CliRun ina = run("hw", "--ina", "ina219:1:0x40");
    assertEquals(2, ina.exit());
    assertTrue(ina.err().contains("needs shuntOhms and maxAmps"), ina.err());
    CliRun sample = run("hw", "--sample", "soon");
    assertEquals(2, sample.exit());
    assertTrue(sample.err().contains("not a duration: 'soon'"), sample.err());
  }

  /** Verifies that calibration is refused, with the reason, where nothing measures power. */
  @Test
  void calibrationNeedsAMeasuringSource() {
    CliRun r =
        run(
            "hw",
            "--sysfs-root",
            dir.toString(),
            "--powercap-root",
            dir.resolve("none").toString(),
            "--calibrate",
            "1s");
    assertEquals(1, r.exit());
    assertTrue(
        r.err().contains("cannot calibrate: nothing measures power here (energy is model)"),
        r.err());
  }
}
