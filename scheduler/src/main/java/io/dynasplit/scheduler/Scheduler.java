package io.dynasplit.scheduler;

import io.dynasplit.schemas.Configuration;
import io.dynasplit.schemas.ParetoFront;
import java.util.HashMap;
import java.util.Map;
import java.util.Objects;

/**
 * Picks, for each request, a configuration of its model's Pareto front (ARCHITECTURE 6).
 *
 * <p>Holds one {@link FrontIndex} per model, the {@link LiveEstimator} of the edge, the current
 * hardware state and the measured {@link SwitchCosts}. The static policies ({@code dynasplit},
 * {@code cloud}, {@code edge}, {@code energy}, {@code latency}) read the front only; {@code
 * adaptive} predicts each entry's latency under the live estimates:
 *
 * <pre>
 * queue_edge + head*f_edge + switch + transfer*(live/profiled channel) + tail*f_cloud + queue_cloud
 * </pre>
 *
 * <p>and picks the least expected energy (including the edge energy burnt while switching hardware,
 * which keeps it from flapping between near-equal entries) among those predicted to meet the SLA,
 * else the fastest predicted.
 *
 * {@snippet :
 * Scheduler scheduler = new Scheduler(Policy.ADAPTIVE, AdaptiveSettings.DEFAULT);
 * scheduler.load(front);
 * Decision d = scheduler.decide("vgg16", 250, null, false);
 * if (d.status().chosen()) {
 *   run(d.entry().config());
 * }
 * }
 *
 * <p>Not thread-safe: confine it to one thread (the scheduler verticle's context).
 *
 * @implNote a static decision is a hash lookup and a binary search; an adaptive one scans the front
 *     once. Neither allocates anything but the returned {@link Decision}.
 */
public final class Scheduler {

  private final Policy defaultPolicy;
  private final LiveEstimator live;
  private final Map<String, ModelState> models = new HashMap<>();
  private Configuration current;
  private SwitchCosts switchCosts = SwitchCosts.NONE;
  private long hardwareVersion;

  /** A scheduler with the given default policy and adaptive settings, and no front yet. */
  public Scheduler(Policy defaultPolicy, AdaptiveSettings settings) {
    this.defaultPolicy = Objects.requireNonNull(defaultPolicy, "defaultPolicy");
    this.live = new LiveEstimator(Objects.requireNonNull(settings, "settings"));
  }

  /** The edge's default: {@link Policy#ADAPTIVE} with {@link AdaptiveSettings#DEFAULT}. */
  public static Scheduler withDefaults() {
    return new Scheduler(Policy.ADAPTIVE, AdaptiveSettings.DEFAULT);
  }

  /** The policy used when a request names none. */
  public Policy defaultPolicy() {
    return defaultPolicy;
  }

  /** The live estimates to report observations to. */
  public LiveEstimator live() {
    return live;
  }

  /**
   * Loads (or replaces) the front of its model. The first front that sends tensors sets the
   * profiled channel of the live estimates.
   */
  public FrontIndex load(ParetoFront front) {
    return load(FrontIndex.of(front));
  }

  /** Loads (or replaces) an indexed front. */
  public FrontIndex load(FrontIndex index) {
    Objects.requireNonNull(index, "index");
    models.put(index.model(), new ModelState(index));
    if (live.profileMsPerByte() == 0 && index.profileMsPerByte() > 0) {
      live.setProfile(index.profileRttMs(), index.profileMsPerByte(), typicalBytes(index));
    }
    return index;
  }

  /** Forgets a model's front; true when there was one. */
  public boolean remove(String model) {
    return models.remove(model) != null;
  }

  /** The indexed front of a model, or null. */
  public FrontIndex front(String model) {
    ModelState s = models.get(model);
    return s == null ? null : s.index;
  }

  /** Sets the hardware state the edge is in now (after the hardware verticle applied a change). */
  public void setCurrentConfiguration(Configuration configuration) {
    if (!Objects.equals(current, configuration)) {
      current = configuration;
      hardwareVersion++;
    }
  }

