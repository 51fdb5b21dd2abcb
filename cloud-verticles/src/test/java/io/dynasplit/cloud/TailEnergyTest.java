package io.dynasplit.cloud;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.hivemq.client.mqtt.MqttClient;
import com.hivemq.client.mqtt.MqttGlobalPublishFilter;
import com.hivemq.client.mqtt.datatypes.MqttQos;
import com.hivemq.client.mqtt.mqtt5.Mqtt5AsyncClient;
import io.dynasplit.broker.EmbeddedBroker;
import io.dynasplit.schemas.Codec;
import io.dynasplit.schemas.EnergySource;
import io.dynasplit.schemas.FrameCodec;
import io.dynasplit.schemas.TailRequestHeader;
import io.dynasplit.schemas.TailResult;
import io.dynasplit.schemas.Tensor;
import io.dynasplit.schemas.Topics;
import io.dynasplit.testsupport.EmbeddedBrokerExtension;
import io.dynasplit.testsupport.sysfs.FakeSysfs;
import io.vertx.core.Vertx;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/** A cloud worker on a real broker answering one tail with the energy of its own meter. */
@ExtendWith(EmbeddedBrokerExtension.class)
@Timeout(value = 120, unit = TimeUnit.SECONDS)
class TailEnergyTest {

  private Vertx vertx;

  @BeforeEach
  void vertx() {
    vertx = Vertx.vertx();
  }

  @AfterEach
  void close() throws Exception {
    vertx.close().await(30, TimeUnit.SECONDS);
  }

  /**
   * Verifies that a worker with no power sensor and no RAPL meters its tails with the power model.
   */
  @Test
  void metersWithTheModelWhereNothingMeasures(EmbeddedBroker broker, @TempDir Path dir)
      throws Exception {
    // given: no powercap tree
    EnergySettings energy = EnergySettings.defaults().withPowercapRoot(dir.resolve("no-powercap"));

    // when
    TailResult result = oneTail(broker, "energy-model", energy);

    // then: the flat 65 W over a window that took some time
    assertTrue(result.isOk(), () -> "tail failed: " + result.error());
    assertEquals(EnergySource.MODEL, result.energy().source());
    assertTrue(result.energy().joules() > 0, "modelled joules: " + result.energy().joules());
  }

  /**
   * Verifies that a worker with readable RAPL counters reports its tails' energy from them, source
   * rapl.
   */
  @Test
  void metersWithRaplWhereReadable(EmbeddedBroker broker, @TempDir Path dir) throws Exception {
    // given: one package whose counter stands still
    FakeSysfs sysfs = FakeSysfs.at(dir).raplZone(0, 5_000_000, 262_143_328_850L);
    EnergySettings energy = EnergySettings.defaults().withPowercapRoot(sysfs.powercapDir());

    // when
    TailResult result = oneTail(broker, "energy-rapl", energy);

    // then: the counter's difference, not the model's 65 W
    assertTrue(result.isOk(), () -> "tail failed: " + result.error());
    assertEquals(EnergySource.RAPL, result.energy().source());
    assertEquals(0.0, result.energy().joules());
  }

  private TailResult oneTail(EmbeddedBroker broker, String worker, EnergySettings energy)
      throws Exception {
    // each test on its own topic tree: a stopped worker's persistent session keeps its shared
    // subscription
    Topics topics = new Topics("test/" + worker);
    CloudSettings settings =
        CloudSettings.defaults(worker, broker.host(), broker.port())
            .withEnergy(energy)
            .withTopics(topics);
    CloudNodeVerticle node = new CloudNodeVerticle(settings, SharedSubscriptionTest.PARTS, "test");
    vertx.deployVerticle(node).await(60, TimeUnit.SECONDS);
    assertEquals(
        Optional.of(
            energy.powercapRoot().toFile().exists() ? EnergySource.RAPL : EnergySource.MODEL),
        node.energySource());
    List<Integer> candidates =
        SharedSubscriptionTest.PARTS.candidates(SharedSubscriptionTest.MODEL);
    int split = candidates.get(candidates.size() / 2);
    List<Tensor> intermediate = SharedSubscriptionTest.head(split);
    String edgeId = worker + "-edge";
    String responseTopic = topics.edgeTailResults(edgeId);
    CompletableFuture<TailResult> answer = new CompletableFuture<>();
    Mqtt5AsyncClient edge =
        MqttClient.builder()
            .useMqttVersion5()
            .identifier(edgeId)
            .serverHost(broker.host())
            .serverPort(broker.port())
            .buildAsync();
    edge.publishes(
        MqttGlobalPublishFilter.ALL,
        p ->
            answer.complete(
                FrameCodec.decode(p.getPayload().orElseThrow()).metadata(TailResult.class)));
    edge.connect().get(10, TimeUnit.SECONDS);
    try {
      edge.subscribeWith()
          .topicFilter(responseTopic)
          .qos(MqttQos.AT_LEAST_ONCE)
          .send()
          .get(10, TimeUnit.SECONDS);
      long now = System.currentTimeMillis();
      TailRequestHeader header =
          new TailRequestHeader(
              worker + "-job",
              SharedSubscriptionTest.MODEL,
              split,
              60_000,
              now + 60_000,
              now,
              now,
              Codec.FP16,
              edgeId);
      edge.publishWith()
          .topic(topics.cloudTail())
          .qos(MqttQos.AT_LEAST_ONCE)
          .responseTopic(responseTopic)
          .correlationData(header.id().getBytes())
          .payload(FrameCodec.encode(header, intermediate, Codec.FP16))
          .send()
          .get(10, TimeUnit.SECONDS);
      return answer.get(60, TimeUnit.SECONDS);
    } finally {
      edge.disconnect().get(10, TimeUnit.SECONDS);
    }
  }
}
