package io.dynasplit.app.profile;

import io.dynasplit.models.runtime.InferenceException;
import io.dynasplit.models.runtime.Part;
import io.dynasplit.models.runtime.PartSource;
import java.util.List;
import java.util.Objects;

/**
 * The parts of the models a cloud worker serves ({@code dynasplit cloud --models}); any other model
 * is unavailable.
 */
public final class ServedParts implements PartSource {

  private final PartSource parts;
  private final List<String> ids;

  public ServedParts(PartSource parts, List<String> ids) {
    this.parts = Objects.requireNonNull(parts, "parts");
    this.ids = List.copyOf(ids);
    if (this.ids.isEmpty()) {
      throw new IllegalArgumentException(
          "no model to serve: none of the catalog's models is present");
    }
  }

  /** The served model ids. */
  public List<String> ids() {
    return ids;
  }

  @Override
  public byte[] bytes(String model, int split, Part part) {
    if (!ids.contains(model)) {
      throw new InferenceException(
          InferenceException.Reason.MODEL_UNAVAILABLE,
          "model " + model + " is not served by this cloud worker; it serves " + ids);
    }
    return parts.bytes(model, split, part);
  }
}
