package io.dynasplit.schemas;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;

/** The outcome of a reply or tail result: {@code ok} or {@code error}. */
public enum ReplyStatus {
  /** The request was served. */
  OK("ok"),
  /** The request failed; the message carries an {@link ErrorInfo}. */
  ERROR("error");

  private final String wireName;

  ReplyStatus(String wireName) {
    this.wireName = wireName;
  }

  /** The name used in JSON. */
  @JsonValue
  public String wireName() {
    return wireName;
  }

  /** Parses a wire name. */
  @JsonCreator
  public static ReplyStatus of(String name) {
    if ("ok".equals(name)) {
      return OK;
    }
    if ("error".equals(name)) {
      return ERROR;
    }
    throw new IllegalArgumentException("status must be ok or error: " + name);
  }

  @Override
  public String toString() {
    return wireName;
  }
}
