package io.dynasplit.edge.hardware;

import java.util.Locale;

/** A kind of hardware change whose cost is measured separately. */
public enum ChangeKind {
  /** A CPU frequency written through cpufreq sysfs. */
  CPU_FREQUENCY,
  /** A USB accelerator powered on or off by its command. */
  ACCELERATOR_POWER,
  /** An apply that found everything already right and changed nothing. */
  NONE;

  /** The lower-case name used in telemetry, e.g. {@code cpu_frequency}. */
  public String wireName() {
    return name().toLowerCase(Locale.ROOT);
  }
}
