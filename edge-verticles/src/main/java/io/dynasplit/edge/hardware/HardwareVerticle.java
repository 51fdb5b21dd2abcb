package io.dynasplit.edge.hardware;

import io.dynasplit.energy.EnergyMeter;
import io.dynasplit.scheduler.SwitchCosts;
import io.dynasplit.schemas.Configuration;
import io.dynasplit.schemas.Json;
import io.vertx.core.Future;
import io.vertx.core.VerticleBase;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.eventbus.Message;
import io.vertx.core.eventbus.MessageConsumer;
import io.vertx.core.json.JsonObject;
import java.util.List;
import java.util.Objects;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Owns the edge's {@link Hardware}: applies configurations for the scheduler, gives the data plane
 * its {@link EnergyMeter}, and publishes its {@link HardwareState} for telemetry.
 *
 * <p>Two ways in: the {@link HardwareControl} methods (a scheduler deployed in the same JVM holds
 * this verticle), or the event bus: a {@link Configuration} as JSON sent to {@link #APPLY_ADDRESS}
 * is answered with the {@link AppliedConfiguration} as JSON, or failed with code 400 (unsupported)
 * or 500 (a change failed) and the reason. Every {@code statePeriod} the state is published to
 * {@link #STATE_ADDRESS} as JSON.
 *
 * @implNote opening the hardware and applying configurations block, so they run with {@code
 *     executeBlocking}, ordered on this verticle's context (one change at a time). The state's
 *     energy window (a sysfs read with RAPL) is closed and reopened on a worker too, one period at
 *     a time, so a slow counter delays telemetry, never the event loop.
 */
public final class HardwareVerticle extends VerticleBase implements HardwareControl {

  /** Event bus address that applies a configuration (request/reply, JSON). */
  public static final String APPLY_ADDRESS = "dynasplit.hardware.apply";

  /** Event bus address the state is published to (JSON). */
  public static final String STATE_ADDRESS = "dynasplit.hardware.state";

  private static final Logger LOG = LoggerFactory.getLogger(HardwareVerticle.class);

  private final HardwareOptions options;
  private volatile Hardware hardware;
  private MessageConsumer<JsonObject> consumer;
  private long timer = -1;
  private volatile EnergyMeter.Window
      statWindow; // touched on workers only, one state period at a time
  private volatile double watts;
  private boolean publishing; // event loop only: a state period is being metered on a worker
  private boolean stopped; // event loop only

  /** A verticle that opens the hardware the options name when deployed. */
  public HardwareVerticle(HardwareOptions options) {
    this.options = Objects.requireNonNull(options, "options");
  }

  @Override
  public Future<?> start() {
    return vertx
        .executeBlocking(
            () -> {
              Hardware hw = Hardware.open(options);
              toJson(
                  hw.state(
                      0)); // the mapper's first use of these records is slow: take it off the event
              // loop
              statWindow = hw.energyMeter().open();
              return hw;
            },
            false)
        .compose(
            hw -> {
              hardware = hw;
              consumer = vertx.eventBus().consumer(APPLY_ADDRESS, this::onApply);
              return consumer.completion();
            })
        .onSuccess(
            v -> timer = vertx.setPeriodic(options.statePeriod().toMillis(), id -> publishState()))
        .onFailure(
            e -> {
              Hardware hw = hardware;
              hardware = null;
              if (hw != null) {
                vertx.executeBlocking(
                    () -> {
                      hw.close();
                      return null;
                    },
                    false);
              }
            });
  }

  @Override
  public Future<?> stop() {
    stopped = true;
    if (timer >= 0) {
      vertx.cancelTimer(timer);
      timer = -1;
    }
    Future<Void> unregistered = consumer == null ? Future.succeededFuture() : consumer.unregister();
    consumer = null;
    Hardware hw = hardware;
    return unregistered.eventually(
        () ->
            hw == null
                ? Future.succeededFuture()
                : vertx.executeBlocking(
                    () -> {
                      hw.close();
                      return null;
                    },
                    false));
  }

  @Override
  public Future<AppliedConfiguration> apply(Configuration target) {
    Hardware hw = started();
    return context.executeBlocking(() -> hw.apply(target), true);
  }

  @Override
  public double switchCostMs(Configuration target) {
    return started().switchCostMs(target);
  }

  @Override
  public SwitchCosts switchCosts() {
    return started().switchCosts();
  }

  @Override
  public List<Integer> cpuFrequenciesMHz() {
    return started().cpuFrequenciesMHz();
  }

  @Override
  public List<String> edgeAccelerators() {
    return started().edgeAccelerators();
  }

  @Override
  public EnergyMeter energyMeter() {
    return started().energyMeter();
  }

  @Override
  public HardwareState state() {
    return started().state(watts);
  }

  /** What was found, fixed or chosen at start, one line each. */
  public List<String> notes() {
    return started().notes();
  }

  private Hardware started() {
    Hardware hw = hardware;
    if (hw == null) {
      throw new IllegalStateException("hardware verticle is not started");
    }
    return hw;
  }

  private void onApply(Message<JsonObject> message) {
    Configuration target;
    try {
      target = Json.fromBytes(message.body().toBuffer().getBytes(), Configuration.class);
    } catch (IllegalArgumentException e) {
      message.fail(400, e.getMessage());
      return;
    }
    apply(target)
        .onComplete(
            ar -> {
              if (ar.succeeded()) {
                message.reply(toJson(ar.result()));
              } else {
                Throwable cause = ar.cause();
                boolean unsupported =
                    cause instanceof HardwareException h
                        && h.part() == HardwareException.Part.UNSUPPORTED;
                LOG.warn(
                    "configuration not applied [split: {}, cpuFreqMHz: {}, edgeAccelerator: {}]:"
                        + " {}",
                    target.split(),
                    target.cpuFreqMHz(),
                    target.edgeAccelerator(),
                    cause.getMessage());
                message.fail(unsupported ? 400 : 500, cause.getMessage());
              }
            });
  }

  /**
   * On the event loop, each state period: meters the period and builds the state on a worker, then
   * publishes.
   */
  private void publishState() {
    Hardware hw = hardware;
    if (hw == null || publishing) {
      return; // the last period is still being metered: this tick joins the next one
    }
    publishing = true;
    vertx
        .executeBlocking(
            () -> {
              EnergyMeter.Window ended = statWindow;
              statWindow =
                  hw.energyMeter()
                      .open(); // first, so a failed close leaves the next period metered
              watts = ended.close().meanWatts();
              return toJson(hw.state(watts));
            },
            false)
        .onComplete(
            ar -> {
              publishing = false;
              if (stopped) {
                return;
              }
              if (ar.succeeded()) {
                vertx.eventBus().publish(STATE_ADDRESS, ar.result());
              } else {
                LOG.warn("hardware state not published: {}", ar.cause().toString());
              }
            });
  }

  /** The JSON of a record, through the project's one mapper. */
  static JsonObject toJson(Object value) {
    return new JsonObject(Buffer.buffer(Json.toBytes(value)));
  }
}
