package io.dynasplit.optimizer.pool;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.dynasplit.scheduler.ConfigurationSpace;
import io.dynasplit.schemas.Codec;
import io.dynasplit.schemas.Configuration;
import io.dynasplit.schemas.FrontEntry;
import java.io.IOException;
import java.io.StringReader;
import java.util.HashSet;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Tests of the paper's pool importer against the shared VGG16 file and against broken input. */
class SplinterPoolCsvTest {

  private static SimulationPool pool;

  @BeforeAll
  static void load() throws IOException {
    pool = SplinterPoolCsv.read(SplinterData.file("simulation_pool_vgg16.csv"), "vgg16");
  }

  private static Configuration vgg(int layer, int mhz, String edge, String cloud) {
    return new Configuration(layer, mhz, edge, 0, Codec.FP32, cloud);
  }

  /** Verifies that the VGG16 pool has 1,082 runs of 747 configurations in a space of 917. */
  @Test
  void vgg16PoolHasItsConfigurations() {
    assertEquals(1082, pool.rowCount());
    assertEquals(747, pool.size());
    assertEquals(917, pool.space().size());
    assertEquals(
        ConfigurationSpace.splinterVgg16().configurations(), pool.space().configurations());
  }

  /** Verifies that every measured configuration obeys the paper's space rules. */
  @Test
  void vgg16PoolObeysTheSpaceRules() {
    for (Configuration c : pool.configurations()) {
      assertNull(pool.space().whyInvalid(c), c::toString);
      if (c.split() == 0) {
        assertEquals("off", c.edgeAccelerator(), c::toString);
      }
      if (c.split() == 22) {
        assertEquals(Configuration.CLOUD_NONE, c.cloudAccelerator(), c::toString);
      } else {
        assertTrue(List.of("cpu", "gpu").contains(c.cloudAccelerator()), c::toString);
      }
    }
  }

  /**
   * Verifies that means equal a hand computation (Python over the CSV) for configurations with 10,
   * 51 and 2 runs.
   */
  @Test
  void meansMatchAHandComputation() {
    FrontEntry a = pool.mean(vgg(14, 1400, "std", "gpu")).orElseThrow();
    assertEquals(10, a.samples());
    assertEquals(116.1343330965, a.latencyMs(), 1e-9);
    assertEquals(0.5756556108242011, a.edgeEnergyJ(), 1e-12);
    assertEquals(68.35186576843262, a.cloudEnergyJ(), 1e-9);
    assertEquals(3.6211472231999933, a.transferMs(), 1e-9);
    assertEquals(0.608, a.fidelity(), 1e-12);
    assertEquals(Math.round(98.0244140625 * 1024), a.bytes());

    FrontEntry b = pool.mean(vgg(0, 1800, "off", "gpu")).orElseThrow();
    assertEquals(51, b.samples());
    assertEquals(96.31428274927448, b.latencyMs(), 1e-9);
    assertEquals(0.3734742224890369, b.edgeEnergyJ(), 1e-12);
    assertEquals(68.66114044189453, b.cloudEnergyJ(), 1e-9);

    FrontEntry c = pool.mean(vgg(22, 1000, "max", Configuration.CLOUD_NONE)).orElseThrow();
    assertEquals(2, c.samples());
    assertEquals(430.71908141, c.latencyMs(), 1e-9);
    assertEquals(2.242799402873224, c.edgeEnergyJ(), 1e-12);
    assertEquals(0.0, c.cloudEnergyJ());
    assertEquals(0L, c.bytes());
  }

  /**
   * Verifies that a configuration's latency parts add up to its latency and its energy parts to the
   * energy column.
   */
  @Test
  void partsAddUp() {
    for (FrontEntry e : pool.means()) {
      assertEquals(
          e.latencyMs(),
          e.headMs() + e.transferMs() + e.tailMs(),
          1e-6 * e.latencyMs(),
          e.config()::toString);
    }
    // first data row of the file: energy 2.236007854890859 = edge 2.236007854890859 + cloud 0
    FrontEntry first = pool.rows(vgg(22, 1200, "max", Configuration.CLOUD_NONE)).get(0);
    assertEquals(2.236007854890859, first.energyJ(), 1e-15);
  }

