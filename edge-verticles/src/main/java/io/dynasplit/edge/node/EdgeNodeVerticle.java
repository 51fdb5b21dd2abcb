package io.dynasplit.edge.node;

import io.dynasplit.edge.EdgeMetrics;
import io.dynasplit.edge.EdgeSettings;
import io.dynasplit.edge.hardware.HardwareControl;
import io.dynasplit.edge.inference.FinishJob;
import io.dynasplit.edge.inference.FinishResult;
import io.dynasplit.edge.inference.HeadInferenceVerticle;
import io.dynasplit.edge.inference.InferenceJob;
import io.dynasplit.edge.inference.InferenceResult;
import io.dynasplit.edge.inference.PrepareJob;
import io.dynasplit.edge.inference.ServedModels;
import io.dynasplit.edge.inference.WarmJob;
import io.dynasplit.edge.ingress.IngressVerticle;
import io.dynasplit.edge.ingress.ReplyListener;
import io.dynasplit.edge.ingress.SensorEndpointVerticle;
import io.dynasplit.edge.pipeline.AdmittedRequest;
import io.dynasplit.edge.pipeline.DefaultFronts;
import io.dynasplit.edge.pipeline.EdgeAddresses;
import io.dynasplit.edge.pipeline.HardwareUpdate;
import io.dynasplit.edge.pipeline.LocalCodec;
import io.dynasplit.edge.pipeline.Observation;
import io.dynasplit.edge.pipeline.Outcome;
import io.dynasplit.edge.pipeline.PipelineVerticle;
import io.dynasplit.edge.pipeline.Plan;
import io.dynasplit.edge.pipeline.ScheduleQuery;
import io.dynasplit.edge.pipeline.SchedulerVerticle;
import io.dynasplit.edge.pipeline.TailAnswer;
import io.dynasplit.edge.pipeline.TailCall;
import io.dynasplit.edge.pipeline.TailClientVerticle;
import io.dynasplit.edge.pipeline.TailFailure;
import io.dynasplit.edge.pipeline.TelemetryVerticle;
import io.dynasplit.edge.pipeline.WarmUps;
import io.dynasplit.energy.EnergyMeter;
import io.dynasplit.models.runtime.Part;
import io.dynasplit.models.runtime.SessionCache;
import io.dynasplit.models.runtime.SessionKey;
import io.dynasplit.scheduler.Scheduler;
import io.dynasplit.schemas.ErrorReply;
import io.dynasplit.schemas.InferenceReply;
import io.dynasplit.schemas.ParetoFront;
import io.dynasplit.schemas.mqtt.MqttClients;
import io.dynasplit.schemas.node.NodeHealth;
import io.dynasplit.schemas.node.NodeMeters;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.vertx.core.DeploymentOptions;
import io.vertx.core.Future;
import io.vertx.core.ThreadingModel;
import io.vertx.core.VerticleBase;
import io.vertx.core.WorkerExecutor;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * An edge node in one deployment: scheduler, inference workers, tail client, pipeline, telemetry
 * and, last, the ingress (and the direct sensor endpoint when {@code sensorPort} is set), so that
 * the edge takes requests only once it can serve them. Every served model gets a front: the one
 * given, else {@link DefaultFronts}. The whole model of every served model is loaded and warmed up
 * before the ingress starts. Undeploying it stops them all.
 */
public final class EdgeNodeVerticle extends VerticleBase {

  private static final Logger LOG = LoggerFactory.getLogger(EdgeNodeVerticle.class);

  private final EdgeSettings settings;
  private final ServedModels models;
  private final Scheduler scheduler;
  private final Map<String, ParetoFront> fronts;
  private final EnergyMeter meter;
  private final HardwareControl hardware;
  private final ReplyListener listener;
  private final String version;
  private final EdgeMetrics metrics;
  private final NodeHealth health;
  private SessionCache sessions;

  /**
   * An edge node.
   *
   * @param scheduler the online scheduler (its default policy decides requests that name none)
   * @param fronts fronts for some or all served models; the others get a default front
   * @param meter the edge's energy meter
   * @param hardware applies the hardware part of configurations; null when this edge does not
   *     manage its hardware
   * @param listener hears every reply
   */
  public EdgeNodeVerticle(
      EdgeSettings settings,
      ServedModels models,
      Scheduler scheduler,
      Map<String, ParetoFront> fronts,
      EnergyMeter meter,
      HardwareControl hardware,
      ReplyListener listener,
      String version) {
    this(
        settings,
        models,
        scheduler,
        fronts,
        meter,
        hardware,
        listener,
        version,
        new SimpleMeterRegistry());
  }

  /**
   * An edge node whose meters go to {@code registry}, under the common tags {@code role=edge} and
   * {@code node=EDGE_ID} (added here, so that a cloud worker in the same process can share the
   * registry under its own).
   */
  public EdgeNodeVerticle(
      EdgeSettings settings,
      ServedModels models,
      Scheduler scheduler,
      Map<String, ParetoFront> fronts,
      EnergyMeter meter,
      HardwareControl hardware,
      ReplyListener listener,
      String version,
      MeterRegistry registry) {
    this.settings = Objects.requireNonNull(settings, "settings");
    this.models = Objects.requireNonNull(models, "models");
    this.scheduler = Objects.requireNonNull(scheduler, "scheduler");
    this.fronts = Map.copyOf(Objects.requireNonNull(fronts, "fronts"));
    this.meter = Objects.requireNonNull(meter, "meter");
    this.hardware = hardware;
    this.listener = Objects.requireNonNull(listener, "listener");
    this.version = Objects.requireNonNull(version, "version");
    this.metrics =
        new EdgeMetrics(
            NodeMeters.tagged(registry, "edge", settings.edgeId()),
            models.ids(),
            settings.maxInFlight(),
            settings.headWorkers());
    this.health = new NodeHealth("edge " + settings.edgeId());
  }

