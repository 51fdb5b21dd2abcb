package io.dynasplit.broker;

/** The embedded broker could not start or stop; the message says why in words a user can act on. */
public final class BrokerException extends RuntimeException {

  private static final long serialVersionUID = 1L;

  /** A failure with its cause. */
  public BrokerException(String message, Throwable cause) {
    super(message, cause);
  }

  /** A failure found by our own checks. */
  public BrokerException(String message) {
    super(message);
  }
}
