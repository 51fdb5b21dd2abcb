package io.dynasplit.schemas;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * A final reply to a request (ARCHITECTURE 4.5): an {@link InferenceReply} or an {@link
 * ErrorReply}. The edge is the only writer of final replies.
 */
public sealed interface Reply permits InferenceReply, ErrorReply {

  /** The request id. */
  String id();

  /** {@code ok} or {@code error}. */
  ReplyStatus status();

  /**
   * Reads a reply of either kind from JSON bytes, by its {@code status}.
   *
   * @throws IllegalArgumentException when the bytes are not a valid reply, with the reason
   */
  static Reply fromJson(byte[] json) {
    JsonNode tree = Json.fromBytes(json, JsonNode.class);
    JsonNode status = tree.get("status");
    if (status == null || !status.isTextual()) {
      throw new IllegalArgumentException(
          "invalid Reply JSON: status must be \"ok\" or \"error\": " + status);
    }
    Class<? extends Reply> type =
        ReplyStatus.of(status.asText()) == ReplyStatus.OK ? InferenceReply.class : ErrorReply.class;
    return Json.fromTree(tree, type);
  }
}
