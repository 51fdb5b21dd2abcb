package io.dynasplit.models.catalog;

import java.util.Objects;

/** A {@code MODEL} argument that names no catalog id or no readable file. */
public final class ModelNotFoundException extends RuntimeException {

  private static final long serialVersionUID = 1L;

  /** Why the model could not be resolved. */
  public enum Reason {
    /** Neither a catalog id nor a path. */
    UNKNOWN_ID,
    /** A path (or a catalog entry's file) that does not exist or cannot be read. */
    FILE_MISSING,
    /** A generated catalog model whose file has not been generated yet. */
    NOT_GENERATED,
    /** A classpath resource missing from the classpath (a dependency jar is absent). */
    RESOURCE_MISSING
  }

  private final String model;
  private final Reason reason;

  /** Creates the exception; {@code message} says what to do about it. */
  public ModelNotFoundException(String model, Reason reason, String message) {
    super(message);
    this.model = Objects.requireNonNull(model, "model");
    this.reason = Objects.requireNonNull(reason, "reason");
  }

  /** The {@code MODEL} argument as given. */
  public String model() {
    return model;
  }

  /** Why it could not be resolved. */
  public Reason reason() {
    return reason;
  }
}
