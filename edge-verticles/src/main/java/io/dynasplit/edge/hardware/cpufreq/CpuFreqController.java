package io.dynasplit.edge.hardware.cpufreq;

import java.io.IOException;
import java.nio.file.AccessDeniedException;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.concurrent.locks.LockSupport;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Applies CPU frequencies to the cpufreq policies found by {@link CpuFreq#discover}.
 *
 * <p>A frequency is set with the {@code userspace} governor and {@code scaling_setspeed} where the
 * policy offers that governor, else by pinning {@code scaling_min_freq} and {@code
 * scaling_max_freq} to it (in the order the kernel accepts), and is confirmed by reading {@code
 * scaling_cur_freq} back (within 1 %, a few times over a few milliseconds for drivers that switch
 * asynchronously). The state applied last is remembered, so asking again for the same frequency
 * writes nothing and costs no I/O.
 *
 * <p>The knob's values are the frequencies of the first policy, in MHz. Further policies (other
 * clusters) get their highest frequency not above the one asked for (their lowest if all are
 * above).
 *
 * <p>Without permission to write (not root, a read-only sysfs) the controller is <em>fixed</em>: it
 * says so once in the log, {@link #frequenciesMHz()} offers only the current frequency, and {@link
 * #apply} accepts only that one.
 *
 * @implNote thread-safe; {@link #apply} blocks on sysfs writes (call it from a worker thread) and
 *     is serialized
 */
public final class CpuFreqController {

  private static final Logger LOG = LoggerFactory.getLogger(CpuFreqController.class);
  private static final int READ_BACK_TRIES = 5;
  private static final long READ_BACK_PAUSE_NANOS = 1_000_000L;

  /** How a change was made. */
  public enum Method {
    /** Nothing was written: the state was already right, or the frequency is not managed. */
    NONE,
    /** The {@code userspace} governor and {@code scaling_setspeed}. */
    USERSPACE,
    /** {@code scaling_min_freq} and {@code scaling_max_freq} pinned to the frequency. */
    MIN_MAX_PIN
  }

  /**
   * The outcome of one {@link #apply}.
   *
   * @param mhz the frequency asked for
   * @param method how it was applied ({@link Method#NONE} when nothing was written)
   * @param nanos how long the call took, writes and read-back included
   */
  public record Change(int mhz, Method method, long nanos) {
    /** Whether anything was written. */
    public boolean changed() {
      return method != Method.NONE;
    }
  }

  private final List<CpuPolicy> policies;
  private final int[] appliedKHz;
  private volatile int fixedMHz = -1;
  private volatile String fixedReason;

  private CpuFreqController(List<CpuPolicy> policies) {
    this.policies = List.copyOf(policies);
    this.appliedKHz = new int[policies.size()];
    for (int i = 0; i < appliedKHz.length; i++) {
      appliedKHz[i] = knownState(policies.get(i));
    }
    List<String> readOnly =
        policies.stream()
            .filter(p -> !p.writable())
            .map(
                p ->
                    p.name()
                        + " "
                        + (p.hasUserspace()
                            ? "scaling_governor/scaling_setspeed"
                            : "scaling_min_freq/scaling_max_freq"))
            .toList();
    if (!readOnly.isEmpty()) {
      CpuPolicy first = policies.getFirst();
      int now = toMHz(first.curKHz());
      fix(
          now,
          String.format(
              Locale.ROOT,
              "cpufreq is not writable by this process (%s); the cpu frequency stays at %d MHz (%s,"
                  + " governor %s) and the scheduler chooses only among configurations at that"
                  + " frequency",
              String.join(", ", readOnly),
              now,
              first.name(),
              first.governor()));
    }
  }

  /**
   * A controller over the policies found, or empty when there are none (no cpufreq on this
   * machine).
   */
  public static Optional<CpuFreqController> open(CpuFreq.Discovery discovery) {
    Objects.requireNonNull(discovery, "discovery");
    return discovery.available()
        ? Optional.of(new CpuFreqController(discovery.policies()))
        : Optional.empty();
  }

  /** The policies controlled, as discovered. */
  public List<CpuPolicy> policies() {
    return policies;
  }

  /**
   * The frequencies the scheduler may choose from, in MHz, ascending: the first policy's available
   * frequencies (100 MHz steps over its hardware range where the driver lists none), or only the
   * fixed one.
   */
  public List<Integer> frequenciesMHz() {
    if (isFixed()) {
      return List.of(fixedMHz);
    }
    CpuPolicy first = policies.getFirst();
    if (!first.availableKHz().isEmpty()) {
      return first.availableKHz().stream().map(CpuFreqController::toMHz).distinct().toList();
    }
    List<Integer> steps = new ArrayList<>();
    int lo = toMHz(first.hardwareMinKHz());
    int hi = toMHz(first.hardwareMaxKHz());
    for (int f = lo; f < hi; f += 100) {
      steps.add(f);
    }
    steps.add(hi);
    return List.copyOf(steps);
  }

  /** Whether the frequency cannot be changed by this process. */
  public boolean isFixed() {
    return fixedMHz >= 0;
  }

  /** The frequency the scheduler must stick to, when fixed. */
  public OptionalInt fixedMHz() {
    int f = fixedMHz;
    return f >= 0 ? OptionalInt.of(f) : OptionalInt.empty();
  }

  /** Why the frequency is fixed, when it is. */
  public Optional<String> fixedReason() {
    return Optional.ofNullable(fixedReason);
  }

  /**
   * Sets every policy to {@code mhz} unless it is already there.
   *
   * @param mhz a frequency from {@link #frequenciesMHz()}; 0 means "not managed" and changes
   *     nothing
   * @return what was done and how long it took
   * @throws CpuFreqException if the frequency is not offered, the knob is fixed at another one, a
   *     write fails, or the read-back disagrees
   */
  public synchronized Change apply(int mhz) throws CpuFreqException {
    long start = System.nanoTime();
    if (mhz == 0) {
      return new Change(0, Method.NONE, System.nanoTime() - start);
    }
    if (isFixed()) {
      if (mhz == fixedMHz) {
        return new Change(mhz, Method.NONE, System.nanoTime() - start);
      }
      throw new CpuFreqException(
          CpuFreqException.Reason.FIXED,
          "cannot set the cpu frequency to " + mhz + " MHz: " + fixedReason,
          null);
    }
    int[] targets = targetsFor(mhz);
    Method method = Method.NONE;
    for (int i = 0; i < targets.length; i++) {
      if (appliedKHz[i] != targets[i]) {
        method = write(i, targets[i]);
      }
    }
    return new Change(mhz, method, System.nanoTime() - start);
  }

  /**
   * Reads the first policy's current frequency in MHz.
   *
   * @implNote blocks on one sysfs read
   */
  public int readCurrentMHz() throws IOException {
    return toMHz(CpuFreq.readInt(policies.getFirst().dir(), "scaling_cur_freq"));
  }

  /**
   * Forgets the remembered state, so the next {@link #apply} writes (after someone else changed the
   * frequency).
   */
  public synchronized void forget() {
    java.util.Arrays.fill(appliedKHz, -1);
  }

  private int[] targetsFor(int mhz) throws CpuFreqException {
    int[] targets = new int[policies.size()];
    CpuPolicy first = policies.getFirst();
    long wanted = mhz * 1000L;
    if (first.availableKHz().isEmpty()) {
      if (wanted < first.hardwareMinKHz() - 999 || wanted > first.hardwareMaxKHz() + 999) {
        throw unsupported(mhz);
      }
      targets[0] = (int) Math.clamp(wanted, first.hardwareMinKHz(), first.hardwareMaxKHz());
    } else {
      int nearest = nearest(first.availableKHz(), wanted);
      if (Math.abs(nearest - wanted) > 999) {
        throw unsupported(mhz);
      }
      targets[0] = nearest;
    }
    for (int i = 1; i < targets.length; i++) {
      CpuPolicy p = policies.get(i);
      targets[i] =
          p.availableKHz().isEmpty()
              ? (int) Math.clamp(targets[0], p.hardwareMinKHz(), p.hardwareMaxKHz())
              : highestNotAbove(p.availableKHz(), targets[0]);
    }
    return targets;
  }

  private CpuFreqException unsupported(int mhz) {
    return new CpuFreqException(
        CpuFreqException.Reason.UNSUPPORTED_FREQUENCY,
        "cpu frequency "
            + mhz
            + " MHz is not offered by "
            + policies.getFirst().name()
            + "; offered: "
            + frequenciesMHz()
            + " MHz",
        null);
  }

  private Method write(int index, int kHz) throws CpuFreqException {
    CpuPolicy p = policies.get(index);
    Path dir = p.dir();
    appliedKHz[index] = -1;
    Method method;
    try {
      if (p.hasUserspace()) {
        if (!CpuFreq.read(dir, "scaling_governor").equals(CpuFreq.USERSPACE)) {
          writeFile(dir.resolve("scaling_governor"), CpuFreq.USERSPACE);
        }
        writeFile(dir.resolve("scaling_setspeed"), Integer.toString(kHz));
        method = Method.USERSPACE;
      } else {
        int currentMax = CpuFreq.readInt(dir, "scaling_max_freq");
        if (kHz > currentMax) { // raise the ceiling first so the floor never exceeds it
          writeFile(dir.resolve("scaling_max_freq"), Integer.toString(kHz));
          writeFile(dir.resolve("scaling_min_freq"), Integer.toString(kHz));
        } else {
          writeFile(dir.resolve("scaling_min_freq"), Integer.toString(kHz));
          writeFile(dir.resolve("scaling_max_freq"), Integer.toString(kHz));
        }
        method = Method.MIN_MAX_PIN;
      }
    } catch (AccessDeniedException e) {
      throw becomeFixed(p, e);
    } catch (FileSystemException e) {
      String why = String.valueOf(e.getReason()).toLowerCase(Locale.ROOT);
      if (why.contains("read-only") || why.contains("not permitted")) {
        throw becomeFixed(p, e);
      }
      throw new CpuFreqException(
          CpuFreqException.Reason.IO,
          "cannot set " + p.name() + " to " + kHz + " kHz: " + e.getMessage(),
          e);
    } catch (IOException e) {
      throw new CpuFreqException(
          CpuFreqException.Reason.IO,
          "cannot set " + p.name() + " to " + kHz + " kHz: " + e.getMessage(),
          e);
    }
    confirm(p, kHz);
    appliedKHz[index] = kHz;
    return method;
  }

  private void confirm(CpuPolicy p, int kHz) throws CpuFreqException {
    int cur = -1;
    for (int attempt = 0; attempt < READ_BACK_TRIES; attempt++) {
      try {
        cur = CpuFreq.readInt(p.dir(), "scaling_cur_freq");
      } catch (IOException e) {
        throw new CpuFreqException(
            CpuFreqException.Reason.IO,
            "cannot read back scaling_cur_freq of " + p.name() + ": " + e.getMessage(),
            e);
      }
      if (Math.abs(cur - kHz) <= kHz / 100) {
        return;
      }
      LockSupport.parkNanos(READ_BACK_PAUSE_NANOS);
    }
    throw new CpuFreqException(
        CpuFreqException.Reason.READ_BACK_MISMATCH,
        p.name() + " was set to " + kHz + " kHz but scaling_cur_freq reads " + cur + " kHz",
        null);
  }

  private CpuFreqException becomeFixed(CpuPolicy p, IOException e) {
    int now;
    try {
      now = readCurrentMHz();
    } catch (IOException readFailure) {
      now = toMHz(policies.getFirst().curKHz());
    }
    fix(
        now,
        "cpufreq of "
            + p.name()
            + " refused a write ("
            + e.getMessage()
            + "); the cpu frequency stays at "
            + now
            + " MHz and the scheduler chooses only among configurations at that frequency");
    return new CpuFreqException(CpuFreqException.Reason.FIXED, fixedReason, e);
  }

  private void fix(int mhz, String reason) {
    fixedReason = reason;
    fixedMHz = mhz;
    LOG.warn(reason);
  }

  private static void writeFile(Path file, String value) throws IOException {
    Files.writeString(file, value, StandardOpenOption.WRITE, StandardOpenOption.TRUNCATE_EXISTING);
  }

  /**
   * What the policy is known to be set to: the userspace speed, or a pinned min = max; -1 when it
   * floats.
   */
  private static int knownState(CpuPolicy p) {
    if (p.governor().equals(CpuFreq.USERSPACE)) {
      try {
        return CpuFreq.readInt(p.dir(), "scaling_setspeed");
      } catch (IOException e) {
        return -1;
      }
    }
    return !p.hasUserspace() && p.minKHz() == p.maxKHz() ? p.minKHz() : -1;
  }

  private static int nearest(List<Integer> sorted, long kHz) {
    int best = sorted.getFirst();
    for (int f : sorted) {
      if (Math.abs(f - kHz) < Math.abs(best - kHz)) {
        best = f;
      }
    }
    return best;
  }

  private static int highestNotAbove(List<Integer> sorted, int kHz) {
    int best = sorted.getFirst();
    for (int f : sorted) {
      if (f <= kHz) {
        best = f;
      }
    }
    return best;
  }

  /** kHz to the nearest MHz. */
  static int toMHz(int kHz) {
    return Math.round(kHz / 1000f);
  }
}
