package io.dynasplit.cloud;

import com.hivemq.client.mqtt.MqttClient;
import com.hivemq.client.mqtt.datatypes.MqttQos;
import com.hivemq.client.mqtt.mqtt5.Mqtt5AsyncClient;
import com.hivemq.client.mqtt.mqtt5.Mqtt5ClientBuilder;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/** Builds the MQTT 5 clients of a cloud worker: reconnect with backoff, optional credentials, a last will. */
final class CloudMqtt {

  /** How long the broker keeps a disconnected worker's session, in seconds. */
  static final long SESSION_EXPIRY_S = 300;

  private CloudMqtt() {}

  static Mqtt5AsyncClient client(CloudSettings s, String clientId, String willTopic, byte[] willPayload) {
    Mqtt5ClientBuilder b =
        MqttClient.builder()
            .useMqttVersion5()
            .identifier(clientId)
            .serverHost(s.brokerHost())
            .serverPort(s.brokerPort())
            .automaticReconnect()
            .initialDelay(200, TimeUnit.MILLISECONDS)
            .maxDelay(10, TimeUnit.SECONDS)
            .applyAutomaticReconnect();
    if (s.username() != null) {
      b = b.simpleAuth()
          .username(s.username())
          .password(s.password() == null ? new byte[0] : s.password().getBytes(StandardCharsets.UTF_8))
          .applySimpleAuth();
    }
    if (willTopic != null) {
      b = b.willPublish().topic(willTopic).qos(MqttQos.AT_LEAST_ONCE).retain(true).payload(willPayload).applyWillPublish();
    }
    return b.buildAsync();
  }

  /**
   * Connects to the broker once and disconnects: says clearly when the broker cannot be reached,
   * and takes the HiveMQ client's first-use initialization (about a second) off the event loops.
   *
   * @throws IllegalStateException when the broker does not accept the connection within 10 s
   * @implNote blocks; call from a worker thread
   */
  static void probe(CloudSettings s) {
    Mqtt5AsyncClient c = client(s, "dynasplit-cloud-" + s.workerId() + "-probe", null, null);
    try {
      c.connectWith().cleanStart(true).send().get(10, TimeUnit.SECONDS);
      c.disconnect().get(10, TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted while connecting to the broker", e);
    } catch (ExecutionException | TimeoutException e) {
      Throwable cause = e.getCause() == null ? e : e.getCause();
      throw new IllegalStateException("cannot reach the mqtt broker at " + s.brokerHost() + ":" + s.brokerPort()
          + ": " + cause.getMessage(), cause);
    }
  }
}
