package io.dynasplit.edge.hardware.accel;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.onnxruntime.OrtProvider;
import org.junit.jupiter.api.Test;

class ExecutionProvidersTest {

  /**
   * Verifies that ONNX Runtime reports the CPU provider and that it is not listed as an
   * accelerator.
   */
  @Test
  void cpuIsAvailableButNotAnAccelerator() {
    assertTrue(ExecutionProviders.available().contains(OrtProvider.CPU));
    assertFalse(ExecutionProviders.acceleratorNames().contains("cpu"));
  }

  /** Verifies that knob names round-trip to providers. */
  @Test
  void knobNamesRoundTrip() {
    assertEquals("tensorrt", ExecutionProviders.knobName(OrtProvider.TENSOR_RT));
    for (OrtProvider p : OrtProvider.values()) {
      assertEquals(p, ExecutionProviders.forKnobName(ExecutionProviders.knobName(p)).orElseThrow());
    }
    assertTrue(ExecutionProviders.forKnobName("warp-drive").isEmpty());
  }
}
