package io.dynasplit.cloud;

import io.dynasplit.schemas.CloudTelemetry;
import io.dynasplit.schemas.Json;
import io.dynasplit.schemas.NodeStatus;
import io.dynasplit.schemas.mqtt.NodePresence;
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
  private final CloudMetrics metrics;
  private final NodePresence presence;
  private long timer = -1;

  /** A status publisher for a worker process running {@code version}. */
  public CloudStatusVerticle(CloudSettings settings, CloudMetrics metrics, String version) {
    this.settings = Objects.requireNonNull(settings, "settings");
    this.metrics = Objects.requireNonNull(metrics, "metrics");
    this.presence =
        new NodePresence(
            settings.broker(),
            "dynasplit-cloud-" + settings.workerId() + "-status",
            settings.topics().cloudStatus(settings.workerId()),
            NodeStatus.Role.CLOUD,
            settings.workerId(),
            version,
            List.of());
  }

  @Override
  public Future<?> start() {
    return Future.fromCompletionStage(presence.connect(), context)
        .onSuccess(
            v -> timer = vertx.setPeriodic(settings.telemetryPeriodMs(), t -> publishTelemetry()));
  }

  @Override
  public Future<?> stop() {
    vertx.cancelTimer(timer);
    return Future.fromCompletionStage(presence.close(), context);
  }

  private void publishTelemetry() {
    CloudTelemetry t =
        new CloudTelemetry(
            settings.workerId(),
            System.currentTimeMillis(),
            metrics.queued(),
            metrics.queued(),
            settings.instances(),
            metrics.serviceQuantileMs(0.5),
            metrics.serviceQuantileMs(0.95),
            metrics.served(),
            metrics.rejected(),
            settings.accelerator());
    presence
        .publishTelemetry(settings.topics().cloudTelemetry(settings.workerId()), Json.toBytes(t))
        .whenComplete(
            (r, e) -> {
              if (e != null) {
                LOG.debug(
                    "telemetry not published [worker: {}]: {}", settings.workerId(), e.toString());
              }
            });
  }
}
