package io.dynasplit.schemas.mqtt;

import com.hivemq.client.mqtt.MqttClient;
import com.hivemq.client.mqtt.datatypes.MqttQos;
import com.hivemq.client.mqtt.mqtt5.Mqtt5AsyncClient;
import com.hivemq.client.mqtt.mqtt5.Mqtt5ClientBuilder;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * Builds every MQTT 5 client we create: edge and cloud nodes (reconnect with backoff, a last will)
 * and short jobs such as publishing a front; credentials come from one {@link BrokerConnection}.
 */
public final class MqttClients {

  /** How long the broker keeps a disconnected node's session, in seconds. */
  public static final long SESSION_EXPIRY_S = 300;

  private MqttClients() {}

  /**
   * A client of a broker with reconnect and credentials.
   *
   * @param willTopic the topic of a retained last will, or null for none
   * @param willPayload the last will's JSON payload (used with {@code willTopic})
   */
  public static Mqtt5AsyncClient client(
      BrokerConnection broker, String clientId, String willTopic, byte[] willPayload) {
    Mqtt5ClientBuilder b =
        builder(broker, clientId)
            .automaticReconnect()
            .initialDelay(200, TimeUnit.MILLISECONDS)
            .maxDelay(10, TimeUnit.SECONDS)
            .applyAutomaticReconnect();
    if (willTopic != null) {
      b =
          MqttContent.json(
                  b.willPublish()
                      .topic(willTopic)
                      .qos(MqttQos.AT_LEAST_ONCE)
                      .retain(true)
                      .payload(willPayload))
              .applyWillPublish();
    }
    return b.buildAsync();
  }

  /**
   * A client of a broker with its credentials and no automatic reconnect, for a short job (publish
   * once, probe): a refused connection fails at once, with its reason.
   */
  public static Mqtt5AsyncClient oneShot(BrokerConnection broker, String clientId) {
    return builder(broker, clientId).buildAsync();
  }

  /** A builder with the broker's address and credentials. */
  private static Mqtt5ClientBuilder builder(BrokerConnection broker, String clientId) {
    Mqtt5ClientBuilder b =
        MqttClient.builder()
            .useMqttVersion5()
            .identifier(clientId)
            .serverHost(broker.host())
            .serverPort(broker.port());
    if (broker.username() != null) {
      b =
          b.simpleAuth()
              .username(broker.username())
              .password(
                  broker.password() == null
                      ? new byte[0]
                      : broker.password().getBytes(StandardCharsets.UTF_8))
              .applySimpleAuth();
    }
    return b;
  }

  /**
   * Connects to the broker once and disconnects: says clearly when the broker cannot be reached,
   * and takes the HiveMQ client's first-use initialization (about a second) off the event loops.
   *
   * @throws IllegalStateException when the broker does not accept the connection within 10 s, with
   *     the reason ("cannot reach the mqtt broker at localhost:1883: Connection refused")
   * @implNote blocks; call from a worker thread
   */
  public static void probe(BrokerConnection broker, String clientId) {
    Mqtt5AsyncClient c = oneShot(broker, clientId);
    try {
      c.connectWith().cleanStart(true).send().get(10, TimeUnit.SECONDS);
      c.disconnect().get(10, TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(
          "interrupted while connecting to the mqtt broker at " + broker.address(), e);
    } catch (TimeoutException e) {
      c.disconnect();
      throw new IllegalStateException(
          "cannot reach the mqtt broker at " + broker.address() + ": no answer within 10 s", e);
    } catch (ExecutionException e) {
      Throwable cause = e.getCause() == null ? e : e.getCause();
      throw new IllegalStateException(
          "cannot reach the mqtt broker at " + broker.address() + ": " + reason(cause), cause);
    }
  }

  /**
   * The most specific message in a cause chain, or the innermost exception's type when none has
   * one.
   */
  static String reason(Throwable t) {
    String message = null;
    Throwable innermost = t;
    for (Throwable c = t; c != null; c = c.getCause() == c ? null : c.getCause()) {
      innermost = c;
      if (c.getMessage() != null && !c.getMessage().isBlank()) {
        message = c.getMessage();
      }
    }
    // netty appends the socket address ("Connection refused: /127.0.0.1:1883"), which the caller
    // already names
    return message != null
        ? message.replaceFirst(":\\s*/[^\\s/]*:\\d+$", "")
        : innermost.getClass().getSimpleName();
  }
}
