package io.dynasplit.schemas.mqtt;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.ServerSocket;
import org.junit.jupiter.api.Test;

class MqttClientsTest {

  /** Verifies that probing a port nobody listens on says where and why, never "null". */
  @Test
  void unreachableBrokerIsNamedWithTheReason() throws Exception {
    int port;
    try (ServerSocket s = new ServerSocket(0)) {
      port = s.getLocalPort();
    }
    BrokerConnection broker = new BrokerConnection("127.0.0.1", port, null, null);
    IllegalStateException e =
        assertThrows(IllegalStateException.class, () -> MqttClients.probe(broker, "probe-test"));
    assertTrue(
        e.getMessage().startsWith("cannot reach the mqtt broker at 127.0.0.1:" + port + ": "),
        e.getMessage());
    assertFalse(e.getMessage().endsWith("null"), e.getMessage());
    assertFalse(e.getMessage().endsWith(":" + port), "the address is said once: " + e.getMessage());
  }

  /** Verifies that a broker connection refuses a port out of range, naming it. */
  @Test
  void portOutOfRangeIsRefused() {
    IllegalArgumentException e =
        assertThrows(
            IllegalArgumentException.class,
            () -> new BrokerConnection("localhost", 70000, null, null));
    assertTrue(e.getMessage().contains("70000"), e.getMessage());
  }
}
