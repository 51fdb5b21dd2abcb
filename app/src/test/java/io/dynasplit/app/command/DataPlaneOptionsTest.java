package io.dynasplit.app.command;

import static io.dynasplit.app.command.CliRun.run;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.dynasplit.cloud.EnergySettings;
import io.dynasplit.edge.hardware.HardwareOptions;
import io.dynasplit.energy.PowerModel;
import java.nio.file.Path;
import java.util.Set;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

/** The energy and USB accelerator options of {@code cloud}, {@code edge} and {@code up}. */
class DataPlaneOptionsTest {

  private static <T> CommandLine parsed(T command, String... args) {
    CommandLine cli = new CommandLine(command);
    cli.parseArgs(args);
    return cli;
  }

  /**
   * Verifies that the cloud worker's energy options reach its settings: model watts, powercap root,
   * nvidia-smi.
   */
  @Test
  void cloudEnergyOptionsReachTheWorker() {
    CloudCommand cmd = new CloudCommand();
    parsed(
        cmd,
        "--idle-watts",
        "80",
        "--watts-per-core",
        "4.5",
        "--powercap-root",
        "/tmp/fake-powercap");
    EnergySettings energy = cmd.energy.cloudEnergy(cmd.spec, cmd.accelerator);
    assertEquals(80.0, energy.model().idleWatts());
    assertEquals(4.5, energy.model().wattsPerBusyCore());
    assertEquals(Runtime.getRuntime().availableProcessors(), energy.model().cores());
    assertEquals(Path.of("/tmp/fake-powercap"), energy.powercapRoot());
    assertFalse(energy.nvidiaSmi(), "a cpu worker does not sample gpu power unless asked");
  }

  /**
   * Verifies that a gpu cloud worker samples nvidia-smi by itself, and that unset watts keep the
   * cloud defaults.
   */
  @Test
  void gpuWorkerSamplesNvidiaSmi() {
    CloudCommand cmd = new CloudCommand();
    parsed(cmd, "--accelerator", "gpu");
    EnergySettings energy = cmd.energy.cloudEnergy(cmd.spec, cmd.accelerator);
    assertTrue(energy.nvidiaSmi());
    PowerModel base = EnergySettings.UNCALIBRATED_MODEL;
    assertEquals(base.idleWatts(), energy.model().idleWatts());
    assertEquals(base.wattsPerBusyCore(), energy.model().wattsPerBusyCore());
  }

  /**
   * Verifies that a negative model figure on {@code cloud} is refused, naming it, before anything
   * starts.
   */
  @Test
  void cloudRefusesNegativeWatts() {
    CliRun r = run("cloud", "--idle-watts", "-3");
    assertEquals(2, r.exit(), r.out());
    assertTrue(r.err().contains("power model: idleWatts must be finite and >= 0: -3.0"), r.err());
  }

  /**
   * Verifies that {@code edge} hands the USB accelerator options to the edge's hardware options.
   */
  @Test
  void edgeGetsUsbAccelerator() {
    EdgeCommand cmd = new EdgeCommand();
    parsed(
        cmd,
        "--usb-on",
        "uhubctl -l 2 -a 1",
        "--usb-off",
        "uhubctl -l 2 -a 0",
        "--usb-modes",
        "max");
    HardwareOptions options = cmd.usb.edgeHardware(cmd.spec);
    assertTrue(options.usb().isPresent());
    assertEquals(Set.of("max"), options.usb().get().modes());
    assertEquals("uhubctl", options.usb().get().onCommand().getFirst());
  }

  /**
   * Verifies that {@code edge} with only one USB power command exits non-zero saying both are
   * needed.
   */
  @Test
  void edgeRefusesHalfAUsbSwitch() {
    CliRun r = run("edge", "--usb-on", "uhubctl -l 2 -a 1");
    assertEquals(2, r.exit(), r.out());
    assertTrue(r.err().contains("--usb-on and --usb-off go together"), r.err());
  }

  /**
   * Verifies that {@code up} offers the energy and USB options, and that its edge gets the USB
   * accelerator.
   */
  @Test
  void upOffersEnergyAndUsbOptions() {
    CliRun help = run("up", "--help");
    assertEquals(0, help.exit(), help.err());
    for (String option :
        new String[] {
          "--powercap-root",
          "--nvidia-smi",
          "--idle-watts",
          "--watts-per-core",
          "--usb-on",
          "--usb-off",
          "--usb-modes",
          "--usb-timeout"
        }) {
      assertTrue(help.out().contains(option), () -> option + " missing from: " + help.out());
    }
    UpCommand cmd = new UpCommand();
    parsed(cmd, "--usb-on", "on-cmd", "--usb-off", "off-cmd");
    assertTrue(cmd.usb.edgeHardware(cmd.spec).usb().isPresent());
  }
}
