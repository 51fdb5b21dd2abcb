package io.dynasplit.edge.hardware.accel;

import ai.onnxruntime.OrtEnvironment;
import ai.onnxruntime.OrtProvider;
import java.util.EnumSet;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * The ONNX Runtime execution providers this build and machine offer, named as the {@code
 * edgeAccelerator} knob names them: the provider's enum name in lower case without underscores
 * ({@code cuda}, {@code xnnpack}, {@code openvino}, {@code tensorrt}). The plain CPU provider is
 * the knob's {@code off}.
 */
public final class ExecutionProviders {

  private ExecutionProviders() {}

  /**
   * The providers ONNX Runtime reports as available, CPU included, in ONNX Runtime's order.
   *
   * @implNote loads the ONNX Runtime native library on first use
   */
  public static EnumSet<OrtProvider> available() {
    return OrtEnvironment.getAvailableProviders();
  }

  /** The knob names of the available accelerating providers (CPU left out). */
  public static List<String> acceleratorNames() {
    return available().stream()
        .filter(p -> p != OrtProvider.CPU)
        .map(ExecutionProviders::knobName)
        .toList();
  }

  /** The knob name of a provider, e.g. {@code tensorrt} for {@link OrtProvider#TENSOR_RT}. */
  public static String knobName(OrtProvider provider) {
    return provider.name().toLowerCase(Locale.ROOT).replace("_", "");
  }

  /** The provider a knob name denotes, if it denotes one. */
  public static Optional<OrtProvider> forKnobName(String name) {
    for (OrtProvider p : OrtProvider.values()) {
      if (knobName(p).equals(name)) {
        return Optional.of(p);
      }
    }
    return Optional.empty();
  }
}