  /** The hardware state the edge is in now; null when unknown. */
  public Configuration currentConfiguration() {
    return current;
  }

  /** Sets the measured costs of hardware changes. */
  public void setSwitchCosts(SwitchCosts costs) {
    switchCosts = Objects.requireNonNull(costs, "costs");
    hardwareVersion++;
  }

  /** The measured costs of hardware changes in use. */
  public SwitchCosts switchCosts() {
    return switchCosts;
  }

  /** Decides with the default policy, running late rather than failing. */
  public Decision decide(String model, double slaMs) {
    return decide(model, slaMs, null, false);
  }

  /**
   * Decides for one request.
   *
   * @param model the request's model
   * @param slaMs the request's latency SLA, or the time left until its deadline; zero or less (a
   *     request that waited past its deadline) meets nothing
   * @param policy the request's own policy, or null for the default
   * @param failIfInfeasible whether to answer {@link Decision.Status#INFEASIBLE} rather than run a
   *     configuration expected to miss the SLA
   * @throws IllegalArgumentException if {@code slaMs} is NaN
   */
  public Decision decide(String model, double slaMs, Policy policy, boolean failIfInfeasible) {
    if (Double.isNaN(slaMs)) {
      throw new IllegalArgumentException("slaMs must be a number: " + slaMs);
    }
    Policy p = policy == null ? defaultPolicy : policy;
    ModelState state = models.get(model);
    if (state == null) {
      return Decision.none(p, Decision.Status.UNKNOWN_MODEL);
    }
    FrontIndex f = state.index;
    if (f.isEmpty()) {
      return Decision.none(p, Decision.Status.INFEASIBLE);
    }
    return switch (p) {
      case DYNASPLIT -> {
        int i = f.cheapestWithin(slaMs);
        yield i >= 0 ? chosen(p, f, i, true) : fallback(p, f, f.fastest(), failIfInfeasible);
      }
      case ADAPTIVE -> adaptive(state, slaMs, failIfInfeasible);
      case CLOUD -> fixed(p, f, f.cloudOnly(), slaMs, failIfInfeasible);
      case EDGE -> fixed(p, f, f.edgeOnly(), slaMs, failIfInfeasible);
      case ENERGY -> fixed(p, f, f.cheapest(), slaMs, failIfInfeasible);
      case LATENCY -> fixed(p, f, f.fastest(), slaMs, failIfInfeasible);
    };
  }

  /**
   * The latency {@code adaptive} predicts for position {@code i} of a model's front now (at the
   * configured quantile, including the switch from the current hardware state).
   */
  public double predictLatencyMs(String model, int i) {
    ModelState state =
        Objects.requireNonNull(models.get(model), () -> "no front for model " + model);
    refreshSwitchCosts(state);
    return predict(state, i);
  }

  private Decision adaptive(ModelState state, double slaMs, boolean failIfInfeasible) {
    refreshSwitchCosts(state);
    FrontIndex f = state.index;
    int best = -1;
    double bestScore = Double.POSITIVE_INFINITY;
    double bestLatency = Double.POSITIVE_INFINITY;
    int fastest = -1;
    double fastestLatency = Double.POSITIVE_INFINITY;
    // the live figures are the same for every entry: read them once
    double edgeQueue = live.edgeQueueMs();
    double edgeDrift = live.edgeFactor() - 1;
    double cloudDrift = live.cloudFactor() - 1;
    double cloudQueue = live.cloudQueueMs();
    double rtt = live.rttMs() * live.transferSpread();
    double perByte = live.msPerByte() * live.transferSpread();
    double[] switchMs = state.switchMs;
    for (int i = 0, n = f.size(); i < n; i++) {
      double latency =
          predict(f, i, edgeQueue, edgeDrift, cloudDrift, cloudQueue, rtt, perByte, switchMs[i]);
      if (latency < fastestLatency) {
        fastest = i;
        fastestLatency = latency;
      }
      if (latency <= slaMs) {
        // the switch burns edge power for its duration
        double score = f.energyJ(i) + switchMs[i] / 1000.0 * f.edgePowerW(i);
        if (score < bestScore || (score == bestScore && latency < bestLatency)) {
          best = i;
          bestScore = score;
          bestLatency = latency;
        }
      }
    }
    if (best >= 0) {
      return Decision.chosen(Policy.ADAPTIVE, f.entry(best), bestLatency, f.energyJ(best), true);
    }
    if (failIfInfeasible) {
      return Decision.none(Policy.ADAPTIVE, Decision.Status.INFEASIBLE);
    }
    return Decision.chosen(
        Policy.ADAPTIVE, f.entry(fastest), fastestLatency, f.energyJ(fastest), false);
  }

