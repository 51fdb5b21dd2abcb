package io.dynasplit.schemas;

import java.util.Objects;

/**
 * What went wrong (ARCHITECTURE 4.5, {@code error}).
 *
 * @param code the reason
 * @param message a human-readable message that says what was wrong, at most {@link
 *     WireLimits#MAX_TEXT_LENGTH} characters
 */
public record ErrorInfo(ErrorCode code, String message) {

  /** Checks the code and the message length. */
  public ErrorInfo {
    Objects.requireNonNull(code, "error.code");
    Checks.text("error.message", message, WireLimits.MAX_TEXT_LENGTH);
  }

  /** An error whose message is cut to {@link WireLimits#MAX_TEXT_LENGTH} characters if longer. */
  public static ErrorInfo of(ErrorCode code, String message) {
    String m = message == null ? code.name() : message;
    if (m.length() > WireLimits.MAX_TEXT_LENGTH) {
      m = m.substring(0, WireLimits.MAX_TEXT_LENGTH - 3) + "...";
    }
    return new ErrorInfo(code, m);
  }
}
