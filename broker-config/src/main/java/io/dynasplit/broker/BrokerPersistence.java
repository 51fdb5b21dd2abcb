package io.dynasplit.broker;

import java.util.Locale;

/**
 * Where the embedded broker keeps sessions, subscriptions, queued and retained messages.
 *
 * <p>HiveMQ's file persistence writes every payload it routes to disk, at any QoS and for any
 * session type (a 7.37 MB intermediate tensor costs about 7.5 MB of writes), so the data plane runs
 * the broker in {@link #MEMORY} by default: intermediate tensors never touch a disk on their way.
 * {@link #FILE} keeps sensors' persistent sessions, queued requests and retained messages across a
 * broker restart, at that cost; ARCHITECTURE 9 says when to choose it.
 */
public enum BrokerPersistence {
  /** Everything in RAM; a restart starts empty. The default. */
  MEMORY("in-memory"),
  /** Everything in files under the data folder; survives a restart; every payload is written. */
  FILE("file");

  private final String hivemqMode;

  BrokerPersistence(String hivemqMode) {
    this.hivemqMode = hivemqMode;
  }

  /** The value of HiveMQ's {@code <persistence><mode>} element. */
  public String hivemqMode() {
    return hivemqMode;
  }

  /** The name on the command line: {@code memory} or {@code file}. */
  public String optionName() {
    return name().toLowerCase(Locale.ROOT);
  }

  /**
   * The persistence a command-line value names, case-insensitively.
   *
   * @throws IllegalArgumentException for anything but {@code memory} or {@code file}
   */
  public static BrokerPersistence parse(String value) {
    for (BrokerPersistence p : values()) {
      if (p.optionName().equalsIgnoreCase(value.strip())) {
        return p;
      }
    }
    throw new IllegalArgumentException(
        "broker persistence must be memory or file: '" + value + "'");
  }
}
