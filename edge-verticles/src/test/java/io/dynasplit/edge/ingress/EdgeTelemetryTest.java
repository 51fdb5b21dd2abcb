package io.dynasplit.edge.ingress;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.hivemq.client.mqtt.MqttClient;
import com.hivemq.client.mqtt.MqttGlobalPublishFilter;
import com.hivemq.client.mqtt.datatypes.MqttQos;
import com.hivemq.client.mqtt.mqtt5.Mqtt5AsyncClient;
import io.dynasplit.broker.EmbeddedBroker;
import io.dynasplit.edge.EdgeSettings;
import io.dynasplit.edge.inference.CatalogModels;
import io.dynasplit.edge.node.EdgeNodeVerticle;
import io.dynasplit.energy.ModelEnergyMeter;
import io.dynasplit.energy.PowerModel;
import io.dynasplit.scheduler.Scheduler;
import io.dynasplit.schemas.Configuration;
import io.dynasplit.schemas.DType;
import io.dynasplit.schemas.EdgeTelemetry;
import io.dynasplit.schemas.FrontEntry;
import io.dynasplit.schemas.InferenceReply;
import io.dynasplit.schemas.InferenceRequest;
import io.dynasplit.schemas.Json;
import io.dynasplit.schemas.ParetoFront;
import io.dynasplit.schemas.RequestInput;
import io.dynasplit.schemas.Shape;
import io.dynasplit.schemas.Topics;
import io.dynasplit.testsupport.EmbeddedBrokerExtension;
import io.vertx.core.Vertx;
import java.util.List;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.ExtendWith;

/** The edge's periodic telemetry on the broker. */
@ExtendWith(EmbeddedBrokerExtension.class)
@Timeout(value = 120, unit = TimeUnit.SECONDS)
class EdgeTelemetryTest {

  private static final String EDGE = "telemetry-edge";

  /**
   * Verifies that after a request the telemetry carries the scheduler's live estimates (the head
   * factor it observed) and, once idle, an empty queue and nothing in flight.
   */
  @Test
  void telemetryCarriesTheSchedulersEstimates(EmbeddedBroker broker) throws Exception {
    Vertx vertx = EdgeFixture.vertx();
    try {
      CatalogModels models = new CatalogModels(EdgeFixture.PARTS, List.of("ppocr-cls"));
      Configuration allEdge =
          Configuration.atSplit(models.allEdgeSplit("ppocr-cls"))
              .withCloudAccelerator(Configuration.CLOUD_NONE);
      ParetoFront front =
          new ParetoFront(
              ParetoFront.SCHEMA_VERSION,
              "ppocr-cls",
              "test",
              "2026-11-23T00:00:00Z",
              List.of(new FrontEntry(allEdge, 20, 25, 20, 0, 0, 0, 0.1, 0, null, 5)));
      vertx
          .deployVerticle(
              new EdgeNodeVerticle(
                  EdgeSettings.defaults(EDGE, broker.host(), broker.port()),
                  models,
                  Scheduler.withDefaults(),
                  Map.of("ppocr-cls", front),
                  new ModelEnergyMeter(PowerModel.RASPBERRY_PI_4_UNCALIBRATED),
                  null,
                  ReplyListener.NONE,
                  "test"))
          .await(60, TimeUnit.SECONDS);

      BlockingQueue<EdgeTelemetry> telemetry = new LinkedBlockingQueue<>();
      Mqtt5AsyncClient observer =
          MqttClient.builder()
              .useMqttVersion5()
              .identifier("telemetry-observer")
              .serverHost(broker.host())
              .serverPort(broker.port())
              .buildAsync();
      observer.publishes(
          MqttGlobalPublishFilter.ALL,
          p -> telemetry.add(Json.fromBytes(p.getPayloadAsBytes(), EdgeTelemetry.class)));
      observer.connect().get(10, TimeUnit.SECONDS);
      observer
          .subscribeWith()
          .topicFilter(Topics.DEFAULT.edgeTelemetry(EDGE))
          .qos(MqttQos.AT_MOST_ONCE)
          .send()
          .get(10, TimeUnit.SECONDS);

      try (EdgeFixture.Requester requester =
          new EdgeFixture.Requester(broker.host(), broker.port())) {
        requester.send(
            Topics.DEFAULT.edgeRequests(EDGE),
            Json.toBytes(
                InferenceRequest.of(
                    "t-1",
                    "ppocr-cls",
                    10_000,
                    RequestInput.tensor(
                        DType.FLOAT32, Shape.of(1, 3, 48, 192), new byte[3 * 48 * 192 * 4]))));
        assertInstanceOf(InferenceReply.class, requester.next());
      }

      EdgeTelemetry seen = null;
      while (seen == null) {
        EdgeTelemetry t = telemetry.poll(30, TimeUnit.SECONDS);
        assertNotNull(
            t, "telemetry with the answered request and the head factor it showed, within 30 s");
        if (t.slaMet() + t.slaMissed() >= 1
            && t.inFlight() == 0
            && t.estimates().edgeFactor() != null) {
          seen = t;
        }
      }
      assertEquals(1, seen.requests());
      assertEquals(0, seen.queueLength());
      assertTrue(seen.estimates().edgeFactor() > 0, seen.estimates().toString());
      observer.disconnect().get(10, TimeUnit.SECONDS);
    } finally {
      vertx.close().await(30, TimeUnit.SECONDS);
    }
  }
}
