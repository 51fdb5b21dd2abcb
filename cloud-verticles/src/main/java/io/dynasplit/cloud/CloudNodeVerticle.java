package io.dynasplit.cloud;

import io.dynasplit.energy.EnergyMeter;
import io.dynasplit.energy.EnergyMeters;
import io.dynasplit.models.runtime.PartSource;
import io.dynasplit.models.runtime.SessionCache;
import io.dynasplit.models.runtime.SessionKey;
import io.dynasplit.schemas.EnergySource;
import io.dynasplit.schemas.mqtt.MqttClients;
import io.dynasplit.schemas.node.NodeHealth;
import io.dynasplit.schemas.node.NodeMeters;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.vertx.core.DeploymentOptions;
import io.vertx.core.Future;
import io.vertx.core.ThreadingModel;
import io.vertx.core.VerticleBase;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A cloud worker process in one deployment: its status and telemetry publisher and {@code
 * instances} {@link TailInferenceVerticle}s on worker threads sharing one session cache and one
 * bounded queue and one energy meter ({@link CloudEnergy}: nvidia-smi, RAPL or the power model),
 * and a {@link TailWarmUpVerticle} that loads the tails the edges' retained fronts may ask for.
 * Undeploying it undeploys them all and closes the sessions and the meter.
 *
 * {@snippet :
 * vertx.deployVerticle(new CloudNodeVerticle(CloudSettings.defaults("gpu-1", "localhost", 1883), parts, "1.0"));
 * }
 */
public final class CloudNodeVerticle extends VerticleBase {

  private static final Logger LOG = LoggerFactory.getLogger(CloudNodeVerticle.class);

  private final CloudSettings settings;
  private final PartSource parts;
  private final String version;
  private final MeterRegistry registry;
  private final NodeHealth health;
  private SessionCache sessions;
  private CloudMetrics metrics;
  private volatile EnergyMeter meter;

  /** A worker that loads tails from {@code parts}, with its meters in a registry of its own. */
  public CloudNodeVerticle(CloudSettings settings, PartSource parts, String version) {
    this(settings, parts, version, new SimpleMeterRegistry());
  }

  /**
   * A worker whose meters go to {@code registry}, under the common tags {@code role=cloud} and
   * {@code node=WORKER_ID} (added here, so that an edge in the same process can share it).
   */
  public CloudNodeVerticle(
      CloudSettings settings, PartSource parts, String version, MeterRegistry registry) {
    this.registry = NodeMeters.tagged(registry, "cloud", settings.workerId());
    this.health = new NodeHealth("cloud " + settings.workerId());
    this.settings = Objects.requireNonNull(settings, "settings");
    this.parts = Objects.requireNonNull(parts, "parts");
    this.version = Objects.requireNonNull(version, "version");
  }

  @Override
  public Future<?> start() {
    sessions = new SessionCache(parts);
    metrics = new CloudMetrics(registry, settings.maxQueue());
    AtomicInteger instance = new AtomicInteger();
    DeploymentOptions workers =
        new DeploymentOptions()
            .setThreadingModel(ThreadingModel.WORKER)
            .setInstances(settings.instances());
    return vertx
        .executeBlocking(
            () -> {
              MqttClients.probe(
                  settings.broker(), "dynasplit-cloud-" + settings.workerId() + "-probe");
              EnergyMeters.Selection energy = CloudEnergy.select(settings);
              energy.notes().forEach(n -> LOG.info("{} [worker: {}]", n, settings.workerId()));
              return energy.meter();
            })
        .compose(
            m -> {
              meter = m;
              return vertx.deployVerticle(new CloudStatusVerticle(settings, metrics, version));
            })
        .compose(id -> vertx.deployVerticle(new TailWarmUpVerticle(settings, sessions)))
        .compose(
            id ->
                vertx.deployVerticle(
                    () ->
                        new TailInferenceVerticle(
                            settings, instance.getAndIncrement(), sessions, metrics, meter, health),
                    workers))
        .onSuccess(id -> health.started())
        .onFailure(
            e -> {
              EnergyMeter m = meter;
              meter = null;
              if (m != null) { // a failed start gets no stop: end an nvidia-smi sampler here
                vertx.executeBlocking(
                    () -> {
                      m.close();
                      return null;
                    });
              }
            });
  }

  @Override
  public Future<?> stop() {
    health.stopped();
    // the child deployments are undeployed by Vert.x before this runs
    SessionCache s = sessions;
    EnergyMeter m = meter;
    sessions = null;
    meter = null;
    if (s == null && m == null) {
      return Future.succeededFuture();
    }
    return vertx.executeBlocking(
        () -> {
          if (s != null) {
            s.close();
          }
          if (m != null) {
            m.close(); // stops an nvidia-smi sampler
          }
          return null;
        });
  }

  /** The source of this worker's energy figures when all is well; empty before it started. */
  public Optional<EnergySource> energySource() {
    EnergyMeter m = meter;
    return m == null ? Optional.empty() : Optional.of(m.source());
  }

  /** Whether a session is loaded in this worker's cache (for tests and metrics). */
  public boolean isLoaded(SessionKey key) {
    SessionCache s = sessions;
    return s != null && s.isLoaded(key);
  }

  /** Whether this worker is ready: started, with every tail verticle's broker link connected. */
  public NodeHealth health() {
    return health;
  }

  /** The meters and bounded queue of this worker. */
  public CloudMetrics metrics() {
    return metrics;
  }
}
