package io.dynasplit.app.profile;

import com.hivemq.client.mqtt.MqttClient;
import com.hivemq.client.mqtt.datatypes.MqttQos;
import com.hivemq.client.mqtt.mqtt5.Mqtt5AsyncClient;
import io.dynasplit.app.channel.ThrottlingProxy;
import io.dynasplit.broker.BrokerSettings;
import io.dynasplit.broker.EmbeddedBroker;
import io.dynasplit.cloud.CloudNodeVerticle;
import io.dynasplit.cloud.CloudSettings;
import io.dynasplit.cloud.EmulatedConditions;
import io.dynasplit.edge.EdgeSettings;
import io.dynasplit.edge.hardware.HardwareVerticle;
import io.dynasplit.edge.inference.CatalogModels;
import io.dynasplit.edge.ingress.ReplyListener;
import io.dynasplit.edge.node.EdgeNodeVerticle;
import io.dynasplit.models.runtime.SplitParts;
import io.dynasplit.scheduler.Policy;
import io.dynasplit.schemas.Json;
import io.dynasplit.schemas.ParetoFront;
import io.dynasplit.schemas.Topics;
import io.dynasplit.schemas.mqtt.BrokerConnection;
import io.dynasplit.schemas.mqtt.MqttContent;
import io.vertx.core.Vertx;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * A whole data plane in this process for measuring it: an embedded broker on a free loopback port
 * in a temporary folder, one cloud worker and one edge node whose replies a listener hears, and a
 * client that publishes requests and fronts. The real path: every request and tensor crosses the
 * broker. The live profiler measures through it; {@code dynasplit demo} drives workloads through
 * it, with the cloud worker's {@link EmulatedConditions} for a slow uplink or a busy cloud.
 */
public final class InProcessDataPlane implements AutoCloseable {

  public static final String EDGE_ID = "profile-edge";

  private final Path dir;
  private final EmbeddedBroker broker;
  private final Vertx vertx;
  private final Mqtt5AsyncClient client;
  private final HardwareVerticle hardware;
  private final String cloudAccelerator;
  private final ThrottlingProxy channel;

  private InProcessDataPlane(
      Path dir,
      EmbeddedBroker broker,
      Vertx vertx,
      Mqtt5AsyncClient client,
      HardwareVerticle hardware,
      String cloudAccelerator,
      ThrottlingProxy channel) {
    this.dir = dir;
    this.broker = broker;
    this.vertx = vertx;
    this.client = client;
    this.hardware = hardware;
    this.cloudAccelerator = cloudAccelerator;
    this.channel = channel;
  }

  /** Starts broker, cloud worker and edge node serving {@code models}. */
  static InProcessDataPlane start(
      SplitParts parts,
      List<String> models,
      ReplyListener listener,
      int cloudInstances,
      PlaneOptions options)
      throws Exception {
    return start(parts, models, listener, cloudInstances, options, EmulatedConditions.none());
  }

  /**
   * Starts broker, cloud worker and edge node serving {@code models} with the default plane
   * options, the cloud worker under emulated conditions that the caller may change while it runs.
   */
  public static InProcessDataPlane start(
      SplitParts parts,
      List<String> models,
      ReplyListener listener,
      int cloudInstances,
      EmulatedConditions emulation)
      throws Exception {
    return start(parts, models, listener, cloudInstances, PlaneOptions.DEFAULT, emulation);
  }

