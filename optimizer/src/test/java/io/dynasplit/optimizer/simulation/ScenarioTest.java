package io.dynasplit.optimizer.simulation;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.dynasplit.optimizer.pool.CsvFormatException;
import java.io.IOException;
import java.io.StringReader;
import org.junit.jupiter.api.Test;

class ScenarioTest {

  /** Verifies that a fraction scenario holds each step from its position until the next. */
  @Test
  void fractionStepsHoldUntilTheNext() throws IOException {
    Scenario s =
        ScenarioCsv.read(
            "drop.csv",
            new StringReader("fraction,bandwidth_factor,cloud_load_factor\n0.25,0.5,1\n0.5,1,3\n"));

    assertEquals(Scenario.Axis.FRACTION, s.axis());
    assertEquals(Scenario.PROFILED, s.at(0, 100, 0));
    assertEquals(0.5, s.at(25, 100, 0).bandwidthFactor());
    assertEquals(0.5, s.at(49, 100, 0).bandwidthFactor());
    assertEquals(3, s.at(50, 100, 0).cloudLoadFactor());
    assertEquals(3, s.at(99, 100, 0).cloudLoadFactor());
  }

  /** Verifies that request and time axes read the index and the start time. */
  @Test
  void requestAndTimeAxes() throws IOException {
    Scenario byRequest =
        ScenarioCsv.read(
            "r.csv", new StringReader("request,bandwidth_factor,cloud_load_factor\n10,0.25,1\n"));
    Scenario byTime =
        ScenarioCsv.read(
            "t.csv", new StringReader("time_s,bandwidth_factor,cloud_load_factor\n2.5,1,2\n"));

    assertEquals(1, byRequest.at(9, 100, 1000).bandwidthFactor());
    assertEquals(0.25, byRequest.at(10, 100, 0).bandwidthFactor());
    assertEquals(1, byTime.at(99, 100, 2.4).cloudLoadFactor());
    assertEquals(2, byTime.at(0, 100, 2.5).cloudLoadFactor());
    assertTrue(Scenario.NONE.isNone());
  }

  /**
   * Verifies that a missing axis, a zero factor and out-of-order steps are refused with the line
   * and column.
   */
  @Test
  void badScenariosAreRefused() {
    CsvFormatException noAxis =
        assertThrows(
            CsvFormatException.class,
            () ->
                ScenarioCsv.read(
                    "a.csv",
                    new StringReader("index,bandwidth_factor,cloud_load_factor\n1,1,1\n")));
    CsvFormatException zero =
        assertThrows(
            CsvFormatException.class,
            () ->
                ScenarioCsv.read(
                    "b.csv",
                    new StringReader("request,bandwidth_factor,cloud_load_factor\n1,0,1\n")));
    CsvFormatException order =
        assertThrows(
            CsvFormatException.class,
            () ->
                ScenarioCsv.read(
                    "c.csv",
                    new StringReader(
                        "request,bandwidth_factor,cloud_load_factor\n5,1,1\n5,2,1\n")));

    assertTrue(noAxis.getMessage().contains("axis column"), noAxis.getMessage());
    assertTrue(
        zero.getMessage().contains("bandwidth_factor") && zero.getMessage().contains("2"),
        zero.getMessage());
    assertTrue(order.getMessage().contains("increasing"), order.getMessage());
  }
}
