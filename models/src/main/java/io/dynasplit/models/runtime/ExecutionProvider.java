package io.dynasplit.models.runtime;

import java.util.Locale;

/** The ONNX Runtime execution providers a session may ask for. */
public enum ExecutionProvider {
  /** The default CPU provider. */
  CPU("cpu"),
  /** NVIDIA CUDA (needs the GPU build of ONNX Runtime and a GPU). */
  CUDA("cuda");

  private final String wireName;

  ExecutionProvider(String wireName) {
    this.wireName = wireName;
  }

  /** The canonical lower-case name. */
  public String wireName() {
    return wireName;
  }

  /**
   * Parses an accelerator knob value: {@code cpu}, {@code off} and {@code none} mean the CPU;
   * {@code cuda} and {@code gpu} mean CUDA.
   *
   * @throws IllegalArgumentException for anything else
   */
  public static ExecutionProvider of(String name) {
    String n = name == null ? "" : name.toLowerCase(Locale.ROOT);
    return switch (n) {
      case "cpu", "off", "none" -> CPU;
      case "cuda", "gpu" -> CUDA;
      default ->
          throw new IllegalArgumentException(
              "provider must be one of cpu, off, none, cuda, gpu: " + name);
    };
  }
}