  /**
   * Starts broker, cloud worker and edge node serving {@code models}, the cloud worker under
   * emulated conditions that the caller may change while it runs.
   *
   * @param listener hears every reply, on the edge's event loop (must not block)
   * @param options the cloud worker's threads and energy, the edge's hardware
   */
  public static InProcessDataPlane start(
      SplitParts parts,
      List<String> models,
      ReplyListener listener,
      int cloudInstances,
      PlaneOptions options,
      EmulatedConditions emulation)
      throws Exception {
    Path dir = Files.createTempDirectory("dynasplit-profile-");
    EmbeddedBroker broker = EmbeddedBroker.start(BrokerSettings.ephemeral(dir));
    Vertx vertx = DataPlaneSetup.vertx();
    ThrottlingProxy proxy = null;
    try {
      if (options.channel() != null) {
        proxy = ThrottlingProxy.start(broker.host(), broker.port(), options.channel());
      }
      CloudSettings cloud =
          CloudSettings.defaults("profile-cloud", broker.host(), broker.port())
              .withInstances(cloudInstances)
              .withThreads(options.cloudThreads())
              .withEnergy(options.cloudEnergy())
              .withEmulation(emulation);
      EdgeSettings edge =
          EdgeSettings.defaults(EDGE_ID, broker.host(), broker.port())
              .withMaxInFlight(256)
              .withEmulation(options.edgeEmulation())
              .withTailBroker(
                  proxy == null
                      ? null
                      : new BrokerConnection(proxy.host(), proxy.port(), null, null));
      CatalogModels served = new CatalogModels(parts, models);
      HardwareVerticle hw = DataPlaneSetup.deployHardware(vertx, options.edgeHardware());
      vertx
          .deployVerticle(new CloudNodeVerticle(cloud, parts, DataPlaneSetup.projectVersion()))
          .compose(
              id ->
                  vertx.deployVerticle(
                      new EdgeNodeVerticle(
                          edge,
                          served,
                          DataPlaneSetup.scheduler(Policy.ADAPTIVE),
                          Map.of(),
                          DataPlaneSetup.edgeMeterBesideCloud(hw.energyMeter(), EDGE_ID),
                          hw,
                          listener,
                          DataPlaneSetup.projectVersion())))
          .await(300, TimeUnit.SECONDS);
      Mqtt5AsyncClient client =
          MqttClient.builder()
              .useMqttVersion5()
              .identifier("dynasplit-profile-client")
              .serverHost(broker.host())
              .serverPort(broker.port())
              .buildAsync();
      client.connect().get(10, TimeUnit.SECONDS);
      return new InProcessDataPlane(dir, broker, vertx, client, hw, cloud.accelerator(), proxy);
    } catch (Exception | Error e) {
      DataPlaneSetup.close(vertx);
      if (proxy != null) {
        proxy.close();
      }
      broker.close();
      throw e;
    }
  }

  /**
   * The edge's hardware verticle: what it can set (frequencies, accelerators) and its energy meter.
   */
  HardwareVerticle hardware() {
    return hardware;
  }

  /**
   * The accelerator the cloud worker runs its tails on ({@code cpu} or {@code gpu}); it cannot
   * change here.
   */
  String cloudAccelerator() {
    return cloudAccelerator;
  }

  /**
   * The throttling proxy between the edge's tail client and the broker, whose shaping the caller
   * may change while the plane runs; empty unless the plane options asked for one.
   */
  public java.util.Optional<ThrottlingProxy> channel() {
    return java.util.Optional.ofNullable(channel);
  }

  /** The address of the plane's broker. */
  String brokerHost() {
    return broker.host();
  }

  /** The port of the plane's broker. */
  int brokerPort() {
    return broker.port();
  }

  /** Publishes a front retained on the edge's pareto topic (the edge hot-reloads it). */
  public void publishFront(ParetoFront front) throws Exception {
    MqttContent.json(
            client
                .publishWith()
                .topic(Topics.DEFAULT.edgePareto(EDGE_ID, front.model()))
                .qos(MqttQos.AT_LEAST_ONCE)
                .retain(true)
                .payload(Json.toBytes(front)))
        .send()
        .get(10, TimeUnit.SECONDS);
  }

  /** Publishes a request payload (a JSON envelope or a DSF1 frame) to the edge. */
  public void request(byte[] payload) {
    MqttContent.of(
            client
                .publishWith()
                .topic(Topics.DEFAULT.edgeRequests(EDGE_ID))
                .qos(MqttQos.AT_LEAST_ONCE)
                .payload(payload),
            ByteBuffer.wrap(payload))
        .send();
  }

  @Override
  public void close() throws Exception {
    try {
      client.disconnect().get(10, TimeUnit.SECONDS);
    } finally {
      DataPlaneSetup.close(vertx);
      if (channel != null) {
        channel.close();
      }
      broker.close();
      try (Stream<Path> files = Files.walk(dir)) {
        files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
      } catch (IOException e) {
        // a temporary folder left behind is harmless
      }
    }
  }
}
