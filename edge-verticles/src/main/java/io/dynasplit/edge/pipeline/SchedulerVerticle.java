package io.dynasplit.edge.pipeline;

import com.hivemq.client.mqtt.MqttGlobalPublishFilter;
import com.hivemq.client.mqtt.datatypes.MqttQos;
import com.hivemq.client.mqtt.mqtt5.Mqtt5AsyncClient;
import com.hivemq.client.mqtt.mqtt5.message.publish.Mqtt5Publish;
import io.dynasplit.edge.EdgeMetrics;
import io.dynasplit.edge.EdgeSettings;
import io.dynasplit.edge.inference.ServedModels;
import io.dynasplit.scheduler.Decision;
import io.dynasplit.scheduler.FrontIndex;
import io.dynasplit.scheduler.Scheduler;
import io.dynasplit.schemas.CloudTelemetry;
import io.dynasplit.schemas.FrontEntry;
import io.dynasplit.schemas.Json;
import io.dynasplit.schemas.ParetoFront;
import io.dynasplit.schemas.TopicAddress;
import io.dynasplit.schemas.mqtt.MqttClients;
import io.vertx.core.Future;
import io.vertx.core.VerticleBase;
import io.vertx.core.eventbus.Message;
import io.vertx.core.eventbus.MessageConsumer;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Wraps the online {@link Scheduler} (ARCHITECTURE 6): answers scheduling queries on the event bus,
 * feeds the live estimates with what finished requests observed and with the cloud workers' load
 * telemetry, and keeps each model's front current: the fronts it starts with (files, or {@link
 * DefaultFronts}), replaced whenever a front is retained or published on {@code
 * edge/{edgeId}/pareto/{model}} (hot reload). A published front for a model the edge does not
 * serve, or with a split that is not one of the model's candidates, is logged and ignored ({@link
 * FrontCheck}).
 *
 * <p>The scheduler is confined to this verticle's event loop; a decision costs microseconds.
 */
public final class SchedulerVerticle extends VerticleBase {

  private static final Logger LOG = LoggerFactory.getLogger(SchedulerVerticle.class);

  private final EdgeSettings settings;
  private final Scheduler scheduler;
  private final ServedModels models;
  private final Map<String, ParetoFront> initialFronts;
  private final EdgeMetrics metrics;
  private Mqtt5AsyncClient client;
  private MessageConsumer<ScheduleQuery> queries;
  private MessageConsumer<Object> observations;
  private MessageConsumer<Object> estimates;

  /**
   * A scheduler verticle.
   *
   * @param scheduler the scheduler, with its default policy ({@code adaptive} on a real edge)
   * @param models the served models, which published fronts are checked against
   * @param initialFronts the front of every served model to start from
   */
  public SchedulerVerticle(
      EdgeSettings settings,
      Scheduler scheduler,
      ServedModels models,
      Map<String, ParetoFront> initialFronts,
      EdgeMetrics metrics) {
    this.metrics = Objects.requireNonNull(metrics, "metrics");
    this.settings = Objects.requireNonNull(settings, "settings");
    this.scheduler = Objects.requireNonNull(scheduler, "scheduler");
    this.models = Objects.requireNonNull(models, "models");
    this.initialFronts = Map.copyOf(Objects.requireNonNull(initialFronts, "initialFronts"));
  }

  @Override
  public Future<?> start() {
    initialFronts.values().forEach(this::load);
    queries = vertx.eventBus().consumer(EdgeAddresses.schedule(settings.edgeId()), this::onQuery);
    observations =
        vertx.eventBus().consumer(EdgeAddresses.observe(settings.edgeId()), this::onObservation);
    estimates =
        vertx
            .eventBus()
            .consumer(
                EdgeAddresses.estimates(settings.edgeId()),
                m -> m.reply(scheduler.live().report()));
    client =
        MqttClients.client(
            settings.broker(), "dynasplit-edge-" + settings.edgeId() + "-scheduler", null, null);
    client.publishes(MqttGlobalPublishFilter.ALL, p -> context.runOnContext(v -> onPublish(p)));
    return Future.all(queries.completion(), observations.completion(), estimates.completion())
        .compose(
            v -> Future.fromCompletionStage(client.connectWith().cleanStart(true).send(), context))
        .compose(
            ack ->
                Future.fromCompletionStage(
                    client
                        .subscribeWith()
                        .topicFilter(settings.topics().edgeParetoFilter(settings.edgeId()))
                        .qos(MqttQos.AT_LEAST_ONCE)
                        .send(),
                    context))
        .compose(
            ack ->
                Future.fromCompletionStage(
                    client
                        .subscribeWith()
                        .topicFilter(settings.topics().cloudTelemetryFilter())
                        .qos(MqttQos.AT_MOST_ONCE)
                        .send(),
                    context))
        .onSuccess(
            v ->
                LOG.info(
                    "scheduler ready [edge: {}, policy: {}, models: {}]",
                    settings.edgeId(),
                    scheduler.defaultPolicy(),
                    initialFronts.keySet()));
  }