  /**
   * The name of the worker pool that runs an edge's inference work; its threads' names start with
   * it (for {@code ThreadCpuTime.ofThreadsNamed}, which meters the edge apart from a cloud worker
   * in the same process).
   */
  public static String workerPoolName(String edgeId) {
    return "ds-edge-" + edgeId;
  }

  /** The edge's meters (admission, replies, stages, energy, fallbacks, late cloud answers). */
  public EdgeMetrics metrics() {
    return metrics;
  }

  /** Whether the edge is ready: started, with its broker links connected. */
  public NodeHealth health() {
    return health;
  }

  @Override
  public Future<?> start() {
    LocalCodec.register(
        vertx,
        AdmittedRequest.class,
        Outcome.class,
        ScheduleQuery.class,
        Plan.class,
        Observation.class,
        io.dynasplit.edge.pipeline.CensoredTransfer.class,
        TailCall.class,
        TailAnswer.class,
        TailFailure.class,
        PrepareJob.class,
        ServedModels.Prepared.class,
        InferenceJob.class,
        InferenceResult.class,
        FinishJob.class,
        FinishResult.class,
        WarmJob.class,
        HardwareUpdate.class,
        InferenceReply.class,
        ErrorReply.class,
        io.dynasplit.schemas.LiveEstimates.class);
    sessions = new SessionCache(models.parts());
    String address = EdgeAddresses.inference(settings.edgeId());
    // the edge's inference runs on its own named pool, so that its threads (and the ONNX Runtime
    // threads its sessions create, which inherit their names) can be metered apart from a cloud
    // worker in the same process
    String pool = workerPoolName(settings.edgeId());
    DeploymentOptions workers =
        new DeploymentOptions()
            .setThreadingModel(ThreadingModel.WORKER)
            .setWorkerPoolName(pool)
            .setWorkerPoolSize(settings.headWorkers())
            .setInstances(settings.headWorkers());
    WorkerExecutor warmer = vertx.createSharedWorkerExecutor(pool, settings.headWorkers());
    return vertx
        .executeBlocking(
            () -> {
              MqttClients.probe(
                  settings.broker(), "dynasplit-edge-" + settings.edgeId() + "-probe");
              return null;
            })
        .compose(v -> vertx.executeBlocking(this::frontsForAll))
        .compose(
            all ->
                vertx.deployVerticle(
                    new SchedulerVerticle(settings, scheduler, models, all, metrics)))
        .compose(
            id ->
                vertx.deployVerticle(
                    () ->
                        new HeadInferenceVerticle(
                            address, models, sessions, metrics, settings.emulation()),
                    workers))
        .compose(id -> warmer.executeBlocking(() -> warmUp(fronts)))
        .onComplete(ar -> warmer.close())
        .compose(v -> vertx.deployVerticle(new TailClientVerticle(settings, metrics, health)))
        .compose(
            id ->
                vertx.deployVerticle(
                    new PipelineVerticle(settings, models, meter, hardware, metrics)))
        .compose(
            id ->
                vertx.deployVerticle(
                    new TelemetryVerticle(settings, metrics, version, models.ids())))
        .compose(
            id ->
                vertx.deployVerticle(
                    new IngressVerticle(settings, models, metrics, health, listener)))
        .compose(
            id ->
                settings.sensorPort() > 0
                    ? vertx.deployVerticle(
                        new SensorEndpointVerticle(settings, models, metrics, listener))
                    : Future.succeededFuture(id))
        .onSuccess(id -> health.started());
  }

  @Override
  public Future<?> stop() {
    health.stopped();
    SessionCache s = sessions;
    sessions = null;
    return s == null
        ? Future.succeededFuture()
        : vertx.executeBlocking(
            () -> {
              s.close();
              return null;
            });
  }

  private Map<String, ParetoFront> frontsForAll() {
    Map<String, ParetoFront> all = new LinkedHashMap<>();
    for (String model : models.ids()) {
      ParetoFront f = fronts.get(model);
      if (f == null || f.entries().isEmpty()) {
        f = DefaultFronts.of(model, models.candidates(model), models.allEdgeSplit(model));
        LOG.info(
            "no pareto front for {}: running it on the edge until one is profiled or published",
            model);
      }
      all.put(model, f);
    }
    return all;
  }

  private Void warmUp(Map<String, ParetoFront> given) {
    for (String model : models.ids()) {
      long t0 = System.nanoTime();
      sessions.get(SessionKey.full(model));
      ParetoFront front = given.get(model);
      int parts = 1;
      if (front != null) {
        for (WarmJob job : WarmUps.of(front)) {
          for (int split : job.splits()) {
            sessions.get(new SessionKey(model, split, Part.HEAD, job.provider(), job.threads()));
            sessions.get(new SessionKey(model, split, Part.TAIL, job.provider(), job.threads()));
            parts += 2;
          }
        }
      }
      LOG.info(
          "model loaded [model: {}, sessions: {}, ms: {}]",
          model,
          parts,
          (System.nanoTime() - t0) / 1_000_000);
    }
    return null;
  }
}
