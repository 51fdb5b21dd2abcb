package io.dynasplit.schemas;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.util.Objects;

/**
 * The metadata in the header of a tail result frame, published by a cloud worker to the response
 * topic the edge set ({@code edge/{edgeId}/tail-results}). On success the frame's tensors are the
 * tail's outputs; on error the frame has no tensors and {@code error} says why.
 *
 * @param id the request id
 * @param status {@code ok} or {@code error}
 * @param workerId the cloud worker that answered
 * @param timing the worker's queue and compute time; required when ok, optional on error
 * @param energy the worker's energy for this request; null when not metered
 * @param error the reason, exactly when the status is {@code error}
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record TailResult(
    String id,
    ReplyStatus status,
    String workerId,
    TailTiming timing,
    MeasuredEnergy energy,
    ErrorInfo error) {

  /** Checks every field and that {@code error} is present exactly when the status is error. */
  public TailResult {
    Checks.id("id", id);
    Objects.requireNonNull(status, "status");
    Checks.id("workerId", workerId);
    if (status == ReplyStatus.OK) {
      Objects.requireNonNull(timing, "timing (required when status is ok)");
      if (error != null) {
        throw new IllegalArgumentException("error must be absent when status is ok: " + error);
      }
    } else {
      Objects.requireNonNull(error, "error (required when status is error)");
    }
  }

  /** A successful result. */
  public static TailResult ok(
      String id, String workerId, TailTiming timing, MeasuredEnergy energy) {
    return new TailResult(id, ReplyStatus.OK, workerId, timing, energy, null);
  }

  /** A failed result. */
  public static TailResult failed(String id, String workerId, ErrorCode code, String message) {
    return new TailResult(id, ReplyStatus.ERROR, workerId, null, null, ErrorInfo.of(code, message));
  }

  /** Whether the tail ran. */
  public boolean isOk() {
    return status == ReplyStatus.OK;
  }
}
