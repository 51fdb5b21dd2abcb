package io.dynasplit.cloud;

import io.dynasplit.models.runtime.PartSource;
import io.dynasplit.models.runtime.SessionCache;
import io.dynasplit.schemas.mqtt.MqttClients;
import io.vertx.core.DeploymentOptions;
import io.vertx.core.Future;
import io.vertx.core.ThreadingModel;
import io.vertx.core.VerticleBase;
import java.util.Objects;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A cloud worker process in one deployment: its status and telemetry publisher and {@code
 * instances} {@link TailInferenceVerticle}s on worker threads sharing one session cache and one
 * bounded queue. Undeploying it undeploys them all and closes the sessions.
 *
 * {@snippet :
 * vertx.deployVerticle(new CloudNodeVerticle(CloudSettings.defaults("gpu-1", "localhost", 1883), parts, "1.0"));
 * }
 */
public final class CloudNodeVerticle extends VerticleBase {

  private final CloudSettings settings;
  private final PartSource parts;
  private final String version;
  private SessionCache sessions;
  private CloudLoad load;

  /** A worker that loads tails from {@code parts}. */
  public CloudNodeVerticle(CloudSettings settings, PartSource parts, String version) {
    this.settings = Objects.requireNonNull(settings, "settings");
    this.parts = Objects.requireNonNull(parts, "parts");
    this.version = Objects.requireNonNull(version, "version");
  }

  @Override
  public Future<?> start() {
    sessions = new SessionCache(parts);
    load = new CloudLoad(settings.maxQueue());
    AtomicInteger instance = new AtomicInteger();
    DeploymentOptions workers = new DeploymentOptions()
        .setThreadingModel(ThreadingModel.WORKER)
        .setInstances(settings.instances());
    return vertx.executeBlocking(() -> {
          MqttClients.probe(settings.broker(), "dynasplit-cloud-" + settings.workerId() + "-probe");
          return null;
        })
        .compose(v -> vertx.deployVerticle(new CloudStatusVerticle(settings, load, version)))
        .compose(id -> vertx.deployVerticle(
            () -> new TailInferenceVerticle(settings, instance.getAndIncrement(), sessions, load), workers));
  }

  @Override
  public Future<?> stop() {
    // the child deployments are undeployed by Vert.x before this runs
    SessionCache s = sessions;
    sessions = null;
    if (s != null) {
      return vertx.executeBlocking(() -> {
        s.close();
        return null;
      });
    }
    return Future.succeededFuture();
  }

  /** The load of this worker (for tests and metrics). */
  public CloudLoad load() {
    return load;
  }
}
