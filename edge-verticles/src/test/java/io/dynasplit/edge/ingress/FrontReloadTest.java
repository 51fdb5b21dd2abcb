package io.dynasplit.edge.ingress;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.hivemq.client.mqtt.MqttClient;
import com.hivemq.client.mqtt.datatypes.MqttQos;
import com.hivemq.client.mqtt.mqtt5.Mqtt5BlockingClient;
import io.dynasplit.broker.EmbeddedBroker;
import io.dynasplit.edge.inference.CatalogModels;
import io.dynasplit.edge.pipeline.EdgeAddresses;
import io.dynasplit.edge.pipeline.Plan;
import io.dynasplit.edge.pipeline.ScheduleQuery;
import io.dynasplit.scheduler.Decision;
import io.dynasplit.schemas.Configuration;
import io.dynasplit.schemas.FrontEntry;
import io.dynasplit.schemas.Json;
import io.dynasplit.schemas.ParetoFront;
import io.dynasplit.schemas.Topics;
import io.dynasplit.testsupport.EmbeddedBrokerExtension;
import io.vertx.core.Vertx;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Hot reload of Pareto fronts: fronts the edge cannot schedule from are ignored, good ones are
 * loaded.
 */
@ExtendWith(EmbeddedBrokerExtension.class)
@Timeout(value = 120, unit = TimeUnit.SECONDS)
class FrontReloadTest {

  private static final String EDGE = "reload-edge";
  private static final String MODEL = "ppocr-cls";

  private Vertx vertx;
  private Mqtt5BlockingClient optimizer;

  @BeforeEach
  void start(EmbeddedBroker broker) throws Exception {
    vertx = EdgeFixture.vertx();
    vertx
        .deployVerticle(EdgeFixture.classifierEdge(broker.host(), broker.port(), EDGE))
        .await(60, TimeUnit.SECONDS);
    optimizer =
        MqttClient.builder()
            .useMqttVersion5()
            .identifier("reload-optimizer")
            .serverHost(broker.host())
            .serverPort(broker.port())
            .buildBlocking();
    optimizer.connect();
  }

  @AfterEach
  void stop() throws Exception {
    if (optimizer != null) {
      optimizer.disconnect();
    }
    if (vertx != null) {
      vertx.close().await(30, TimeUnit.SECONDS);
    }
  }

  private static ParetoFront front(String model, int split) {
    FrontEntry e =
        new FrontEntry(Configuration.atSplit(split), 10, 10, 5, 1, 4, 1000, 0.1, 0.1, null, 5);
    return new ParetoFront(
        ParetoFront.SCHEMA_VERSION, model, "optimizer", "2026-11-23T08:00:00Z", List.of(e));
  }

  private void publish(ParetoFront front) {
    optimizer
        .publishWith()
        .topic(Topics.DEFAULT.edgePareto(EDGE, front.model()))
        .qos(MqttQos.AT_LEAST_ONCE)
        .retain(true)
        .payload(Json.toBytes(front))
        .send();
  }

  private Decision decide(String model) throws Exception {
    Plan plan =
        vertx
            .eventBus()
            .<Plan>request(
                EdgeAddresses.schedule(EDGE), new ScheduleQuery(model, 1000, null, false, 0))
            .await(10, TimeUnit.SECONDS)
            .body();
    return plan.decision();
  }

  /**
   * Verifies that a published front for a model the edge does not serve, or with a split that is
   * not one of the model's candidates, is ignored, while a good front is loaded.
   */
  @Test
  void badFrontsAreIgnored() throws Exception {
    List<Integer> candidates =
        new CatalogModels(EdgeFixture.PARTS, List.of(MODEL)).candidates(MODEL);
    int good = candidates.get(1);
    int bad = candidates.stream().mapToInt(Integer::intValue).max().orElseThrow() + 7;
    publish(front(MODEL, good));
    for (int i = 0; i < 200 && decide(MODEL).entry().config().split() != good; i++) {
      Thread.sleep(50);
    }
    assertEquals(good, decide(MODEL).entry().config().split(), "the good front was not loaded");

    publish(front(MODEL, bad));
    publish(front("no-such-model", 1));
    // the bad fronts arrive within milliseconds; for a while afterwards nothing may change
    for (int i = 0; i < 30; i++) {
      Thread.sleep(50);
      assertEquals(
          good,
          decide(MODEL).entry().config().split(),
          "a front with a non-candidate split was loaded");
      assertEquals(
          Decision.Status.UNKNOWN_MODEL,
          decide("no-such-model").status(),
          "a front for a model the edge does not serve was loaded");
    }
    assertTrue(candidates.contains(good));
  }
}