  @Override
  public Future<?> stop() {
    Mqtt5AsyncClient c = client;
    client = null;
    return c == null
        ? Future.succeededFuture()
        : Future.fromCompletionStage(c.disconnect(), context)
            .recover(e -> Future.succeededFuture());
  }

  private void onQuery(Message<ScheduleQuery> message) {
    ScheduleQuery q = message.body();
    scheduler.live().setEdgeQueue(q.edgeQueue());
    Decision d = scheduler.decide(q.model(), q.budgetMs(), q.policy(), q.failIfInfeasible());
    message.reply(new Plan(d, d.status().chosen() ? localTailMs(q.model(), d.entry()) : 0));
  }

  private double localTailMs(String model, FrontEntry chosen) {
    FrontIndex f = scheduler.front(model);
    int edge = f == null ? -1 : f.edgeOnly();
    if (edge < 0) {
      return chosen.tailMs();
    }
    return Math.max(0, f.entry(edge).headMs() - chosen.headMs());
  }

  private void onObservation(Message<Object> message) {
    if (message.body() instanceof HardwareUpdate u) {
      scheduler.setCurrentConfiguration(u.applied());
      scheduler.setSwitchCosts(u.costs());
      return;
    }
    if (message.body() instanceof CensoredTransfer c) {
      scheduler.live().observeTransfer(c.entry(), c.bytes(), c.assumedMs());
      return;
    }
    if (!(message.body() instanceof Observation o)) {
      return;
    }
    if (!Double.isNaN(o.transferMs()) && o.bytes() > 0) {
      scheduler.live().observeTransfer(o.entry(), o.bytes(), Math.max(0, o.transferMs()));
    }
    if (!Double.isNaN(o.cloudServiceMs())) {
      scheduler
          .live()
          .observeTail(
              o.entry(), o.cloudServiceMs(), Double.isNaN(o.cloudQueueMs()) ? 0 : o.cloudQueueMs());
    }
    scheduler.live().observeHead(o.entry(), o.edgeMs());
  }

  private void onPublish(Mqtt5Publish publish) {
    Optional<TopicAddress> address = settings.topics().parse(publish.getTopic().toString());
    if (address.isPresent() && address.get().kind() == TopicAddress.Kind.EDGE_PARETO) {
      onFront(address.get(), publish);
    } else if (address.isPresent() && address.get().kind() == TopicAddress.Kind.CLOUD_TELEMETRY) {
      onCloudTelemetry(publish);
    }
  }

  /**
   * A cloud worker's load: the wait a new tail would see there, estimated as its queue per instance
   * times its median service time, goes into the live estimates ({@code queue_cloud}).
   */
  private void onCloudTelemetry(Mqtt5Publish publish) {
    try {
      CloudTelemetry t = Json.fromBytes(publish.getPayloadAsBytes(), CloudTelemetry.class);
      if (t.serviceP50Ms() != null) {
        double waitMs =
            (double) Math.max(0, t.queueLength() - t.instances())
                / t.instances()
                * t.serviceP50Ms();
        scheduler.live().observeCloudQueue(waitMs);
      }
    } catch (IllegalArgumentException e) {
      LOG.debug("cloud telemetry ignored: {}", e.getMessage());
    }
  }

  /** Puts a front in force: the scheduler's, and the meters'. */
  private void load(ParetoFront front) {
    scheduler.load(front);
    metrics.frontLoaded(front, models.allEdgeSplit(front.model()));
  }

  private void onFront(TopicAddress address, Mqtt5Publish publish) {
    String model = address.model();
    byte[] payload = publish.getPayloadAsBytes();
    if (payload.length == 0) {
      // an empty retained message clears the topic: go back to the front the edge started with
      ParetoFront initial = initialFronts.get(model);
      if (initial != null) {
        load(initial);
        LOG.info("pareto front cleared, initial front restored [model: {}]", model);
      }
      return;
    }
    try {
      ParetoFront front = Json.fromBytes(payload, ParetoFront.class);
      if (!front.model().equals(model)) {
        LOG.warn(
            "pareto front ignored: topic names model {} but the front is for {}",
            model,
            front.model());
        return;
      }
      Optional<String> problem = FrontCheck.problem(models, front);
      if (problem.isPresent()) {
        LOG.warn(
            "pareto front ignored [edge: {}, model: {}]: {}",
            settings.edgeId(),
            model,
            problem.get());
        return;
      }
      load(front);
      LOG.info(
          "pareto front loaded [model: {}, entries: {}, source: {}]",
          model,
          front.entries().size(),
          front.source());
      WarmUps.of(front)
          .forEach(job -> vertx.eventBus().send(EdgeAddresses.inference(settings.edgeId()), job));
    } catch (IllegalArgumentException e) {
      LOG.warn("pareto front ignored [model: {}]: {}", model, e.getMessage());
    }
  }
}
