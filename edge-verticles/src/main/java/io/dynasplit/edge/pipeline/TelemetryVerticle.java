package io.dynasplit.edge.pipeline;

import com.hivemq.client.mqtt.datatypes.MqttQos;
import com.hivemq.client.mqtt.mqtt5.Mqtt5AsyncClient;
import io.dynasplit.edge.ingress.EdgeSettings;
import io.dynasplit.schemas.EdgeTelemetry;
import io.dynasplit.schemas.Json;
import io.dynasplit.schemas.LiveEstimates;
import io.dynasplit.schemas.NodeStatus;
import io.dynasplit.schemas.mqtt.MqttClients;
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
 * outcomes, errors and late cloud answers, and the scheduler's live estimates (asked of the
 * {@link SchedulerVerticle} on the event bus at each period). The queue length is the requests
 * waiting for a head worker; {@code inFlight} the requests admitted and not yet answered.
 */
public final class TelemetryVerticle extends VerticleBase {

  private static final Logger LOG = LoggerFactory.getLogger(TelemetryVerticle.class);

  private final EdgeSettings settings;
  private final EdgeCounters counters;
  private final String version;
  private final List<String> models;
  private Mqtt5AsyncClient client;
  private long timer = -1;

  /** A telemetry publisher for an edge serving {@code models}, running {@code version}. */
  public TelemetryVerticle(EdgeSettings settings, EdgeCounters counters, String version, List<String> models) {
    this.settings = Objects.requireNonNull(settings, "settings");
    this.counters = Objects.requireNonNull(counters, "counters");
    this.version = Objects.requireNonNull(version, "version");
    this.models = List.copyOf(models);
  }

  @Override
  public Future<?> start() {
    String statusTopic = settings.topics().edgeStatus(settings.edgeId());
    byte[] will = Json.toBytes(NodeStatus.offline(NodeStatus.Role.EDGE, settings.edgeId(), version, 0));
    client = MqttClients.client(settings.broker(), "dynasplit-edge-" + settings.edgeId() + "-status", statusTopic, will);
    return Future.fromCompletionStage(client.connectWith().cleanStart(true).send(), context)
        .compose(ack -> publishStatus(NodeStatus.online(NodeStatus.Role.EDGE, settings.edgeId(), version, models,
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
    return publishStatus(NodeStatus.offline(NodeStatus.Role.EDGE, settings.edgeId(), version, System.currentTimeMillis()))
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
                .topic(settings.topics().edgeStatus(settings.edgeId()))
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
    vertx.eventBus().<LiveEstimates>request(EdgeAddresses.estimates(settings.edgeId()), null)
        .map(Message::body)
        .otherwise(e -> {
          LOG.debug("telemetry without estimates [edge: {}]: {}", settings.edgeId(), e.toString());
          return null;
        })
        .onSuccess(estimates -> publish(c, estimates));
  }

  private void publish(Mqtt5AsyncClient c, LiveEstimates estimates) {
    EdgeTelemetry t = new EdgeTelemetry(settings.edgeId(), System.currentTimeMillis(),
        counters.waiting(settings.headWorkers()), counters.inFlight(), counters.requests(), counters.slaMet(),
        counters.slaMissed(), counters.errors(), counters.lateCloudResults(), null, null, null, estimates);
    c.publishWith()
        .topic(settings.topics().edgeTelemetry(settings.edgeId()))
        .qos(MqttQos.AT_MOST_ONCE)
        .payload(Json.toBytes(t))
        .send()
        .whenComplete((r, e) -> {
          if (e != null) {
            LOG.debug("telemetry not published [edge: {}]: {}", settings.edgeId(), e.toString());
          }
        });
  }
}
