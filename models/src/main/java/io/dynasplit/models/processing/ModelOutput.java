package io.dynasplit.models.processing;

import com.fasterxml.jackson.annotation.JsonSubTypes;
import com.fasterxml.jackson.annotation.JsonTypeInfo;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * The reply's {@code output}: a JSON-friendly result of post-processing (Jackson serializes it as
 * is).
 */
@JsonTypeInfo(use = JsonTypeInfo.Id.NAME, property = "type")
@JsonSubTypes({
  @JsonSubTypes.Type(value = ModelOutput.Classification.class, name = "classification"),
  @JsonSubTypes.Type(value = ModelOutput.TextBoxes.class, name = "text-boxes"),
  @JsonSubTypes.Type(value = ModelOutput.Embedding.class, name = "embedding"),
  @JsonSubTypes.Type(value = ModelOutput.Tensors.class, name = "tensors"),
})
public sealed interface ModelOutput {

  /**
   * A classifier's most probable classes, best first.
   *
   * @param top the classes
   * @param synthetic whether the model's weights are synthetic (the scores then mean nothing)
   */
  record Classification(List<ClassScore> top, boolean synthetic) implements ModelOutput {
    /** Checks the values. */
    public Classification {
      top = List.copyOf(Objects.requireNonNull(top, "top"));
    }
  }

  /**
   * One class and its probability.
   *
   * @param index the class index
   * @param label the class label
   * @param probability the probability, 0..1
   */
  record ClassScore(int index, String label, double probability) {
    /** Checks the values. */
    public ClassScore {
      Objects.requireNonNull(label, "label");
      if (index < 0) {
        throw new IllegalArgumentException("index must be >= 0: " + index);
      }
    }
  }

  /**
   * Text boxes found by a detector, in original-image pixels, top to bottom.
   *
   * @param imageWidth the original image width
   * @param imageHeight the original image height
   * @param boxes the boxes
   */
  record TextBoxes(int imageWidth, int imageHeight, List<TextBox> boxes) implements ModelOutput {
    /** Checks the values. */
    public TextBoxes {
      boxes = List.copyOf(Objects.requireNonNull(boxes, "boxes"));
    }
  }

  /**
   * An axis-aligned text box.
   *
   * @param x left edge, pixels
   * @param y top edge, pixels
   * @param width width, pixels
   * @param height height, pixels
   * @param score mean text probability inside the detected region
   */
  record TextBox(int x, int y, int width, int height, double score) {
    /** Checks the values. */
    public TextBox {
      if (width <= 0 || height <= 0) {
        throw new IllegalArgumentException(
            "box must have a positive size: " + width + "x" + height);
      }
    }

    /** Whether this box and the rectangle overlap. */
    public boolean overlaps(int rx, int ry, int rw, int rh) {
      return x < rx + rw && rx < x + width && y < ry + rh && ry < y + height;
    }
  }

  /**
   * An embedding vector.
   *
   * @param dimension the vector's length
   * @param vector the values; the array is <em>not</em> copied
   * @param normalized whether it has unit L2 norm
   */
  record Embedding(int dimension, float[] vector, boolean normalized) implements ModelOutput {
    /** Checks the values. */
    public Embedding {
      Objects.requireNonNull(vector, "vector");
      if (dimension != vector.length) {
        throw new IllegalArgumentException(
            "dimension " + dimension + " differs from vector length " + vector.length);
      }
    }

    /** The cosine similarity with another embedding of the same dimension. */
    public double cosine(Embedding other) {
      if (other.dimension != dimension) {
        throw new IllegalArgumentException(
            "dimensions differ: " + dimension + " and " + other.dimension);
      }
      double dot = 0;
      double a = 0;
      double b = 0;
      for (int i = 0; i < dimension; i++) {
        dot += vector[i] * other.vector[i];
        a += vector[i] * vector[i];
        b += other.vector[i] * other.vector[i];
      }
      return dot / Math.sqrt(a * b);
    }

    @Override
    public boolean equals(Object o) {
      return o instanceof Embedding e
          && e.normalized == normalized
          && Arrays.equals(vector, e.vector);
    }

    @Override
    public int hashCode() {
      return Arrays.hashCode(vector) * 31 + Boolean.hashCode(normalized);
    }

    @Override
    public String toString() {
      return "Embedding[dimension=" + dimension + ", normalized=" + normalized + "]";
    }
  }

  /**
   * Output tensors as they are, for models with no post-processing (a plain ONNX file).
   *
   * @param tensors shape and values of each output
   */
  record Tensors(Map<String, RawTensor> tensors) implements ModelOutput {
    /** Checks the values. */
    public Tensors {
      tensors = Map.copyOf(Objects.requireNonNull(tensors, "tensors"));
    }
  }

  /**
   * One output tensor.
   *
   * @param dtype {@code float32} or {@code int64}
   * @param shape the dimensions
   * @param values the values as numbers, row-major
   */
  record RawTensor(String dtype, List<Long> shape, List<Number> values) {
    /** Checks the values. */
    public RawTensor {
      Objects.requireNonNull(dtype, "dtype");
      shape = List.copyOf(Objects.requireNonNull(shape, "shape"));
      values = List.copyOf(Objects.requireNonNull(values, "values"));
    }
  }
}
