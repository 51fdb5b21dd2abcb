package io.dynasplit.models.graph;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import java.util.List;
import java.util.Objects;
import java.util.regex.Pattern;

/**
 * What describes a head/tail pair: the model, the split, the tensors that cross it and the SHA-256
 * of both model files, written beside them as {@code manifest.json}.
 *
 * @param modelId the id of the model that was split
 * @param splitIndex compute nodes in the head
 * @param nodeCount compute nodes in the whole model
 * @param computeFraction share of the estimated compute in the head
 * @param inputs the model inputs the head takes, shapes as analysed
 * @param crossing the tensors the head outputs and the tail takes, in this order
 * @param outputs the model outputs the tail gives, shapes as analysed
 * @param headSha256 lowercase hex SHA-256 of {@code head.onnx}
 * @param tailSha256 lowercase hex SHA-256 of {@code tail.onnx}
 */
public record SplitManifest(
    String modelId,
    int splitIndex,
    int nodeCount,
    double computeFraction,
    List<Tensor> inputs,
    List<Tensor> crossing,
    List<Tensor> outputs,
    String headSha256,
    String tailSha256) {

  private static final Pattern SHA256 = Pattern.compile("[0-9a-f]{64}");
  private static final ObjectMapper JSON =
      new ObjectMapper()
          .enable(SerializationFeature.INDENT_OUTPUT)
          .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);

  /** Checks the fields and copies the lists. */
  public SplitManifest {
    Objects.requireNonNull(modelId, "modelId");
    if (nodeCount < 1) {
      throw new IllegalArgumentException("nodeCount must be >= 1: " + nodeCount);
    }
    if (splitIndex < 0 || splitIndex > nodeCount) {
      throw new IllegalArgumentException(
          "splitIndex must be in 0.." + nodeCount + ": " + splitIndex);
    }
    if (!(computeFraction >= 0 && computeFraction <= 1)) {
      throw new IllegalArgumentException("computeFraction must be in [0, 1]: " + computeFraction);
    }
    inputs = List.copyOf(Objects.requireNonNull(inputs, "inputs"));
    crossing = List.copyOf(Objects.requireNonNull(crossing, "crossing"));
    outputs = List.copyOf(Objects.requireNonNull(outputs, "outputs"));
    if (!SHA256.matcher(Objects.requireNonNull(headSha256, "headSha256")).matches()) {
      throw new IllegalArgumentException(
          "headSha256 must be 64 lowercase hex digits: " + headSha256);
    }
    if (!SHA256.matcher(Objects.requireNonNull(tailSha256, "tailSha256")).matches()) {
      throw new IllegalArgumentException(
          "tailSha256 must be 64 lowercase hex digits: " + tailSha256);
    }
  }

  /**
   * A tensor of the manifest.
   *
   * @param name its name in the graph
   * @param dtype its element type label, e.g. {@code float32}
   * @param shape its dimensions on the analysis input
   * @param bytes its size in bytes on the analysis input
   */
  public record Tensor(String name, String dtype, List<Long> shape, long bytes) {

    /** Checks the fields and copies the shape. */
    public Tensor {
      Objects.requireNonNull(name, "name");
      ElementType.ofLabel(Objects.requireNonNull(dtype, "dtype"));
      shape = List.copyOf(Objects.requireNonNull(shape, "shape"));
      if (bytes < 0) {
        throw new IllegalArgumentException("bytes must be >= 0: " + bytes);
      }
    }

    /** The manifest entry of a tensor spec. */
    public static Tensor of(TensorSpec spec) {
      return new Tensor(spec.name(), spec.dtype().label(), spec.shape(), spec.bytes());
    }

    /** This entry as a tensor spec. */
    public TensorSpec toSpec() {
      return new TensorSpec(name, ElementType.ofLabel(dtype), shape);
    }
  }

  /** Bytes crossing the split per inference, on the analysis input. */
  public long crossingBytes() {
    return crossing.stream().mapToLong(Tensor::bytes).sum();
  }

  /** The manifest as indented JSON. */
  public String toJson() {
    try {
      return JSON.writeValueAsString(this);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("cannot write manifest of " + modelId, e);
    }
  }

  /**
   * Reads a manifest written by {@link #toJson()}.
   *
   * @throws IllegalArgumentException naming what is wrong with the JSON
   */
  public static SplitManifest fromJson(String json) {
    try {
      return JSON.readValue(json, SplitManifest.class);
    } catch (JsonProcessingException e) {
      throw new IllegalArgumentException("not a split manifest: " + e.getOriginalMessage(), e);
    }
  }
}
