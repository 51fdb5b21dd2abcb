package io.dynasplit.app.profile;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.dynasplit.app.command.DataPlaneFixture;
import io.dynasplit.scheduler.ConfigurationSpace;
import io.dynasplit.schemas.Codec;
import io.dynasplit.schemas.Configuration;
import io.dynasplit.schemas.FrontEntry;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** Tests of the live profiler on the real data plane. */
class LiveProfilerTest {

  /**
   * Verifies that at a middle split fp32 reproduces the full model's outputs (fidelity 1), int8
   * sends a quarter of the bytes with a fidelity in [0, 1], int8+lz4 no more with int8's fidelity,
   * and the space holds the knobs the hardware reports.
   */
  @Test
  @Timeout(value = 120, unit = TimeUnit.SECONDS)
  void measuresFidelityAndBytesPerCodec() throws Exception {
    String model = "ppocr-cls";
    List<Integer> candidates = DataPlaneFixture.PARTS.candidates(model);
    int middle = candidates.get(candidates.size() / 2);
    try (LiveProfiler profiler =
        LiveProfiler.start(
            DataPlaneFixture.PARTS,
            model,
            SampleInputs.of(null, "192x48", 3),
            new LiveProfiler.Settings(3, 1),
            null)) {
      ConfigurationSpace space =
          profiler.space(
              List.of(middle), List.of(1), List.of(Codec.FP32, Codec.INT8, Codec.INT8_LZ4));
      assertEquals(
          List.of(Codec.FP32, Codec.INT8, Codec.INT8_LZ4),
          space.values(ConfigurationSpace.Knob.CODEC));
      List<Integer> freqs = profiler.hardware().cpuFrequenciesMHz();
      assertEquals(
          freqs.isEmpty() ? List.of(0) : freqs, space.values(ConfigurationSpace.Knob.CPU_FREQ));
      assertEquals(
          profiler.hardware().edgeAccelerators(),
          space.values(ConfigurationSpace.Knob.EDGE_ACCELERATOR));

      Configuration fp32 = profiler.atSplit(middle, Codec.FP32).withThreads(1);
      LiveProfiler.Measurement exact = profiler.measure(fp32);
      FrontEntry e = exact.entry();
      assertEquals(fp32, e.config());
      assertEquals(3, e.samples());
      assertEquals(1.0, e.fidelity());
      assertTrue(
          e.bytes() > 0 && e.latencyMs() > 0 && e.edgeEnergyJ() > 0 && e.cloudEnergyJ() > 0,
          e.toString());
      assertNotNull(exact.edgeSource());
      assertNotNull(exact.cloudSource());

      FrontEntry q = profiler.measure(fp32.withCodec(Codec.INT8)).entry();
      assertNotNull(q.fidelity());
      assertTrue(q.fidelity() >= 0 && q.fidelity() <= 1, "int8 fidelity: " + q.fidelity());
      assertTrue(
          q.bytes() < e.bytes() / 2,
          "int8 sends about a quarter of fp32's bytes: " + q.bytes() + " vs " + e.bytes());
      // lossless on top of int8: the same outputs, so the same fidelity; never more bytes than
      // int8's but for the longer codec name in the header (a tensor that would not shrink goes
      // as it is: this split's does not)
      FrontEntry packed = profiler.measure(fp32.withCodec(Codec.INT8_LZ4)).entry();
      assertEquals(q.fidelity(), packed.fidelity());
      assertTrue(
          packed.bytes() <= q.bytes() + 16,
          "int8+lz4: " + packed.bytes() + " vs int8: " + q.bytes());
      assertEquals(
          List.of(exact.edgeSource() + "/" + exact.cloudSource()),
          profiler.energySources().subList(0, 1));
    }
  }

  /**
   * Verifies that int8 intermediate tensors lower the text detector's fidelity below 1 (its boxes
   * move) while fp32 at the same split keeps it at 1.
   */
  @Test
  @Timeout(value = 120, unit = TimeUnit.SECONDS)
  void int8LowersTheDetectorsFidelity() throws Exception {
    String model = "ppocr-det";
    int split = 32;
    assertTrue(
        DataPlaneFixture.PARTS.candidates(model).contains(split),
        "split " + split + " is a candidate");
    try (LiveProfiler profiler =
        LiveProfiler.start(
            DataPlaneFixture.PARTS,
            model,
            SampleInputs.of(null, "320x240", 2),
            new LiveProfiler.Settings(2, 1),
            null)) {
      FrontEntry exact = profiler.measure(profiler.atSplit(split, Codec.FP32)).entry();
      FrontEntry int8 = profiler.measure(profiler.atSplit(split, Codec.INT8)).entry();
      assertEquals(1.0, exact.fidelity(), 1e-9);
      assertTrue(int8.fidelity() < 1 && int8.fidelity() > 0, "int8 fidelity: " + int8.fidelity());
    }
  }
}
