package io.dynasplit.app.bench;

import com.hivemq.client.mqtt.MqttClient;
import com.hivemq.client.mqtt.MqttGlobalPublishFilter;
import com.hivemq.client.mqtt.datatypes.MqttQos;
import com.hivemq.client.mqtt.mqtt5.Mqtt5AsyncClient;
import java.nio.ByteBuffer;
import java.util.UUID;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.TimeUnit;

/**
 * The floor of a tail exchange through a broker: a bare MQTT 5 request and answer of given sizes,
 * QoS 1 both ways, the project's MQTT client on both ends, nothing else (no frame, no inference).
 * The echo side answers on the request's response topic with as many bytes as the request's
 * correlation data asks for.
 */
public final class MqttEcho implements AutoCloseable {

  private static final long TIMEOUT_S = 60;

  private final Mqtt5AsyncClient echo;
  private final Mqtt5AsyncClient requester;
  private final String requestTopic;
  private final String replyTopic;
  private final BlockingQueue<Long> answers = new ArrayBlockingQueue<>(1);

  private MqttEcho(
      Mqtt5AsyncClient echo, Mqtt5AsyncClient requester, String requestTopic, String replyTopic) {
    this.echo = echo;
    this.requester = requester;
    this.requestTopic = requestTopic;
    this.replyTopic = replyTopic;
  }

  /** Connects an echo and a requester to the broker at {@code host:port}. */
  public static MqttEcho start(String host, int port) throws Exception {
    String id = UUID.randomUUID().toString().substring(0, 8);
    String requestTopic = "dynasplit-bench/" + id + "/echo";
    String replyTopic = "dynasplit-bench/" + id + "/answer";
    Mqtt5AsyncClient echo = client(host, port, "dynasplit-bench-echo-" + id);
    Mqtt5AsyncClient requester = client(host, port, "dynasplit-bench-requester-" + id);
    MqttEcho e = new MqttEcho(echo, requester, requestTopic, replyTopic);
    echo.publishes(
        MqttGlobalPublishFilter.ALL,
        p -> {
          int size = p.getCorrelationData().map(b -> b.duplicate().getInt()).orElse(0);
          echo.publishWith()
              .topic(p.getResponseTopic().map(Object::toString).orElse(replyTopic))
              .qos(MqttQos.AT_LEAST_ONCE)
              .payload(ByteBuffer.allocate(size))
              .send();
        });
    requester.publishes(MqttGlobalPublishFilter.ALL, p -> e.answers.offer(System.nanoTime()));
    echo.connect().get(10, TimeUnit.SECONDS);
    requester.connect().get(10, TimeUnit.SECONDS);
    echo.subscribeWith()
        .topicFilter(requestTopic)
        .qos(MqttQos.AT_LEAST_ONCE)
        .send()
        .get(10, TimeUnit.SECONDS);
    requester
        .subscribeWith()
        .topicFilter(replyTopic)
        .qos(MqttQos.AT_LEAST_ONCE)
        .send()
        .get(10, TimeUnit.SECONDS);
    return e;
  }

  /**
   * Round trips, one at a time, of {@code requestBytes} out and {@code answerBytes} back.
   *
   * @return the round trips of the measured ones, in milliseconds, in order
   */
  public double[] roundTripsMs(int requestBytes, int answerBytes, int warmup, int n)
      throws Exception {
    ByteBuffer payload = ByteBuffer.allocate(requestBytes);
    byte[] correlation = ByteBuffer.allocate(4).putInt(answerBytes).array();
    double[] ms = new double[n];
    for (int i = -warmup; i < n; i++) {
      long t0 = System.nanoTime();
      requester
          .publishWith()
          .topic(requestTopic)
          .qos(MqttQos.AT_LEAST_ONCE)
          .responseTopic(replyTopic)
          .correlationData(correlation)
          .payload(payload.duplicate())
          .send();
      Long t1 = answers.poll(TIMEOUT_S, TimeUnit.SECONDS);
      if (t1 == null) {
        throw new IllegalStateException("no echo within " + TIMEOUT_S + " s");
      }
      if (i >= 0) {
        ms[i] = (t1 - t0) / 1e6;
      }
    }
    return ms;
  }

  @Override
  public void close() throws Exception {
    try {
      requester.disconnect().get(10, TimeUnit.SECONDS);
    } finally {
      echo.disconnect().get(10, TimeUnit.SECONDS);
    }
  }

  private static Mqtt5AsyncClient client(String host, int port, String id) {
    return MqttClient.builder()
        .useMqttVersion5()
        .identifier(id)
        .serverHost(host)
        .serverPort(port)
        .buildAsync();
  }
}
