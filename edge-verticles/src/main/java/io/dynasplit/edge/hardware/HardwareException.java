package io.dynasplit.edge.hardware;

import java.util.Objects;

/** A configuration the edge's hardware could not take, with the part that failed. */
public final class HardwareException extends Exception {

  /** Which part failed. */
  public enum Part {
    /** The configuration asks for something this edge does not have. */
    UNSUPPORTED,
    /** The CPU frequency could not be applied or confirmed. */
    CPU_FREQUENCY,
    /** The USB accelerator's power command failed. */
    ACCELERATOR_POWER
  }

  private final Part part;

  /** An exception naming the part that failed. */
  public HardwareException(Part part, String message, Throwable cause) {
    super(message, cause);
    this.part = Objects.requireNonNull(part, "part");
  }

  /** The part that failed. */
  public Part part() {
    return part;
  }
}
