package io.dynasplit.cloud;

import com.hivemq.client.mqtt.MqttGlobalPublishFilter;
import com.hivemq.client.mqtt.datatypes.MqttQos;
import com.hivemq.client.mqtt.mqtt5.Mqtt5AsyncClient;
import com.hivemq.client.mqtt.mqtt5.message.publish.Mqtt5Publish;
import io.dynasplit.models.runtime.Part;
import io.dynasplit.models.runtime.SessionCache;
import io.dynasplit.models.runtime.SessionKey;
import io.dynasplit.schemas.Configuration;
import io.dynasplit.schemas.FrontEntry;
import io.dynasplit.schemas.Json;
import io.dynasplit.schemas.ParetoFront;
import io.dynasplit.schemas.mqtt.MqttClients;
import io.vertx.core.Future;
import io.vertx.core.VerticleBase;
import java.util.LinkedHashSet;
import java.util.Objects;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Loads, ahead of the first tail request, the tail sessions the edges will ask this cloud worker
 * for: it reads every edge's retained Pareto fronts ({@code edge/+/pareto/+}) and loads the tail of
 * each split they may send to the cloud, so that the first request after a front is published does
 * not pay for loading a session inside its deadline.
 *
 * <p>Loading runs on a worker thread, one front at a time; a split whose tail cannot be loaded is
 * logged and skipped (the tail request itself will then fail with a clear error).
 */
public final class TailWarmUpVerticle extends VerticleBase {

  private static final Logger LOG = LoggerFactory.getLogger(TailWarmUpVerticle.class);

  private final CloudSettings settings;
  private final SessionCache sessions;
  private Mqtt5AsyncClient client;

  /**
   * A warm-up reader.
   *
   * @param sessions the tail sessions the worker's instances share
   */
  public TailWarmUpVerticle(CloudSettings settings, SessionCache sessions) {
    this.settings = Objects.requireNonNull(settings, "settings");
    this.sessions = Objects.requireNonNull(sessions, "sessions");
  }

  @Override
  public Future<?> start() {
    client =
        MqttClients.client(
            settings.broker(), "dynasplit-cloud-" + settings.workerId() + "-warmup", null, null);
    client.publishes(MqttGlobalPublishFilter.ALL, p -> context.runOnContext(v -> onFront(p)));
    String filter = settings.topics().prefix() + "/edge/+/pareto/+";
    return Future.fromCompletionStage(client.connectWith().cleanStart(true).send(), context)
        .compose(
            ack ->
                Future.fromCompletionStage(
                    client.subscribeWith().topicFilter(filter).qos(MqttQos.AT_LEAST_ONCE).send(),
                    context))
        .onSuccess(
            ack ->
                LOG.info(
                    "tail warm-up ready [worker: {}, topic: {}]", settings.workerId(), filter));
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

  private void onFront(Mqtt5Publish publish) {
    byte[] payload = publish.getPayloadAsBytes();
    if (payload.length == 0) {
      return;
    }
    ParetoFront front;
    try {
      front = Json.fromBytes(payload, ParetoFront.class);
    } catch (IllegalArgumentException e) {
      LOG.debug("front not read for warm-up [topic: {}]: {}", publish.getTopic(), e.getMessage());
      return;
    }
    Set<SessionKey> keys = new LinkedHashSet<>();
    for (FrontEntry entry : front.entries()) {
      if (!Configuration.CLOUD_NONE.equals(entry.config().cloudAccelerator())) {
        keys.add(
            new SessionKey(
                front.model(),
                entry.config().split(),
                Part.TAIL,
                settings.accelerator(),
                settings.threads()));
      }
    }
    keys.removeIf(sessions::isLoaded);
    if (keys.isEmpty()) {
      return;
    }
    // ordered: one front's sessions load after the previous front's, never two loads of one key at
    // once
    vertx.executeBlocking(() -> warm(front.model(), keys), true);
  }

  private int warm(String model, Set<SessionKey> keys) {
    long t0 = System.nanoTime();
    int loaded = 0;
    for (SessionKey key : keys) {
      try {
        sessions.get(key);
        loaded++;
      } catch (RuntimeException e) {
        LOG.info("tail not warmed [model: {}, split: {}]: {}", model, key.split(), e.getMessage());
      }
    }
    LOG.info(
        "tails warmed from a pareto front [model: {}, sessions: {}, ms: {}]",
        model,
        loaded,
        (System.nanoTime() - t0) / 1_000_000);
    return loaded;
  }
}
