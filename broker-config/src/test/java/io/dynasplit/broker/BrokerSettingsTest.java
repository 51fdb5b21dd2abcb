package io.dynasplit.broker;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/** Checks of the broker settings record and the rendered HiveMQ configuration. */
class BrokerSettingsTest {

  private static final Path DIR = Path.of("/tmp/broker-settings-test");

  /**
   * Verifies that ports outside 0..65535 and equal ports are rejected with messages that name the
   * value.
   */
  @Test
  void rejectsBadPorts() {
    IllegalArgumentException high =
        assertThrows(IllegalArgumentException.class, () -> BrokerSettings.of(DIR).withPort(70000));
    assertEquals("port must be in 0..65535: 70000", high.getMessage());
    IllegalArgumentException negative =
        assertThrows(IllegalArgumentException.class, () -> BrokerSettings.of(DIR).withWsPort(-1));
    assertEquals("wsPort must be in 0..65535: -1", negative.getMessage());
    IllegalArgumentException same =
        assertThrows(IllegalArgumentException.class, () -> BrokerSettings.of(DIR).withWsPort(1883));
    assertEquals("port and wsPort must differ: both are 1883", same.getMessage());
  }

  /**
   * Verifies that a blank or XML-breaking bind address is rejected, and a missing folder is an NPE
   * naming it.
   */
  @Test
  void rejectsBadAddressAndFolder() {
    assertThrows(IllegalArgumentException.class, () -> BrokerSettings.of(DIR).withBindAddress(" "));
    assertThrows(
        IllegalArgumentException.class, () -> BrokerSettings.of(DIR).withBindAddress("<x>"));
    NullPointerException npe =
        assertThrows(NullPointerException.class, () -> BrokerSettings.of(null));
    assertEquals("dataDir", npe.getMessage());
  }

  /**
   * Verifies that the defaults are those of dynasplit broker, and the test settings ask for free
   * loopback ports.
   */
  @Test
  void defaults() {
    assertEquals(new BrokerSettings(1883, 8000, "0.0.0.0", DIR), BrokerSettings.of(DIR));
    assertEquals(new BrokerSettings(0, 0, "127.0.0.1", DIR), BrokerSettings.ephemeral(DIR));
  }

  /**
   * Verifies that the rendered configuration carries the ports and address, the persistence mode
   * and no usage statistics.
   */
  @Test
  void rendersTheTemplate() {
    String xml = EmbeddedBroker.renderConfig(new BrokerSettings(1884, 8001, "10.0.0.5", DIR));
    assertTrue(
        xml.contains(
            "<tcp-listener>\n"
                + "            <port>1884</port>\n"
                + "            <bind-address>10.0.0.5</bind-address>"),
        xml);
    assertTrue(
        xml.contains(
            "<websocket-listener>\n"
                + "            <port>8001</port>\n"
                + "            <bind-address>10.0.0.5</bind-address>"),
        xml);
    assertTrue(xml.contains("<mode>in-memory</mode>"), xml);
    String file =
        EmbeddedBroker.renderConfig(
            BrokerSettings.ephemeral(DIR).withPersistence(BrokerPersistence.FILE));
    assertTrue(file.contains("<mode>file</mode>"), file);
    assertTrue(xml.contains("<anonymous-usage-statistics>\n        <enabled>false</enabled>"), xml);
    assertTrue(!xml.contains("${"), xml);
  }
}
