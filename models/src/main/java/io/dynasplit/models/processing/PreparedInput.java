package io.dynasplit.models.processing;

import io.dynasplit.schemas.Tensor;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * The model's input tensors, plus what post-processing needs to know about how they were made.
 *
 * @param tensors the input tensors by ONNX input name, each under its own name
 * @param geometry for images: the original and the model-input sizes
 */
public record PreparedInput(Map<String, Tensor> tensors, Optional<ImageGeometry> geometry) {

  /** Checks the values. */
  public PreparedInput {
    tensors = byOwnName(tensors);
    Objects.requireNonNull(geometry, "geometry");
  }

  /** An immutable copy, after checking that each tensor is under its own name. */
  static Map<String, Tensor> byOwnName(Map<String, Tensor> tensors) {
    Objects.requireNonNull(tensors, "tensors");
    tensors.forEach(
        (name, t) -> {
          if (!t.name().equals(name)) {
            throw new IllegalArgumentException("tensor " + t.name() + " is under name " + name);
          }
        });
    return Map.copyOf(tensors);
  }

  /**
   * The sizes of an image before and after resizing; a model-input area wider than the resized
   * content (padding) keeps {@code contentWidth} below {@code inputWidth}.
   *
   * @param originalWidth the decoded image's width
   * @param originalHeight the decoded image's height
   * @param inputWidth the tensor's width
   * @param inputHeight the tensor's height
   * @param contentWidth the width the image was resized to (the rest is padding)
   * @param contentHeight the height the image was resized to
   */
  public record ImageGeometry(
      int originalWidth,
      int originalHeight,
      int inputWidth,
      int inputHeight,
      int contentWidth,
      int contentHeight) {
    /** Checks the values. */
    public ImageGeometry {
      if (originalWidth <= 0
          || originalHeight <= 0
          || inputWidth <= 0
          || inputHeight <= 0
          || contentWidth <= 0
          || contentHeight <= 0) {
        throw new IllegalArgumentException(
            "sizes must be > 0: "
                + originalWidth
                + "x"
                + originalHeight
                + ", "
                + inputWidth
                + "x"
                + inputHeight
                + ", "
                + contentWidth
                + "x"
                + contentHeight);
      }
    }
  }
}
