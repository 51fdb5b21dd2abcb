package io.dynasplit.schemas;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

class ParetoFrontJsonTest {

  /** Verifies that a front survives a JSON round trip unchanged, unknown fidelity included. */
  @Test
  void frontRoundTripsThroughJson() {
    Configuration c = new Configuration(7, 1800, "max", 4, Codec.INT8, "gpu");
    FrontEntry a = new FrontEntry(c, 120.5, 140.0, 80.0, 20.0, 20.5, 100_352, 0.9, 3.1, 0.61, 50);
    FrontEntry b =
        new FrontEntry(
            Configuration.atSplit(0), 95.0, 99.0, 0, 11, 74, 602_138, 0.4, 66.4, null, 3);
    ParetoFront front =
        new ParetoFront(
            ParetoFront.SCHEMA_VERSION, "vgg16", "pool", "2026-11-23T08:00:00Z", List.of(a, b));

    ParetoFront back = Json.fromBytes(Json.toBytes(front), ParetoFront.class);

    assertEquals(front, back);
    assertTrue(new String(Json.toBytes(c)).contains("\"codec\":\"int8\""));
  }

  /** Verifies that an out-of-range value in JSON is refused with a message naming the field. */
  @Test
  void outOfRangeValuesAreRefused() {
    String json =
        "{\"split\":-1,\"cpuFreqMHz\":0,\"edgeAccelerator\":\"off\",\"threads\":0,\"codec\":\"fp32\",\"cloudAccelerator\":\"cpu\"}";
    IllegalArgumentException e =
        assertThrows(
            IllegalArgumentException.class,
            () -> Json.fromBytes(json.getBytes(), Configuration.class));
    assertTrue(e.getMessage().contains("split must be >= 0: -1"), e.getMessage());
  }
}
