package io.dynasplit.optimizer.pool;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.StringReader;
import org.junit.jupiter.api.Test;

/** Tests of the SLA workload reader. */
class SlaWorkloadCsvTest {

  /**
   * Verifies that the 10,000-request file gives 10,000 VGG16 SLAs in index order within the
   * documented range.
   */
  @Test
  void readsTheVgg16Workload() throws IOException {
    SlaWorkload w =
        SlaWorkloadCsv.read(SplinterData.file("network_latency_10000_samples.csv"), "vgg16");
    assertEquals(10_000, w.size());
    assertEquals(98.96655129220227, w.slaMs(0), 1e-12);
    assertEquals(1448.538877879157, w.slaMs(1), 1e-12);
    for (double s : w.slasMs()) {
      assertTrue(s >= 90.6 && s <= 5026.9, "sla " + s);
    }
    assertEquals(
        50,
        SlaWorkloadCsv.read(SplinterData.file("network_latency_50_samples.csv"), "VGG16").size());
  }

  /** Verifies that rows are ordered by Index and filtered by network. */
  @Test
  void filtersAndOrders() throws IOException {
    String text = "Index,Network,Latency\n1,vgg16,200\n0,vgg16,100\n0,vit,5\n";
    SlaWorkload w = SlaWorkloadCsv.read("w.csv", new StringReader(text), "vgg16");
    assertEquals(2, w.size());
    assertEquals(100, w.slaMs(0));
    assertEquals(200, w.slaMs(1));
  }

  /** Verifies that an unknown network, a bad latency and a missing column are named. */
  @Test
  void badInputIsNamed() {
    var e =
        assertThrows(
            CsvFormatException.class,
            () ->
                SlaWorkloadCsv.read(
                    "w.csv", new StringReader("Index,Network,Latency\n0,vit,5\n"), "vgg16"));
    assertTrue(
        e.getMessage().contains("no rows for network 'vgg16' (the file has vit)"), e.getMessage());
    var f =
        assertThrows(
            CsvFormatException.class,
            () ->
                SlaWorkloadCsv.read(
                    "w.csv", new StringReader("Index,Network,Latency\n0,vgg16,-3\n"), "vgg16"));
    assertEquals(2, f.line());
    assertEquals("Latency", f.column());
    var g =
        assertThrows(
            CsvFormatException.class,
            () ->
                SlaWorkloadCsv.read(
                    "w.csv", new StringReader("Index,Network\n0,vgg16\n"), "vgg16"));
    assertEquals("Latency", g.column());
  }
}
