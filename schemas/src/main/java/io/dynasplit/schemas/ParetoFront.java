package io.dynasplit.schemas;

import java.util.List;
import java.util.Objects;

/**
 * The Pareto front an edge schedules from (retained on {@code edge/{edgeId}/pareto/{model}}, or a
 * file written by {@code dynasplit profile} and {@code dynasplit optimize}).
 *
 * @param schemaVersion the version of this message's JSON Schema
 * @param model the catalog id or network name the front belongs to
 * @param source where the figures come from: {@code profile} (measured live), {@code pool}
 *     (replayed from recorded measurements) or {@code optimizer} (found by search over either)
 * @param createdAt ISO-8601 instant of creation
 * @param entries the configurations; not copied defensively beyond {@link List#copyOf}
 */
public record ParetoFront(
    int schemaVersion, String model, String source, String createdAt, List<FrontEntry> entries) {

  /** The schema version this code writes. */
  public static final int SCHEMA_VERSION = 1;

  /** Checks every field and freezes the entry list. */
  public ParetoFront {
    if (schemaVersion != SCHEMA_VERSION) {
      throw new IllegalArgumentException(
          "schemaVersion must be " + SCHEMA_VERSION + ": " + schemaVersion);
    }
    Objects.requireNonNull(model, "model");
    Objects.requireNonNull(source, "source");
    Objects.requireNonNull(createdAt, "createdAt");
    entries = List.copyOf(Objects.requireNonNull(entries, "entries"));
  }
}
