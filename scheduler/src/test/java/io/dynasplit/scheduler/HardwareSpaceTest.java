package io.dynasplit.scheduler;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.dynasplit.scheduler.ConfigurationSpace.Knob;
import io.dynasplit.schemas.Codec;
import java.util.List;
import org.junit.jupiter.api.Test;

class HardwareSpaceTest {

  /**
   * Verifies that an unmanaged CPU frequency becomes the single value 0, the all-cloud and all-edge
   * splits are always in, and the rules count the valid configurations.
   */
  @Test
  void unmanagedKnobsHaveOneValue() {
    ConfigurationSpace space =
        HardwareSpace.of(
            List.of(3, 7),
            11,
            List.of(),
            List.of("off"),
            List.of(2, 1, 2),
            List.of(Codec.INT8, Codec.FP32),
            List.of("cpu"));
    assertEquals(List.of(0), space.values(Knob.CPU_FREQ));
    assertEquals(List.of(0, 3, 7, 11), space.splits());
    assertEquals(List.of(1, 2), space.values(Knob.THREADS));
    assertEquals(11, space.allEdgeSplit());
    // 4 splits x 2 threads x 2 codecs, one value for every other knob
    assertEquals(16, space.size());
  }

  /**
   * Verifies that managed frequencies are all knob values and a split beyond the model is refused.
   */
  @Test
  void managedFrequenciesAndBadSplits() {
    ConfigurationSpace space =
        HardwareSpace.of(
            List.of(),
            5,
            List.of(1800, 600),
            List.of("off", "cuda"),
            List.of(0),
            List.of(Codec.FP32),
            List.of("cpu"));
    assertEquals(List.of(600, 1800), space.values(Knob.CPU_FREQ));
    // split 0: 2 freqs; split 5: 2 freqs x 2 accelerators
    assertEquals(6, space.size());
    assertThrows(
        IllegalArgumentException.class,
        () ->
            HardwareSpace.of(
                List.of(6),
                5,
                List.of(),
                List.of("off"),
                List.of(0),
                List.of(Codec.FP32),
                List.of("cpu")));
  }
}
