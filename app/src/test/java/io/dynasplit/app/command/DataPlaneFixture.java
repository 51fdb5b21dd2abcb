package io.dynasplit.app.command;

import com.hivemq.client.mqtt.MqttClient;
import com.hivemq.client.mqtt.MqttGlobalPublishFilter;
import com.hivemq.client.mqtt.datatypes.MqttQos;
import com.hivemq.client.mqtt.mqtt5.Mqtt5AsyncClient;
import io.dynasplit.broker.EmbeddedBroker;
import io.dynasplit.cloud.CloudNodeVerticle;
import io.dynasplit.cloud.CloudSettings;
import io.dynasplit.edge.EdgeSettings;
import io.dynasplit.edge.inference.CatalogModels;
import io.dynasplit.edge.ingress.ReplyListener;
import io.dynasplit.edge.node.EdgeNodeVerticle;
import io.dynasplit.energy.ModelEnergyMeter;
import io.dynasplit.energy.PowerModel;
import io.dynasplit.models.catalog.ModelCatalog;
import io.dynasplit.models.runtime.SplitParts;
import io.dynasplit.scheduler.Scheduler;
import io.dynasplit.schemas.Configuration;
import io.dynasplit.schemas.FrontEntry;
import io.dynasplit.schemas.Json;
import io.dynasplit.schemas.ParetoFront;
import io.dynasplit.schemas.Reply;
import io.vertx.core.Vertx;
import io.vertx.core.VertxOptions;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * Shared set-up of the data-plane tests: Vert.x with a low blocked-loop threshold, nodes, a
 * requester.
 */
public final class DataPlaneFixture {

  /** One catalog and one set of split parts for all tests of a JVM: cutting graphs is not free. */
  public static final SplitParts PARTS =
      new SplitParts(ModelCatalog.builtIn(Path.of("target", "models")), 1);

  private DataPlaneFixture() {}

  /** Vert.x that reports any event-loop task longer than 100 ms. */
  static Vertx vertx() {
    return Vertx.vertx(
        new VertxOptions()
            .setMaxEventLoopExecuteTime(100)
            .setMaxEventLoopExecuteTimeUnit(TimeUnit.MILLISECONDS)
            .setBlockedThreadCheckInterval(200)
            .setBlockedThreadCheckIntervalUnit(TimeUnit.MILLISECONDS)
            .setWarningExceptionTime(300)
            .setWarningExceptionTimeUnit(TimeUnit.MILLISECONDS));
  }

  /** The model's middle candidate split: head on the edge, tail in the cloud. */
  static int middleSplit(String model) {
    List<Integer> candidates = PARTS.candidates(model);
    return candidates.get(candidates.size() / 2);
  }

  /**
   * A front of three entries for {@code model}: all on the edge (latency 30, energy 3), the middle
   * split (20, 1) and all in the cloud (10, 2). The {@code energy}, {@code cloud} and {@code edge}
   * policies pick the middle split, all-cloud and all-edge.
   */
  static ParetoFront threeSplitFront(String model) {
    int allEdge = PARTS.allEdgeSplit(model);
    return new ParetoFront(
        ParetoFront.SCHEMA_VERSION,
        model,
        "test",
        "2026-01-01T00:00:00Z",
        List.of(
            entry(
                Configuration.atSplit(allEdge).withCloudAccelerator(Configuration.CLOUD_NONE),
                30,
                3),
            entry(Configuration.atSplit(middleSplit(model)), 20, 1),
            entry(Configuration.atSplit(0), 10, 2)));
  }

  private static FrontEntry entry(Configuration c, double latency, double energy) {
    return new FrontEntry(
        c, latency, latency, latency / 2, 0, latency / 2, 1000, energy, 0, null, 10);
  }

  static CloudSettings cloud(EmbeddedBroker broker, String workerId) {
    return CloudSettings.defaults(workerId, broker.host(), broker.port());
  }

  static EdgeSettings edge(EmbeddedBroker broker, String edgeId) {
    return EdgeSettings.defaults(edgeId, broker.host(), broker.port());
  }

  static CloudNodeVerticle cloudNode(CloudSettings settings) {
    return new CloudNodeVerticle(settings, PARTS, "test");
  }

