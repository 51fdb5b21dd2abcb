package io.dynasplit.models.runtime;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.dynasplit.schemas.ErrorCode;
import org.junit.jupiter.api.Test;

class InferenceExceptionTest {

  /** Verifies the one mapping from an inference failure to a reply's error code. */
  @Test
  void everyReasonMapsToTheErrorCodeBothSidesReply() {
    assertEquals(ErrorCode.BAD_REQUEST, failure(InferenceException.Reason.BAD_INPUT).errorCode());
    assertEquals(
        ErrorCode.UNKNOWN_MODEL, failure(InferenceException.Reason.MODEL_UNAVAILABLE).errorCode());
    assertEquals(
        ErrorCode.INTERNAL, failure(InferenceException.Reason.PROVIDER_UNAVAILABLE).errorCode());
    assertEquals(ErrorCode.INTERNAL, failure(InferenceException.Reason.RUNTIME).errorCode());
  }

  private static InferenceException failure(InferenceException.Reason reason) {
    return new InferenceException(reason, "test");
  }
}
