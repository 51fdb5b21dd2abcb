package io.dynasplit.cloud;

import com.hivemq.client.mqtt.datatypes.MqttQos;
import com.hivemq.client.mqtt.mqtt5.Mqtt5AsyncClient;
import io.dynasplit.schemas.CloudTelemetry;
import io.dynasplit.schemas.Json;
import io.dynasplit.schemas.NodeStatus;
import io.dynasplit.schemas.mqtt.MqttClients;
import io.vertx.core.Future;
import io.vertx.core.VerticleBase;
import java.util.List;
import java.util.Objects;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Publishes a cloud worker's retained status ({@code online}, {@code offline} as the last will and
 * on a clean stop) and its load telemetry: queue length, service time quantiles, instances,
 * completed and rejected jobs. Edges use it to estimate the cloud's queue.
 */
public final class CloudStatusVerticle extends VerticleBase {

  private static final Logger LOG = LoggerFactory.getLogger(CloudStatusVerticle.class);

  private final CloudSettings settings;
  private final CloudLoad load;
  private final String version;
  private Mqtt5AsyncClient client;
  private long timer = -1;

  /** A status publisher for a worker process running {@code version}. */
  public CloudStatusVerticle(CloudSettings settings, CloudLoad load, String version) {
    this.settings = Objects.requireNonNull(settings, "settings");
    this.load = Objects.requireNonNull(load, "load");
    this.version = Objects.requireNonNull(version, "version");
  }

  @Override
  public Future<?> start() {
    String topic = settings.topics().cloudStatus(settings.workerId());
    byte[] will = Json.toBytes(NodeStatus.offline(NodeStatus.Role.CLOUD, settings.workerId(), version, 0));
    client = MqttClients.client(settings.broker(), "dynasplit-cloud-" + settings.workerId() + "-status", topic, will);
    return Future.fromCompletionStage(client.connectWith().cleanStart(true).send(), context)
        .compose(ack -> publishStatus(NodeStatus.online(NodeStatus.Role.CLOUD, settings.workerId(), version, List.of(),
            System.currentTimeMillis())))
        .onSuccess(v -> timer = vertx.setPeriodic(settings.telemetryPeriodMs(), t -> publishTelemetry()));
  }

  @Override
  public Future<?> stop() {
    if (timer >= 0) {
      vertx.cancelTimer(timer);
      timer = -1;
    }
    Mqtt5AsyncClient c = client;
    if (c == null) {
      return Future.succeededFuture();
    }
    return publishStatus(NodeStatus.offline(NodeStatus.Role.CLOUD, settings.workerId(), version,
            System.currentTimeMillis()))
        .recover(e -> Future.succeededFuture())
        .compose(v -> {
          client = null;
          return Future.fromCompletionStage(c.disconnect(), context);
        })
        .recover(e -> Future.succeededFuture());
  }

  private Future<Void> publishStatus(NodeStatus status) {
    return Future.fromCompletionStage(
            client.publishWith()
                .topic(settings.topics().cloudStatus(settings.workerId()))
                .qos(MqttQos.AT_LEAST_ONCE)
                .retain(true)
                .payload(Json.toBytes(status))
                .send(),
            context)
        .mapEmpty();
  }

  private void publishTelemetry() {
    Mqtt5AsyncClient c = client;
    if (c == null) {
      return;
    }
    CloudTelemetry t = new CloudTelemetry(settings.workerId(), System.currentTimeMillis(), load.queued(), load.queued(),
        settings.instances(), load.serviceQuantileMs(0.5), load.serviceQuantileMs(0.95), load.served(),
        load.rejected(), settings.accelerator());
    c.publishWith()
        .topic(settings.topics().cloudTelemetry(settings.workerId()))
        .qos(MqttQos.AT_MOST_ONCE)
        .payload(Json.toBytes(t))
        .send()
        .whenComplete((r, e) -> {
          if (e != null) {
            LOG.debug("telemetry not published [worker: {}]: {}", settings.workerId(), e.toString());
          }
        });
  }
}