  static EdgeNodeVerticle edgeNode(
      EdgeSettings settings, List<String> models, Map<String, ParetoFront> fronts) {
    return new EdgeNodeVerticle(
        settings,
        new CatalogModels(PARTS, models),
        Scheduler.withDefaults(),
        fronts,
        new ModelEnergyMeter(PowerModel.RASPBERRY_PI_4_UNCALIBRATED),
        null,
        ReplyListener.NONE,
        "test");
  }

  /**
   * Deploys a cloud worker and an edge serving {@code model} with {@link #threeSplitFront}: the
   * {@code energy} policy runs it split, head on the edge and tail in the cloud.
   */
  static void deploySplitPlane(
      Vertx vertx, EmbeddedBroker broker, String cloudId, String edgeId, String model)
      throws TimeoutException {
    ParetoFront front = threeSplitFront(model);
    vertx
        .deployVerticle(cloudNode(cloud(broker, cloudId)))
        .compose(
            id ->
                vertx.deployVerticle(
                    edgeNode(edge(broker, edgeId), List.of(model), Map.of(model, front))))
        .await(60, TimeUnit.SECONDS);
  }

  /**
   * Runs {@code dynasplit request} against {@code edgeId} on {@code broker} with the energy policy,
   * a 10 s SLA and a 60 s timeout, then {@code input} (the input options, and any others).
   */
  static CliRun request(EmbeddedBroker broker, String edgeId, String model, String... input) {
    List<String> args =
        new ArrayList<>(
            List.of(
                "request",
                "--broker-host",
                broker.host(),
                "--broker-port",
                String.valueOf(broker.port()),
                "--edge",
                edgeId,
                "--model",
                model,
                "--policy",
                "energy",
                "--sla",
                "10000",
                "--timeout",
                "60"));
    args.addAll(List.of(input));
    return CliRun.run(args.toArray(String[]::new));
  }

  /** An MQTT 5 requester that collects every reply on its own reply topic. */
  static final class Requester implements AutoCloseable {
    final Mqtt5AsyncClient client;
    final String replyTopic;
    final BlockingQueue<Reply> replies = new LinkedBlockingQueue<>();
    final BlockingQueue<byte[]> correlations = new LinkedBlockingQueue<>();

    Requester(EmbeddedBroker broker) throws Exception {
      this(broker.host(), broker.port());
    }

    Requester(String host, int port) throws Exception {
      String id = "test-requester-" + UUID.randomUUID();
      replyTopic = "test/" + id + "/replies";
      client =
          MqttClient.builder()
              .useMqttVersion5()
              .identifier(id)
              .serverHost(host)
              .serverPort(port)
              .buildAsync();
      client.publishes(
          MqttGlobalPublishFilter.ALL,
          p -> {
            replies.add(Reply.fromJson(p.getPayloadAsBytes()));
            p.getCorrelationData()
                .ifPresent(
                    b -> {
                      byte[] c = new byte[b.remaining()];
                      b.duplicate().get(c);
                      correlations.add(c);
                    });
          });
      client.connect().get(10, TimeUnit.SECONDS);
      client
          .subscribeWith()
          .topicFilter(replyTopic)
          .qos(MqttQos.AT_LEAST_ONCE)
          .send()
          .get(10, TimeUnit.SECONDS);
    }

    /** Publishes a payload with this requester's response topic and a correlation id. */
    void send(String topic, byte[] payload, String correlation) throws Exception {
      client
          .publishWith()
          .topic(topic)
          .qos(MqttQos.AT_LEAST_ONCE)
          .responseTopic(replyTopic)
          .correlationData(correlation.getBytes(StandardCharsets.UTF_8))
          .payload(payload)
          .send()
          .get(10, TimeUnit.SECONDS);
    }

    /**
     * Publishes a payload without a response topic (the edge must use replyTo or the default
     * topic).
     */
    void sendPlain(String topic, byte[] payload) throws Exception {
      client
          .publishWith()
          .topic(topic)
          .qos(MqttQos.AT_LEAST_ONCE)
          .payload(payload)
          .send()
          .get(10, TimeUnit.SECONDS);
    }

    Reply next(long seconds) throws InterruptedException {
      Reply r = replies.poll(seconds, TimeUnit.SECONDS);
      if (r == null) {
        throw new AssertionError("no reply within " + seconds + " s");
      }
      return r;
    }

    @Override
    public void close() throws Exception {
      client.disconnect().get(10, TimeUnit.SECONDS);
    }
  }

  static String json(Object o) {
    return new String(Json.toBytes(o), StandardCharsets.UTF_8);
  }
}
