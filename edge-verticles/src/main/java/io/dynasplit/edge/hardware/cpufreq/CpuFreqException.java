package io.dynasplit.edge.hardware.cpufreq;

import java.util.Objects;

/** A CPU frequency that could not be applied, with the reason. */
public final class CpuFreqException extends Exception {

  /** Why a frequency could not be applied. */
  public enum Reason {
    /** The frequency is not one the policies offer. */
    UNSUPPORTED_FREQUENCY,
    /** The process may not change the frequency; it stays at the fixed one. */
    FIXED,
    /** The kernel took the write but {@code scaling_cur_freq} shows another frequency. */
    READ_BACK_MISMATCH,
    /** A sysfs write or read failed for another reason. */
    IO
  }

  private final Reason reason;

  /** An exception with a reason and a message naming the policy and the values. */
  public CpuFreqException(Reason reason, String message, Throwable cause) {
    super(message, cause);
    this.reason = Objects.requireNonNull(reason, "reason");
  }

  /** Why. */
  public Reason reason() {
    return reason;
  }
}
