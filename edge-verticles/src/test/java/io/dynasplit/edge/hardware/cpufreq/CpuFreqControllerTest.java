package io.dynasplit.edge.hardware.cpufreq;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.dynasplit.testsupport.sysfs.FakeSysfs;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CpuFreqControllerTest {

  private static final List<Integer> PI4_KHZ =
      List.of(
          600_000, 700_000, 800_000, 900_000, 1_000_000, 1_100_000, 1_200_000, 1_300_000, 1_400_000,
          1_500_000);
  private static final List<String> WITH_USERSPACE =
      List.of("ondemand", "conservative", "userspace", "powersave", "performance", "schedutil");
  private static final List<String> WITHOUT_USERSPACE =
      List.of("schedutil", "performance", "powersave");

  @TempDir Path dir;

  private CpuFreqController controller(FakeSysfs sysfs) {
    return CpuFreqController.open(CpuFreq.discover(sysfs.root())).orElseThrow();
  }

  /** Verifies that discovery reads every policy's frequencies, governors, state and permissions. */
  @Test
  void discoversPolicies() {
    FakeSysfs sysfs =
        FakeSysfs.at(dir)
            .policy(0, PI4_KHZ, WITH_USERSPACE, 1_500_000)
            .policy(4, List.of(500_000, 1_000_000), WITHOUT_USERSPACE, 1_000_000);
    CpuFreq.Discovery found = CpuFreq.discover(sysfs.root());
    assertTrue(found.problems().isEmpty(), found.problems().toString());
    assertEquals(
        List.of("policy0", "policy4"), found.policies().stream().map(CpuPolicy::name).toList());
    CpuPolicy p0 = found.policies().getFirst();
    assertEquals(PI4_KHZ, p0.availableKHz());
    assertEquals("ondemand", p0.governor());
    assertTrue(p0.hasUserspace());
    assertEquals(1_500_000, p0.curKHz());
    assertEquals(List.of(0), p0.cpus());
    assertTrue(p0.writable());
    assertFalse(found.policies().get(1).hasUserspace());
    assertEquals(
        List.of(600, 700, 800, 900, 1000, 1100, 1200, 1300, 1400, 1500),
        controller(sysfs).frequenciesMHz());
  }

  /**
   * Verifies that a frequency is set with the userspace governor and confirmed by scaling_cur_freq.
   */
  @Test
  void appliesWithUserspaceGovernor() throws Exception {
    FakeSysfs sysfs = FakeSysfs.at(dir).policy(0, PI4_KHZ, WITH_USERSPACE, 1_500_000);
    CpuFreqController cpu = controller(sysfs);
    CpuFreqController.Change change = cpu.apply(1200);
    assertEquals(CpuFreqController.Method.USERSPACE, change.method());
    assertEquals("userspace", sysfs.read(0, "scaling_governor"));
    assertEquals("1200000", sysfs.read(0, "scaling_setspeed"));
    assertEquals(1200, cpu.readCurrentMHz());
  }

  /** Verifies that asking for the frequency already applied writes nothing at all. */
  @Test
  void sameFrequencyWritesNothing() throws Exception {
    FakeSysfs sysfs = FakeSysfs.at(dir).policy(0, PI4_KHZ, WITH_USERSPACE, 1_500_000);
    CpuFreqController cpu = controller(sysfs);
    cpu.apply(800);
    // any write now would fail: the files it would write are gone
    Files.delete(sysfs.policyDir(0).resolve("scaling_governor"));
    Files.delete(sysfs.policyDir(0).resolve("scaling_setspeed"));
    CpuFreqController.Change again = cpu.apply(800);
    assertFalse(again.changed());
    assertEquals(CpuFreqController.Method.NONE, again.method());
  }

  /**
   * Verifies that a tree already in userspace at the asked frequency needs no write from the start.
   */
  @Test
  void startsFromTheKernelsState() throws Exception {
    FakeSysfs sysfs =
        FakeSysfs.at(dir).policy(0, PI4_KHZ, List.of("userspace", "ondemand"), 900_000);
    CpuFreqController cpu = controller(sysfs);
    assertFalse(cpu.apply(900).changed());
    assertTrue(cpu.apply(1000).changed());
  }

  /**
   * Verifies that without the userspace governor the frequency is pinned with min and max, up and
   * down.
   */
  @Test
  void fallsBackToMinMaxPinning() throws Exception {
    FakeSysfs sysfs = FakeSysfs.at(dir).policy(0, PI4_KHZ, WITHOUT_USERSPACE, 1_000_000);
    CpuFreqController cpu = controller(sysfs);

    CpuFreqController.Change up = cpu.apply(1400);
    assertEquals(CpuFreqController.Method.MIN_MAX_PIN, up.method());
    assertEquals("1400000", sysfs.read(0, "scaling_min_freq"));
    assertEquals("1400000", sysfs.read(0, "scaling_max_freq"));
    assertEquals("schedutil", sysfs.read(0, "scaling_governor"));

    cpu.apply(700);
    assertEquals("700000", sysfs.read(0, "scaling_min_freq"));
    assertEquals("700000", sysfs.read(0, "scaling_max_freq"));
    assertEquals(700, cpu.readCurrentMHz());
  }

  /**
   * Verifies that a scaling_cur_freq that disagrees after the write is an error, and the next call
   * writes again.
   */
  @Test
  void readBackMismatchIsAnError() throws Exception {
    FakeSysfs sysfs =
        FakeSysfs.at(dir).policy(0, PI4_KHZ, WITH_USERSPACE, 1_500_000).staleCurFreq(0, 600_000);
    CpuFreqController cpu = controller(sysfs);
    CpuFreqException e = assertThrows(CpuFreqException.class, () -> cpu.apply(1300));
    assertEquals(CpuFreqException.Reason.READ_BACK_MISMATCH, e.reason());
    assertTrue(
        e.getMessage()
            .contains("policy0 was set to 1300000 kHz but scaling_cur_freq reads 600000 kHz"),
        e.getMessage());
    CpuFreqException again = assertThrows(CpuFreqException.class, () -> cpu.apply(1300));
    assertEquals(CpuFreqException.Reason.READ_BACK_MISMATCH, again.reason());
  }

  /**
   * Verifies that read-only files fix the frequency at the current one, with one reason naming the
   * frequency.
   */
  @Test
  void readOnlyFilesFixTheFrequency() throws Exception {
    FakeSysfs sysfs = FakeSysfs.at(dir).policy(0, PI4_KHZ, WITH_USERSPACE, 1_500_000).readOnly(0);
    CpuFreqController cpu = controller(sysfs);
    assertTrue(cpu.isFixed());
    assertEquals(1500, cpu.fixedMHz().orElseThrow());
    assertEquals(List.of(1500), cpu.frequenciesMHz());
    String reason = cpu.fixedReason().orElseThrow();
    assertTrue(reason.contains("not writable") && reason.contains("1500 MHz"), reason);

    assertFalse(cpu.apply(1500).changed());
    CpuFreqException e = assertThrows(CpuFreqException.class, () -> cpu.apply(600));
    assertEquals(CpuFreqException.Reason.FIXED, e.reason());
    assertEquals("ondemand", sysfs.read(0, "scaling_governor"));
  }

  /** Verifies that a frequency the policy does not offer is refused with the offered list. */
  @Test
  void refusesUnofferedFrequency() {
    CpuFreqController cpu =
        controller(FakeSysfs.at(dir).policy(0, PI4_KHZ, WITH_USERSPACE, 1_500_000));
    CpuFreqException e = assertThrows(CpuFreqException.class, () -> cpu.apply(1550));
    assertEquals(CpuFreqException.Reason.UNSUPPORTED_FREQUENCY, e.reason());
    assertTrue(e.getMessage().contains("offered: [600, 700"), e.getMessage());
  }

  /** Verifies that a second cluster gets its highest frequency not above the one asked for. */
  @Test
  void secondClusterGetsHighestNotAbove() throws Exception {
    FakeSysfs sysfs =
        FakeSysfs.at(dir)
            .policy(0, List.of(500_000, 1_000_000, 2_000_000), WITH_USERSPACE, 500_000)
            .policy(2, List.of(400_000, 900_000, 1_400_000), WITH_USERSPACE, 400_000);
    CpuFreqController cpu = controller(sysfs);
    cpu.apply(2000);
    assertEquals("2000000", sysfs.read(0, "scaling_setspeed"));
    assertEquals("1400000", sysfs.read(2, "scaling_setspeed"));
    cpu.apply(1000);
    assertEquals("900000", sysfs.read(2, "scaling_setspeed"));
  }

  /** Verifies that a machine without cpufreq gives no controller and a line saying so. */
  @Test
  void noCpufreqIsReported() {
    CpuFreq.Discovery found = CpuFreq.discover(dir);
    assertTrue(CpuFreqController.open(found).isEmpty());
    assertTrue(found.problems().getFirst().startsWith("no cpufreq:"), found.problems().toString());
  }
}
