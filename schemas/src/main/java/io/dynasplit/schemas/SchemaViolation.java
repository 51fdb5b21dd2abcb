package io.dynasplit.schemas;

import java.util.Objects;

/**
 * One reason a JSON document does not match its schema.
 *
 * @param path the JSON Pointer of the offending value ({@code ""} for the document itself), for
 *     example {@code /input/shape/1}
 * @param reason what is wrong there
 */
public record SchemaViolation(String path, String reason) {

  /** Checks both fields. */
  public SchemaViolation {
    Objects.requireNonNull(path, "path");
    Objects.requireNonNull(reason, "reason");
  }

  @Override
  public String toString() {
    return (path.isEmpty() ? "(document)" : path) + ": " + reason;
  }
}
