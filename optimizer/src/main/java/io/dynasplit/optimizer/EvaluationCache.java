package io.dynasplit.optimizer;

import io.dynasplit.optimizer.pool.Trial;
import io.dynasplit.optimizer.pool.TrialsFile;
import io.dynasplit.schemas.Configuration;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Duration;
import java.time.InstantSource;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * The evaluations of one search: never measures a configuration twice, spends the {@link Budget},
 * appends each new trial to a trials file and tells a listener.
 *
 * <p>A resumed search starts from the trials of an earlier, interrupted run of the same search:
 * they fill the cache and count against the budget, so the search re-proposes the same
 * configurations (it is seeded), finds them cached, and measures only what the earlier run had not.
 *
 * @implNote not thread-safe; the search calls it from one thread.
 */
public final class EvaluationCache {

  /** Told of each new evaluation (for a progress bar). */
  @FunctionalInterface
  public interface Listener {
    /**
     * Called after a configuration was measured and recorded.
     *
     * @param trial the new trial
     * @param evaluations evaluations spent so far, resumed ones included
     * @param maxEvaluations the budget's limit
     */
    void evaluated(Trial trial, int evaluations, int maxEvaluations);
  }

  private final String model;
  private final ConfigurationEvaluator evaluator;
  private final Budget budget;
  private final TrialsFile sink;
  private final Listener listener;
  private final InstantSource clock;
  private final long startMillis;
  private final Map<Configuration, Trial> byConfiguration = new HashMap<>();
  private final Set<Configuration> askedThisRun = new HashSet<>();
  private final List<Trial> trials = new ArrayList<>();
  private final int resumed;
  private int evaluatorCalls;
  private long lookups;

  /**
   * A cache.
   *
   * @param model the model evaluated (recorded in each trial)
   * @param evaluator measures a configuration
   * @param budget evaluations and wall clock allowed, resumed evaluations included
   * @param sink the trials file to append to, or null
   * @param earlier trials of an interrupted run of this search (empty for a fresh one)
   * @param listener told of each new evaluation, or null
   * @param clock the clock of the wall-clock limit
   * @throws IllegalArgumentException if an earlier trial is for another model
   */
  public EvaluationCache(
      String model,
      ConfigurationEvaluator evaluator,
      Budget budget,
      TrialsFile sink,
      List<Trial> earlier,
      Listener listener,
      InstantSource clock) {
    this.model = Objects.requireNonNull(model, "model");
    this.evaluator = Objects.requireNonNull(evaluator, "evaluator");
    this.budget = Objects.requireNonNull(budget, "budget");
    this.sink = sink;
    this.listener = listener;
    this.clock = Objects.requireNonNull(clock, "clock");
    this.startMillis = clock.millis();
    for (Trial t : earlier) {
      if (!t.model().equals(model)) {
        throw new IllegalArgumentException(
            "trial "
                + t.number()
                + " of the trials file is for model '"
                + t.model()
                + "', not '"
                + model
                + "'");
      }
      if (byConfiguration.putIfAbsent(t.config(), t) == null) {
        trials.add(t);
      }
    }
    this.resumed = trials.size();
  }

  /** A cache with no trials file, no earlier trials, no listener and the system clock. */
  public static EvaluationCache inMemory(
      String model, ConfigurationEvaluator evaluator, Budget budget) {
    return new EvaluationCache(
        model, evaluator, budget, null, List.of(), null, InstantSource.system());
  }

  /**
   * The trial of a configuration: the cached one, else a new measurement if the budget allows.
   *
   * @return the trial, or empty when the configuration is not cached and the budget is spent
   * @throws UncheckedIOException if the trials file cannot be written
   */
  public Optional<Trial> lookup(Configuration c) {
    lookups++;
    Trial cached = byConfiguration.get(c);
    if (cached != null) {
      askedThisRun.add(c);
      return Optional.of(cached);
    }
    if (exhausted()) {
      return Optional.empty();
    }
    askedThisRun.add(c);
    evaluatorCalls++;
    Trial t = new Trial(trials.size() + 1, model, c, evaluator.evaluate(c).orElse(null));
    byConfiguration.put(c, t);
    trials.add(t);
    if (sink != null) {
      try {
        sink.append(t);
      } catch (IOException e) {
        throw new UncheckedIOException(
            "cannot append to the trials file " + sink.file() + ": " + e.getMessage(), e);
      }
    }
    if (listener != null) {
      listener.evaluated(t, trials.size(), budget.maxEvaluations());
    }
    return Optional.of(t);
  }

  /**
   * Whether the search has asked for a configuration in this run, measured now or taken over from
   * the earlier run. A search that steers by what it has seen uses this rather than {@link
   * #isCached}, so that a resumed run, replaying the interrupted one, sees what the interrupted run
   * saw at that point and makes the same choices.
   */
  public boolean isKnown(Configuration c) {
    return askedThisRun.contains(c);
  }

  /**
   * How many distinct configurations the search has asked for in this run (see {@link #isKnown}).
   */
  public int known() {
    return askedThisRun.size();
  }

  /** Whether a configuration has been evaluated (in this run or a resumed one). */
  public boolean isCached(Configuration c) {
    return byConfiguration.containsKey(c);
  }

  /** Whether the budget is spent: all evaluations used, or the wall-clock limit passed. */
  public boolean exhausted() {
    if (trials.size() >= budget.maxEvaluations()) {
      return true;
    }
    Duration limit = budget.wallClock();
    return limit != null && clock.millis() - startMillis >= limit.toMillis();
  }

  /** Evaluations spent, resumed ones included. */
  public int evaluations() {
    return trials.size();
  }

  /** Evaluations taken over from an earlier run. */
  public int resumed() {
    return resumed;
  }

  /** How many times this cache called the evaluator (new measurements in this run). */
  public int evaluatorCalls() {
    return evaluatorCalls;
  }

  /** How many times the search asked for a configuration's figures (cached or not). */
  public long lookups() {
    return lookups;
  }

  /** The budget. */
  public Budget budget() {
    return budget;
  }

  /** The model. */
  public String model() {
    return model;
  }

  /** Every trial so far, in evaluation order. */
  public List<Trial> trials() {
    return List.copyOf(trials);
  }
}
