package io.dynasplit.edge.pipeline;

import io.dynasplit.edge.EdgeMetrics;
import io.dynasplit.edge.EdgeSettings;
import io.dynasplit.schemas.EdgeTelemetry;
import io.dynasplit.schemas.Json;
import io.dynasplit.schemas.LiveEstimates;
import io.dynasplit.schemas.NodeStatus;
import io.dynasplit.schemas.mqtt.NodePresence;
import io.vertx.core.Future;
import io.vertx.core.VerticleBase;
import io.vertx.core.eventbus.Message;
import java.util.List;
import java.util.Objects;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Publishes the edge's retained status ({@code online} with version and models, {@code offline} as
 * the last will and on a clean stop) and its periodic telemetry (QoS 0): queue, requests, SLA
 * outcomes, errors and late cloud answers, and the scheduler's live estimates (asked of the {@link
 * SchedulerVerticle} on the event bus at each period). The queue length is the requests waiting for
 * a head worker; {@code inFlight} the requests admitted and not yet answered.
 */
public final class TelemetryVerticle extends VerticleBase {

  private static final Logger LOG = LoggerFactory.getLogger(TelemetryVerticle.class);

  private final EdgeSettings settings;
  private final EdgeMetrics metrics;
  private final NodePresence presence;
  private long timer = -1;

  /** A telemetry publisher for an edge serving {@code models}, running {@code version}. */
  public TelemetryVerticle(
      EdgeSettings settings, EdgeMetrics metrics, String version, List<String> models) {
    this.settings = Objects.requireNonNull(settings, "settings");
    this.metrics = Objects.requireNonNull(metrics, "metrics");
    this.presence =
        new NodePresence(
            settings.broker(),
            "dynasplit-edge-" + settings.edgeId() + "-status",
            settings.topics().edgeStatus(settings.edgeId()),
            NodeStatus.Role.EDGE,
            settings.edgeId(),
            version,
            models);
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
    vertx
        .eventBus()
        .<LiveEstimates>request(EdgeAddresses.estimates(settings.edgeId()), null)
        .map(Message::body)
        .otherwise(
            e -> {
              LOG.debug(
                  "telemetry without estimates [edge: {}]: {}", settings.edgeId(), e.toString());
              return null;
            })
        .onSuccess(this::publish);
  }

  private void publish(LiveEstimates estimates) {
    metrics.estimates(estimates);
    EdgeTelemetry t =
        new EdgeTelemetry(
            settings.edgeId(),
            System.currentTimeMillis(),
            metrics.waiting(),
            metrics.inFlight(),
            metrics.requests(),
            metrics.slaMet(),
            metrics.slaMissed(),
            metrics.errors(),
            metrics.lateCloudResults(),
            null,
            null,
            null,
            estimates);
    presence
        .publishTelemetry(settings.topics().edgeTelemetry(settings.edgeId()), Json.toBytes(t))
        .whenComplete(
            (r, e) -> {
              if (e != null) {
                LOG.debug(
                    "telemetry not published [edge: {}]: {}", settings.edgeId(), e.toString());
              }
            });
  }
}
