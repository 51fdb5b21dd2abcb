package io.dynasplit.models.catalog;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonSubTypes;
import com.fasterxml.jackson.annotation.JsonTypeInfo;
import java.util.List;
import java.util.Objects;

/** How a request's input becomes the model's input tensors. */
@JsonTypeInfo(use = JsonTypeInfo.Id.NAME, property = "type")
@JsonSubTypes({
  @JsonSubTypes.Type(value = PreProcessing.Image.class, name = "image"),
  @JsonSubTypes.Type(value = PreProcessing.Text.class, name = "text"),
  @JsonSubTypes.Type(value = PreProcessing.Tensor.class, name = "tensor"),
})
public sealed interface PreProcessing {

  /** A one-line summary for tables. */
  String summary();

  /** How an image is resized before normalization. */
  enum Resize {
    /** Stretch to exactly {@code width x height}. */
    @JsonProperty("stretch")
    STRETCH,
    /**
     * Keep the aspect ratio, shrink so the longer side is at most {@code maxSide}, then round each
     * side to a multiple of {@code multiple} (PP-OCR's detector convention).
     */
    @JsonProperty("limit-multiple")
    LIMIT_MULTIPLE,
    /**
     * Scale to {@code height}, keep the aspect ratio up to {@code width}, and pad the right with
     * zeros to {@code width} (PP-OCR's direction classifier convention).
     */
    @JsonProperty("height-pad")
    HEIGHT_PAD
  }

  /**
   * An image (PNG or JPEG decoded with the JDK): resize, scale, normalize {@code (x * scale - mean)
   * / std} per channel, lay out as NCHW float32.
   *
   * @param resize the resize rule
   * @param width target width ({@code STRETCH}, {@code HEIGHT_PAD}); 0 when unused
   * @param height target height ({@code STRETCH}, {@code HEIGHT_PAD}); 0 when unused
   * @param maxSide the longest side allowed ({@code LIMIT_MULTIPLE}); 0 when unused
   * @param multiple sides are rounded to a multiple of this ({@code LIMIT_MULTIPLE}); 1 otherwise
   * @param scale the factor applied to 0..255 pixel values before normalization
   * @param mean per-channel mean, in the order of {@code channels}
   * @param std per-channel standard deviation, in the order of {@code channels}
   * @param channels {@code RGB} or {@code BGR}: the channel order of the tensor
   */
  record Image(
      Resize resize,
      int width,
      int height,
      int maxSide,
      int multiple,
      double scale,
      List<Double> mean,
      List<Double> std,
      String channels)
      implements PreProcessing {

    /** Checks the values. */
    public Image {
      Objects.requireNonNull(resize, "resize");
      Objects.requireNonNull(mean, "mean");
      Objects.requireNonNull(std, "std");
      Objects.requireNonNull(channels, "channels");
      mean = List.copyOf(mean);
      std = List.copyOf(std);
      if (mean.size() != 3 || std.size() != 3) {
        throw new IllegalArgumentException("mean and std must have 3 values: " + mean + ", " + std);
      }
      if (std.stream().anyMatch(s -> s <= 0)) {
        throw new IllegalArgumentException("std values must be > 0: " + std);
      }
      if (!channels.equals("RGB") && !channels.equals("BGR")) {
        throw new IllegalArgumentException("channels must be RGB or BGR: " + channels);
      }
      if (scale <= 0) {
        throw new IllegalArgumentException("scale must be > 0: " + scale);
      }
      switch (resize) {
        case STRETCH, HEIGHT_PAD -> {
          if (width <= 0 || height <= 0) {
            throw new IllegalArgumentException(
                "width and height must be > 0 for " + resize + ": " + width + "x" + height);
          }
        }
        case LIMIT_MULTIPLE -> {
          if (maxSide <= 0) {
            throw new IllegalArgumentException("maxSide must be > 0: " + maxSide);
          }
          if (multiple <= 0) {
            throw new IllegalArgumentException("multiple must be > 0: " + multiple);
          }
        }
      }
    }

    @Override
    public String summary() {
      String size =
          switch (resize) {
            case STRETCH -> "resize " + width + "x" + height;
            case HEIGHT_PAD -> "resize to height " + height + ", pad to " + width;
            case LIMIT_MULTIPLE -> "resize to <= " + maxSide + ", multiple of " + multiple;
          };
      return "image " + channels + ", " + size + ", mean " + mean + " std " + std;
    }
  }

  /**
   * Text, tokenized with a BERT WordPiece vocabulary read from a classpath resource (a Hugging Face
   * {@code tokenizer.json}).
   *
   * @param tokenizer the classpath resource of the tokenizer file
   * @param maxLength the most tokens, {@code [CLS]} and {@code [SEP]} included
   */
  record Text(String tokenizer, int maxLength) implements PreProcessing {
    /** Checks the values. */
    public Text {
      Objects.requireNonNull(tokenizer, "tokenizer");
      if (maxLength < 3) {
        throw new IllegalArgumentException("maxLength must be >= 3: " + maxLength);
      }
    }

    @Override
    public String summary() {
      return "text, WordPiece, <= " + maxLength + " tokens";
    }
  }

  /** Tensors taken as given: the request carries the model's input tensors. */
  record Tensor() implements PreProcessing {
    @Override
    public String summary() {
      return "tensor as given";
    }
  }
}
