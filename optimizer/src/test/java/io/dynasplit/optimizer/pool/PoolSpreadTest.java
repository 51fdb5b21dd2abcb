package io.dynasplit.optimizer.pool;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.dynasplit.schemas.Codec;
import io.dynasplit.schemas.Configuration;
import io.dynasplit.schemas.FrontEntry;
import io.dynasplit.schemas.Quantiles;
import java.io.IOException;
import java.io.StringReader;
import java.io.StringWriter;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Tests of the widened pools {@code dynasplit pool widen} writes, on the paper's VGG16 pool. */
class PoolSpreadTest {

  private static SimulationPool pool;

  @BeforeAll
  static void load() throws IOException {
    pool = SplinterPoolCsv.read(SplinterData.file("simulation_pool_vgg16.csv"), "vgg16");
  }

  /**
   * The interquartile range of the head times (the pool has outliers a standard deviation follows).
   */
  private static double spread(List<FrontEntry> rows) {
    double[] head = rows.stream().mapToDouble(FrontEntry::headMs).sorted().toArray();
    return Quantiles.ofSorted(head, 0.75) - Quantiles.ofSorted(head, 0.25);
  }

  /**
   * Verifies that every configuration keeps its mean latency and energy and gets the runs asked
   * for, that the spread of a configuration measured many times is multiplied, and that one
   * measured once gets a spread.
   */
  @Test
  void keepsMeansAndMultipliesSpread() {
    SimulationPool wide = PoolSpread.widen(pool, 3, 100, 1);
    assertEquals(pool.configurations(), wide.configurations());
    assertEquals(100 * pool.size(), wide.rowCount());
    for (Configuration c : pool.configurations()) {
      FrontEntry before = pool.mean(c).orElseThrow();
      FrontEntry after = wide.mean(c).orElseThrow();
      // the clamp at 0 may lift a mean a little
      assertEquals(before.latencyMs(), after.latencyMs(), 0.05 * before.latencyMs(), c::toString);
      assertEquals(before.energyJ(), after.energyJ(), 0.05 * before.energyJ(), c::toString);
      assertEquals(before.bytes(), after.bytes());
    }
    // 1,800 MHz all-cloud: 51 runs, head 8.6 to 10.6 ms and one of 20.9
    Configuration many = new Configuration(0, 1800, "off", 0, Codec.FP32, "gpu");
    double ratio = spread(wide.rows(many)) / spread(pool.rows(many));
    assertTrue(ratio > 2.2 && ratio < 3.8, "spread x" + ratio);
    Configuration once = new Configuration(18, 600, "std", 0, Codec.FP32, "gpu");
    assertEquals(1, pool.rows(once).size());
    assertTrue(spread(wide.rows(once)) > 0.05 * pool.mean(once).orElseThrow().headMs());
  }

  /** Verifies that the same seed gives the same runs, another seed others, factor 0 the means. */
  @Test
  void isSeeded() {
    assertEquals(means(PoolSpread.widen(pool, 3, 5, 7)), means(PoolSpread.widen(pool, 3, 5, 7)));
    assertEquals(
        PoolSpread.widen(pool, 3, 5, 7).rows(pool.configurations().get(0)),
        PoolSpread.widen(pool, 3, 5, 7).rows(pool.configurations().get(0)));
    assertNotEquals(
        PoolSpread.widen(pool, 3, 5, 7).rows(pool.configurations().get(0)),
        PoolSpread.widen(pool, 3, 5, 8).rows(pool.configurations().get(0)));
    SimulationPool flat = PoolSpread.widen(pool, 0, 2, 1);
    Configuration c = pool.configurations().get(0);
    assertEquals(flat.rows(c).get(0), flat.rows(c).get(1));
  }

  /** Verifies that a widened pool written in the paper's format reads back run for run. */
  @Test
  void writesThePapersFormat() throws IOException {
    SimulationPool wide = PoolSpread.widen(pool, 3, 3, 1);
    StringWriter text = new StringWriter();
    SplinterPoolCsv.write(wide, text);
    SimulationPool back =
        SplinterPoolCsv.read("wide.csv", new StringReader(text.toString()), "vgg16");
    assertEquals(wide.rowCount(), back.rowCount());
    for (Configuration c : wide.configurations()) {
      assertEquals(wide.rows(c), back.rows(c), c::toString);
    }
    assertTrue(text.toString().startsWith("accuracy,latency,energy,"));
  }

  private static List<FrontEntry> means(SimulationPool p) {
    return p.means();
  }
}
