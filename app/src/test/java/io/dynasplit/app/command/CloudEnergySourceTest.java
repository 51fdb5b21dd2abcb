package io.dynasplit.app.command;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.dynasplit.broker.EmbeddedBroker;
import io.dynasplit.cloud.EnergySettings;
import io.dynasplit.schemas.Configuration;
import io.dynasplit.schemas.DType;
import io.dynasplit.schemas.EnergySource;
import io.dynasplit.schemas.FrontEntry;
import io.dynasplit.schemas.InferenceReply;
import io.dynasplit.schemas.InferenceRequest;
import io.dynasplit.schemas.Json;
import io.dynasplit.schemas.ParetoFront;
import io.dynasplit.schemas.Reply;
import io.dynasplit.schemas.RequestInput;
import io.dynasplit.schemas.Shape;
import io.dynasplit.schemas.Topics;
import io.dynasplit.testsupport.EmbeddedBrokerExtension;
import io.dynasplit.testsupport.sysfs.FakeSysfs;
import io.vertx.core.Vertx;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/** The reply's energy when the edge's figure is modelled and the cloud worker's is measured. */
@ExtendWith(EmbeddedBrokerExtension.class)
@Timeout(value = 120, unit = TimeUnit.SECONDS)
class CloudEnergySourceTest {

  private static final String MODEL = "ppocr-cls";
  private Vertx vertx;

  @AfterEach
  void stop() throws Exception {
    if (vertx != null) {
      vertx.close().await(30, TimeUnit.SECONDS);
    }
  }

  /**
   * Verifies that a split reply names the cloud worker's own source (rapl) apart from the edge's
   * (model).
   */
  @Test
  void replyCarriesTheCloudSourceApart(EmbeddedBroker broker, @TempDir Path dir) throws Exception {
    // given: a cloud worker on a fake RAPL package whose counter stands still, an edge on the power
    // model
    vertx = DataPlaneFixture.vertx();
    FakeSysfs sysfs = FakeSysfs.at(dir).raplZone(0, 7_000_000, 262_143_328_850L);
    String edgeId = "energy-source-edge";
    int split =
        DataPlaneFixture.PARTS
            .candidates(MODEL)
            .get(DataPlaneFixture.PARTS.candidates(MODEL).size() / 2);
    ParetoFront front =
        new ParetoFront(
            ParetoFront.SCHEMA_VERSION,
            MODEL,
            "test",
            "2026-01-01T00:00:00Z",
            List.of(
                new FrontEntry(
                    Configuration.atSplit(split), 20, 20, 10, 0, 10, 1000, 1, 0, null, 10)));
    vertx
        .deployVerticle(
            DataPlaneFixture.cloudNode(
                DataPlaneFixture.cloud(broker, "energy-source-cloud")
                    .withEnergy(EnergySettings.defaults().withPowercapRoot(sysfs.powercapDir()))))
        .compose(
            id ->
                vertx.deployVerticle(
                    DataPlaneFixture.edgeNode(
                        DataPlaneFixture.edge(broker, edgeId),
                        List.of(MODEL),
                        Map.of(MODEL, front))))
        .await(60, TimeUnit.SECONDS);
    RequestInput input =
        RequestInput.tensor(DType.FLOAT32, Shape.of(1, 3, 48, 192), new byte[3 * 48 * 192 * 4]);
    InferenceRequest request =
        InferenceRequest.of("energy-source-1", MODEL, 10_000, input).withPolicy("energy");

    // when
    Reply reply;
    try (DataPlaneFixture.Requester requester = new DataPlaneFixture.Requester(broker)) {
      requester.send(Topics.DEFAULT.edgeRequests(edgeId), Json.toBytes(request), "c-1");
      reply = requester.next(60);
    }

    // then
    InferenceReply ok =
        assertInstanceOf(InferenceReply.class, reply, () -> DataPlaneFixture.json(reply));
    assertEquals(split, ok.config().split());
    assertEquals(EnergySource.MODEL, ok.energyJ().source(), "the edge's figure is modelled");
    assertEquals(EnergySource.RAPL, ok.energyJ().cloudSource(), "the cloud's figure is measured");
    assertEquals(0.0, ok.energyJ().cloud(), "the fake counter did not move");
    assertTrue(ok.energyJ().edge() > 0, "modelled edge joules: " + ok.energyJ().edge());
    String json = DataPlaneFixture.json(ok);
    assertTrue(
        json.contains("\"source\":\"model\"") && json.contains("\"cloudSource\":\"rapl\""), json);
  }
}
