package io.dynasplit.models.catalog;

import com.fasterxml.jackson.annotation.JsonSubTypes;
import com.fasterxml.jackson.annotation.JsonTypeInfo;
import java.util.List;
import java.util.Objects;

/** How a model's output tensors become the reply's {@code output}. */
@JsonTypeInfo(use = JsonTypeInfo.Id.NAME, property = "type")
@JsonSubTypes({
  @JsonSubTypes.Type(value = PostProcessing.TopK.class, name = "top-k"),
  @JsonSubTypes.Type(value = PostProcessing.TextBoxes.class, name = "text-boxes"),
  @JsonSubTypes.Type(value = PostProcessing.Embedding.class, name = "embedding"),
})
public sealed interface PostProcessing {

  /** A one-line summary for tables. */
  String summary();

  /**
   * A classifier: the {@code k} most probable classes with their labels.
   *
   * @param labels the class labels by index; an empty list names classes by their index
   * @param k how many classes to report
   * @param softmax whether the output holds logits that need a softmax (false: probabilities)
   */
  record TopK(List<String> labels, int k, boolean softmax) implements PostProcessing {
    /** Checks the values. */
    public TopK {
      Objects.requireNonNull(labels, "labels");
      labels = List.copyOf(labels);
      if (k <= 0) {
        throw new IllegalArgumentException("k must be > 0: " + k);
      }
    }

    @Override
    public String summary() {
      return "top-" + k + (labels.isEmpty() ? "" : " of " + labels);
    }
  }

  /**
   * A text detector's probability map to boxes: pixels above {@code threshold}, 4-connected
   * components, their bounding boxes grown by {@code unclipRatio} (DB's shrunk-region convention),
   * kept when the mean probability is at least {@code boxThreshold} and the area at least {@code
   * minArea} map pixels, scaled back to the original image.
   *
   * @param threshold probability above which a map pixel is text
   * @param boxThreshold least mean probability of a kept box
   * @param minArea least component area, in map pixels
   * @param unclipRatio how much a box grows: by {@code area * ratio / perimeter} on each side
   * @param maxBoxes the most boxes reported (the highest scores win)
   */
  record TextBoxes(
      double threshold, double boxThreshold, int minArea, double unclipRatio, int maxBoxes)
      implements PostProcessing {
    /** Checks the values. */
    public TextBoxes {
      if (threshold <= 0 || threshold >= 1) {
        throw new IllegalArgumentException("threshold must be in (0, 1): " + threshold);
      }
      if (boxThreshold < 0 || boxThreshold >= 1) {
        throw new IllegalArgumentException("boxThreshold must be in [0, 1): " + boxThreshold);
      }
      if (minArea < 1) {
        throw new IllegalArgumentException("minArea must be >= 1: " + minArea);
      }
      if (unclipRatio < 0) {
        throw new IllegalArgumentException("unclipRatio must be >= 0: " + unclipRatio);
      }
      if (maxBoxes < 1) {
        throw new IllegalArgumentException("maxBoxes must be >= 1: " + maxBoxes);
      }
    }

    @Override
    public String summary() {
      return "text boxes, threshold " + threshold + ", box score >= " + boxThreshold;
    }
  }

  /**
   * An embedding: the vector; token states are mean-pooled over the attention mask first.
   *
   * @param meanPooling whether the output holds token states {@code [1, tokens, dim]} to pool
   * @param normalize whether to scale the vector to unit L2 norm
   */
  record Embedding(boolean meanPooling, boolean normalize) implements PostProcessing {
    @Override
    public String summary() {
      return "embedding" + (meanPooling ? ", mean pooling" : "") + (normalize ? ", L2 norm" : "");
    }
  }
}