  private double predict(ModelState state, int i) {
    double spread = live.transferSpread();
    return predict(
        state.index,
        i,
        live.edgeQueueMs(),
        live.edgeFactor() - 1,
        live.cloudFactor() - 1,
        live.cloudQueueMs(),
        live.rttMs() * spread,
        live.msPerByte() * spread,
        state.switchMs[i]);
  }

  /**
   * The front latency corrected by the live figures: each part's drift, the live over profiled
   * transfer time, the queues and the switch.
   */
  private static double predict(
      FrontIndex f,
      int i,
      double edgeQueue,
      double edgeDrift,
      double cloudDrift,
      double cloudQueue,
      double rtt,
      double perByte,
      double switchMs) {
    double latency = f.latencyMs(i) + edgeQueue + switchMs + f.headMs(i) * edgeDrift;
    double transfer = f.transferMs(i);
    double inverseProfiled = f.inverseProfiledTransferMs(i);
    if (transfer > 0 && inverseProfiled > 0) {
      latency += transfer * ((rtt + f.bytes(i) * perByte) * inverseProfiled - 1);
    }
    double tail = f.tailMs(i);
    if (tail > 0) {
      latency += tail * cloudDrift + cloudQueue;
    }
    return Math.max(0, latency);
  }

  private void refreshSwitchCosts(ModelState state) {
    if (state.hardwareVersion == hardwareVersion) {
      return;
    }
    FrontIndex f = state.index;
    double q = live.settings().quantile();
    for (int i = 0; i < f.size(); i++) {
      state.switchMs[i] = switchCosts.costMs(current, f.entry(i).config(), q);
    }
    state.hardwareVersion = hardwareVersion;
  }

  private static Decision chosen(Policy p, FrontIndex f, int i, boolean slaMet) {
    return Decision.chosen(p, f.entry(i), f.latencyMs(i), f.energyJ(i), slaMet);
  }

  private static Decision fallback(Policy p, FrontIndex f, int i, boolean failIfInfeasible) {
    return failIfInfeasible ? Decision.none(p, Decision.Status.INFEASIBLE) : chosen(p, f, i, false);
  }

  private static Decision fixed(
      Policy p, FrontIndex f, int i, double slaMs, boolean failIfInfeasible) {
    if (i < 0) {
      return Decision.none(p, Decision.Status.INFEASIBLE);
    }
    boolean met = f.latencyMs(i) <= slaMs;
    return met ? chosen(p, f, i, true) : fallback(p, f, i, failIfInfeasible);
  }

  private static double typicalBytes(FrontIndex f) {
    double sum = 0;
    int n = 0;
    for (int i = 0; i < f.size(); i++) {
      if (f.bytes(i) > 0) {
        sum += f.bytes(i);
        n++;
      }
    }
    return n == 0 ? 0 : sum / n;
  }

  /** A loaded front with the switch cost of each of its entries from the current hardware state. */
  private static final class ModelState {
    final FrontIndex index;
    final double[] switchMs;
    long hardwareVersion = -1;

    ModelState(FrontIndex index) {
      this.index = index;
      this.switchMs = new double[index.size()];
    }
  }
}
