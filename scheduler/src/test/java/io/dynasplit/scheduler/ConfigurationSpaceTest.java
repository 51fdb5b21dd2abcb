package io.dynasplit.scheduler;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.dynasplit.schemas.Codec;
import io.dynasplit.schemas.Configuration;
import java.util.HashSet;
import org.junit.jupiter.api.Test;

/** Tests of the configuration space and its rules. */
class ConfigurationSpaceTest {

  private final ConfigurationSpace space = ConfigurationSpace.splinterVgg16();

  /**
   * Verifies that the paper's VGG16 space has 917 valid configurations (966 combinations less 28 at
   * split 0 and 21 at split 22).
   */
  @Test
  void vgg16SpaceHas917() {
    assertEquals(917, space.size());
    assertEquals(917, new HashSet<>(space.configurations()).size());
    for (int i = 0; i < space.size(); i++) {
      assertEquals(i, space.indexOf(space.configurations().get(i)));
    }
  }

  /**
   * Verifies that a space over every codec, the compressed ones included, holds each as a value of
   * the codec knob (one gene of the optimizer) and that its configurations round-trip through their
   * indexes.
   */
  @Test
  void everyCodecIsAKnobValue() {
    ConfigurationSpace all =
        new ConfigurationSpace(
            java.util.List.of(0, 5, 9),
            java.util.List.of(0),
            java.util.List.of(Configuration.ACCELERATOR_OFF),
            java.util.List.of(1),
            java.util.List.of(Codec.values()),
            java.util.List.of("cpu"),
            9);
    assertEquals(java.util.List.of(Codec.values()), all.values(ConfigurationSpace.Knob.CODEC));
    // every split with every codec (the rules keep the codec even where no tensor is sent)
    assertEquals(3 * Codec.values().length, all.size(), all.configurations().toString());
    for (Configuration c : all.configurations()) {
      assertEquals(c, all.decode(all.encode(c)));
    }
    assertTrue(
        all.contains(
            new Configuration(5, 0, Configuration.ACCELERATOR_OFF, 1, Codec.INT8_ZSTD, "cpu")));
  }

  /**
   * Verifies that every index vector decodes to a valid configuration and valid ones round-trip.
   */
  @Test
  void decodeAppliesTheRules() {
    var seen = new HashSet<Configuration>();
    for (int s = 0; s < 23; s++) {
      for (int f = 0; f < 7; f++) {
        for (int e = 0; e < 3; e++) {
          for (int c = 0; c < 2; c++) {
            Configuration conf = space.decode(new int[] {s, f, e, 0, 0, c});
            assertTrue(space.contains(conf), conf::toString);
            assertArrayEquals(space.encode(conf), space.encode(space.decode(space.encode(conf))));
            seen.add(conf);
          }
        }
      }
    }
    assertEquals(917, seen.size());
    assertEquals("off", space.decode(new int[] {0, 0, 2, 0, 0, 1}).edgeAccelerator());
    assertEquals("none", space.decode(new int[] {22, 0, 2, 0, 0, 1}).cloudAccelerator());
  }

  /** Verifies that invalid configurations are named with the rule they break. */
  @Test
  void invalidConfigurationsAreExplained() {
    assertNotNull(space.whyInvalid(new Configuration(0, 600, "max", 0, Codec.FP32, "gpu")));
    assertNotNull(space.whyInvalid(new Configuration(22, 600, "max", 0, Codec.FP32, "gpu")));
    assertNotNull(space.whyInvalid(new Configuration(5, 600, "max", 0, Codec.FP32, "none")));
    assertNotNull(space.whyInvalid(new Configuration(5, 700, "max", 0, Codec.FP32, "cpu")));
    var e =
        assertThrows(
            IllegalArgumentException.class,
            () -> space.encode(new Configuration(0, 600, "max", 0, Codec.FP32, "gpu")));
    assertTrue(e.getMessage().contains("edge accelerator must be off at split 0"), e.getMessage());
    assertThrows(IllegalArgumentException.class, () -> space.decode(new int[] {23, 0, 0, 0, 0, 0}));
  }
}