  /**
   * Verifies that an unmeasured valid configuration answers empty and a sampled run is one of the
   * measured rows.
   */
  @Test
  void unmeasuredIsEmptyAndSamplesAreRows() {
    List<Configuration> unmeasured =
        pool.space().configurations().stream().filter(c -> !pool.isMeasured(c)).toList();
    assertEquals(917 - 747, unmeasured.size());
    assertTrue(pool.mean(unmeasured.get(0)).isEmpty());
    assertTrue(pool.sample(unmeasured.get(0), new SplittableRandom(1)).isEmpty());

    Configuration many = vgg(22, 800, "std", Configuration.CLOUD_NONE);
    List<FrontEntry> rows = pool.rows(many);
    assertEquals(123, rows.size());
    var latencies = new HashSet<Double>();
    rows.forEach(r -> latencies.add(r.latencyMs()));
    SplittableRandom random = new SplittableRandom(7);
    var drawn = new HashSet<Double>();
    for (int i = 0; i < 200; i++) {
      double l = pool.sample(many, random).orElseThrow().latencyMs();
      assertTrue(latencies.contains(l));
      drawn.add(l);
    }
    assertTrue(drawn.size() > 10, "draws vary: " + drawn.size());
  }

  private static final String HEADER =
      "accuracy,latency,energy,avg energy edge (J),avg latency edge (ms),avg latency cloud (ms),avg"
          + " latency transfer (ms),avg energy cloud (J),tensor size"
          + " (KB),cpu-freq,layer,edge-accelerator,server-accelerator\n";

  private static SimulationPool parse(String text) throws IOException {
    return SplinterPoolCsv.read("bad.csv", new StringReader(text), "vgg16");
  }

  /** Verifies that a header without a needed column is rejected naming line 1 and the column. */
  @Test
  void missingColumnIsNamed() {
    String header = HEADER.replace(",cpu-freq", "");
    var e =
        assertThrows(
            CsvFormatException.class, () -> parse(header + "0.6,1,1,1,1,0,0,0,0,22.0,max,False\n"));
    assertEquals(1, e.line());
    assertEquals("cpu-freq", e.column());
    assertTrue(
        e.getMessage().startsWith("bad.csv line 1, column 'cpu-freq': missing column"),
        e.getMessage());
  }

  /** Verifies that a value of the wrong type is rejected naming its line and column. */
  @Test
  void wrongTypeIsNamed() {
    String text =
        HEADER
            + "0.6,100,1,1,100,0,0,0,0,1200.0,22.0,max,False\n"
            + "0.6,100,1,1,100,0,0,0,0,fast,22.0,max,False\n";
    var e = assertThrows(CsvFormatException.class, () -> parse(text));
    assertEquals(3, e.line());
    assertEquals("cpu-freq", e.column());
    assertTrue(e.getMessage().contains("expected a number, got 'fast'"), e.getMessage());

    var f =
        assertThrows(
            CsvFormatException.class,
            () -> parse(HEADER + "0.6,100,1,1,100,0,0,0,0,1200.5,22.0,max,False\n"));
    assertTrue(
        f.getMessage().contains("line 2, column 'cpu-freq': expected an integer, got '1200.5'"),
        f.getMessage());

    var g =
        assertThrows(
            CsvFormatException.class,
            () -> parse(HEADER + "0.6,100,1,1,100,0,0,0,0,1200.0,22.0,max,maybe\n"));
    assertEquals("server-accelerator", g.column());
  }

  /**
   * Verifies that an empty file, and a file with only a header, are rejected with a clear message.
   */
  @Test
  void emptyFileIsRejected() {
    var e = assertThrows(CsvFormatException.class, () -> parse(""));
    assertTrue(
        e.getMessage().startsWith("bad.csv: empty file, expected a header line"), e.getMessage());
    var f = assertThrows(CsvFormatException.class, () -> parse(HEADER));
    assertTrue(f.getMessage().contains("no data rows"), f.getMessage());
  }

  /**
   * Verifies that a row breaking the paper's rules (accelerator at layer 0, GPU at the all-edge
   * layer) is rejected.
   */
  @Test
  void brokenSpaceRulesAreNamed() {
    String allEdge = "0.6,400,2,2,400,0,0,0,0,1200.0,2.0,max,False\n";
    var e =
        assertThrows(
            CsvFormatException.class,
            () -> parse(HEADER + allEdge + "0.6,100,60,1,10,80,10,59,500,1200.0,0.0,std,True\n"));
    assertEquals(3, e.line());
    assertEquals("edge-accelerator", e.column());
    var f =
        assertThrows(
            CsvFormatException.class,
            () ->
                parse(
                    HEADER
                        + "0.6,100,60,1,10,80,10,59,500,1200.0,0.0,off,True\n"
                        + "0.6,400,2,2,400,0,0,0,0,1200.0,2.0,max,True\n"));
    assertEquals("server-accelerator", f.column());
  }

  /** Verifies that a row with too few fields is rejected naming its line. */
  @Test
  void shortRowIsNamed() {
    var e = assertThrows(CsvFormatException.class, () -> parse(HEADER + "0.6,100,1\n"));
    assertEquals(2, e.line());
    assertFalse(e.getMessage().isEmpty());
  }
}
