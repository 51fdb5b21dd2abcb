package io.dynasplit.models.processing;

import io.dynasplit.schemas.Tensor;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/** What a request brings for a model: an encoded image, a text, or the input tensors themselves. */
public sealed interface ModelInput {

  /**
   * A PNG or JPEG image; the array is <em>not</em> copied.
   *
   * @param encoded the file bytes
   */
  record Image(byte[] encoded) implements ModelInput {
    /** Checks the values. */
    public Image {
      Objects.requireNonNull(encoded, "encoded");
      if (encoded.length == 0) {
        throw new IllegalArgumentException("image must not be empty");
      }
    }
  }

  /**
   * A text for a language model.
   *
   * @param text the text
   */
  record Text(String text) implements ModelInput {
    /** Checks the values. */
    public Text {
      Objects.requireNonNull(text, "text");
    }
  }

  /**
   * Input tensors by name, taken as given.
   *
   * @param tensors the tensors, each under its own name
   */
  record Tensors(Map<String, Tensor> tensors) implements ModelInput {
    /** Checks the values. */
    public Tensors {
      tensors = PreparedInput.byOwnName(tensors);
      if (tensors.isEmpty()) {
        throw new IllegalArgumentException("tensors must not be empty");
      }
    }

    /** The tensors under their names. */
    public static Tensors of(Tensor... tensors) {
      Map<String, Tensor> byName = new LinkedHashMap<>();
      for (Tensor t : tensors) {
        if (byName.put(t.name(), t) != null) {
          throw new IllegalArgumentException("tensor " + t.name() + " given twice");
        }
      }
      return new Tensors(byName);
    }
  }
}
