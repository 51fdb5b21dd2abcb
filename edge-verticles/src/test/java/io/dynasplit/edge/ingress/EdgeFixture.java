package io.dynasplit.edge.ingress;

import com.hivemq.client.mqtt.MqttClient;
import com.hivemq.client.mqtt.MqttGlobalPublishFilter;
import com.hivemq.client.mqtt.datatypes.MqttQos;
import com.hivemq.client.mqtt.mqtt5.Mqtt5AsyncClient;
import io.dynasplit.edge.EdgeSettings;
import io.dynasplit.edge.inference.CatalogModels;
import io.dynasplit.edge.node.EdgeNodeVerticle;
import io.dynasplit.energy.ModelEnergyMeter;
import io.dynasplit.energy.PowerModel;
import io.dynasplit.models.catalog.ModelCatalog;
import io.dynasplit.models.runtime.SplitParts;
import io.dynasplit.scheduler.Scheduler;
import io.dynasplit.schemas.Reply;
import io.vertx.core.Vertx;
import io.vertx.core.VertxOptions;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

/**
 * Set-up shared by the edge's tests: Vert.x with a low blocked-loop threshold, an edge node, a
 * requester.
 */
final class EdgeFixture {

  static final SplitParts PARTS =
      new SplitParts(ModelCatalog.builtIn(Path.of("target", "models")), 1);

  private EdgeFixture() {}

  /** Vert.x that reports any event-loop task longer than 100 ms. */
  static Vertx vertx() {
    return Vertx.vertx(
        new VertxOptions()
            .setMaxEventLoopExecuteTime(100)
            .setMaxEventLoopExecuteTimeUnit(TimeUnit.MILLISECONDS)
            .setBlockedThreadCheckInterval(200)
            .setBlockedThreadCheckIntervalUnit(TimeUnit.MILLISECONDS));
  }

  /**
   * An edge serving the classifier from its default front (everything on the edge, no cloud
   * needed).
   */
  static EdgeNodeVerticle classifierEdge(String host, int port, String edgeId) {
    return classifierEdge(EdgeSettings.defaults(edgeId, host, port));
  }

  /** An edge with these settings serving the classifier from its default front. */
  static EdgeNodeVerticle classifierEdge(EdgeSettings settings) {
    return new EdgeNodeVerticle(
        settings,
        new CatalogModels(PARTS, List.of("ppocr-cls")),
        Scheduler.withDefaults(),
        Map.of(),
        new ModelEnergyMeter(PowerModel.RASPBERRY_PI_4_UNCALIBRATED),
        null,
        ReplyListener.NONE,
        "test");
  }

  /** An MQTT 5 client that collects the replies on its own response topic. */
  static final class Requester implements AutoCloseable {
    final Mqtt5AsyncClient client;
    final String replyTopic;
    final BlockingQueue<Reply> replies = new LinkedBlockingQueue<>();

    Requester(String host, int port) throws Exception {
      String id = "test-" + UUID.randomUUID();
      replyTopic = "test/" + id + "/replies";
      client =
          MqttClient.builder()
              .useMqttVersion5()
              .identifier(id)
              .serverHost(host)
              .serverPort(port)
              .buildAsync();
      client.publishes(
          MqttGlobalPublishFilter.ALL, p -> replies.add(Reply.fromJson(p.getPayloadAsBytes())));
      client.connect().get(10, TimeUnit.SECONDS);
      client
          .subscribeWith()
          .topicFilter(replyTopic)
          .qos(MqttQos.AT_LEAST_ONCE)
          .send()
          .get(10, TimeUnit.SECONDS);
    }

    void send(String topic, byte[] payload) throws Exception {
      client
          .publishWith()
          .topic(topic)
          .qos(MqttQos.AT_LEAST_ONCE)
          .responseTopic(replyTopic)
          .correlationData("c".getBytes(StandardCharsets.UTF_8))
          .payload(payload)
          .send()
          .get(10, TimeUnit.SECONDS);
    }

    Reply next() throws InterruptedException {
      Reply r = replies.poll(30, TimeUnit.SECONDS);
      if (r == null) {
        throw new AssertionError("no reply within 30 s");
      }
      return r;
    }

    @Override
    public void close() throws Exception {
      client.disconnect().get(10, TimeUnit.SECONDS);
    }
  }
}
