package io.dynasplit.cloud;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.hivemq.client.mqtt.MqttClient;
import com.hivemq.client.mqtt.datatypes.MqttQos;
import com.hivemq.client.mqtt.mqtt5.Mqtt5BlockingClient;
import io.dynasplit.broker.EmbeddedBroker;
import io.dynasplit.models.catalog.ModelCatalog;
import io.dynasplit.models.runtime.Part;
import io.dynasplit.models.runtime.SessionKey;
import io.dynasplit.models.runtime.SplitParts;
import io.dynasplit.schemas.Configuration;
import io.dynasplit.schemas.FrontEntry;
import io.dynasplit.schemas.Json;
import io.dynasplit.schemas.ParetoFront;
import io.dynasplit.schemas.Topics;
import io.dynasplit.testsupport.EmbeddedBrokerExtension;
import io.vertx.core.Vertx;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * A cloud worker loads the tails that the edges' retained Pareto fronts may send it, before any
 * request.
 */
@ExtendWith(EmbeddedBrokerExtension.class)
@Timeout(value = 120, unit = TimeUnit.SECONDS)
class TailWarmUpTest {

  private static final String MODEL = "ppocr-cls";
  private static final SplitParts PARTS =
      new SplitParts(ModelCatalog.builtIn(Path.of("target", "models")), 1);
  private Vertx vertx;

  @AfterEach
  void stop() throws Exception {
    if (vertx != null) {
      vertx.close().await(30, TimeUnit.SECONDS);
    }
  }

  /**
   * Verifies that after a front is retained for an edge, the cloud worker has the tail session of
   * its cloud split loaded without having received a tail request, and not the all-edge entry's.
   */
  @Test
  void retainedFrontWarmsItsCloudTails(EmbeddedBroker broker) throws Exception {
    vertx = Vertx.vertx();
    CloudSettings settings = CloudSettings.defaults("warm-cloud", broker.host(), broker.port());
    CloudNodeVerticle node = new CloudNodeVerticle(settings, PARTS, "test");
    vertx.deployVerticle(node).await(60, TimeUnit.SECONDS);
    List<Integer> candidates = PARTS.candidates(MODEL);
    int middle = candidates.get(candidates.size() / 2);
    int allEdge = PARTS.allEdgeSplit(MODEL);
    SessionKey tail =
        new SessionKey(MODEL, middle, Part.TAIL, settings.accelerator(), settings.threads());
    assertFalse(node.isLoaded(tail));

    ParetoFront front =
        new ParetoFront(
            ParetoFront.SCHEMA_VERSION,
            MODEL,
            "test",
            "2026-01-01T00:00:00Z",
            List.of(
                new FrontEntry(
                    Configuration.atSplit(allEdge).withCloudAccelerator(Configuration.CLOUD_NONE),
                    40,
                    40,
                    40,
                    0,
                    0,
                    0,
                    5,
                    0,
                    null,
                    10),
                new FrontEntry(
                    Configuration.atSplit(middle), 20, 20, 10, 5, 5, 1000, 1, 0.5, null, 10)));
    Mqtt5BlockingClient optimizer =
        MqttClient.builder()
            .useMqttVersion5()
            .identifier("warm-optimizer")
            .serverHost(broker.host())
            .serverPort(broker.port())
            .buildBlocking();
    optimizer.connect();
    try {
      optimizer
          .publishWith()
          .topic(Topics.DEFAULT.edgePareto("warm-edge", MODEL))
          .qos(MqttQos.AT_LEAST_ONCE)
          .retain(true)
          .payload(Json.toBytes(front))
          .send();
    } finally {
      optimizer.disconnect();
    }
    for (int i = 0; i < 600 && !node.isLoaded(tail); i++) {
      Thread.sleep(50);
    }
    assertTrue(node.isLoaded(tail), "the tail of split " + middle + " was not loaded");
    assertFalse(
        node.isLoaded(
            new SessionKey(MODEL, allEdge, Part.TAIL, settings.accelerator(), settings.threads())),
        "the all-edge entry needs no cloud tail");
  }
}
