package io.dynasplit.schemas;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.util.Objects;

/**
 * An error reply (ARCHITECTURE 4.5): every accepted request that cannot be served gets one.
 *
 * @param id the request id; {@code unknown} when the request could not be read far enough to learn
 *     it
 * @param status always {@code error}
 * @param model the model id, or null when unknown
 * @param error the code and message
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record ErrorReply(String id, ReplyStatus status, String model, ErrorInfo error)
    implements Reply {

  /** The id of an error reply to a request whose id could not be read. */
  public static final String UNKNOWN_ID = "unknown";

  /** Checks every field; the status must be {@code error}. */
  public ErrorReply {
    Checks.id("id", id);
    if (status != ReplyStatus.ERROR) {
      throw new IllegalArgumentException("status of an error reply must be error: " + status);
    }
    Checks.optionalId("model", model);
    Objects.requireNonNull(error, "error");
  }

  /** An error reply; a message too long is cut. */
  public static ErrorReply of(String id, String model, ErrorCode code, String message) {
    return new ErrorReply(id, ReplyStatus.ERROR, model, ErrorInfo.of(code, message));
  }

  /** The error code. */
  public ErrorCode code() {
    return error.code();
  }
}
