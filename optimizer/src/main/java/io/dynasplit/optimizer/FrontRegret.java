package io.dynasplit.optimizer;

import io.dynasplit.optimizer.pool.SlaWorkload;
import io.dynasplit.scheduler.AdaptiveSettings;
import io.dynasplit.scheduler.Decision;
import io.dynasplit.scheduler.FrontIndex;
import io.dynasplit.scheduler.Policy;
import io.dynasplit.scheduler.Scheduler;
import io.dynasplit.schemas.FrontEntry;
import java.util.List;
import java.util.Objects;

/**
 * What a front is worth to the online scheduler: the mean energy per request when a workload is
 * scheduled from it with the paper's rule ({@link Policy#DYNASPLIT}: the least energy among the
 * entries whose latency meets the request's SLA, else the fastest), and the regret of one front
 * against another.
 *
 * <p>Regret = (energy per request from the found front) / (energy per request from the reference
 * front, usually the exhaustive one) - 1. It is 0 when the found front serves the workload as
 * cheaply, positive when it costs more.
 */
public final class FrontRegret {

  private FrontRegret() {}

  /**
   * Schedules a workload from a front and sums up what it costs.
   *
   * @param model the model name (any; the front is loaded under it)
   * @param entries the front; its entries' figures are used as they are (pool means)
   * @param workload the requests' SLAs
   * @throws IllegalArgumentException if the front is empty
   */
  public static Schedule schedule(String model, List<FrontEntry> entries, SlaWorkload workload) {
    Objects.requireNonNull(workload, "workload");
    if (entries.isEmpty()) {
      throw new IllegalArgumentException("cannot schedule from an empty front");
    }
    Scheduler scheduler = new Scheduler(Policy.DYNASPLIT, AdaptiveSettings.DEFAULT);
    scheduler.load(FrontIndex.of(model, entries));
    double energy = 0;
    int met = 0;
    for (int i = 0; i < workload.size(); i++) {
      Decision d = scheduler.decide(model, workload.slaMs(i), Policy.DYNASPLIT, false);
      energy += d.entry().energyJ();
      if (d.slaMet()) {
        met++;
      }
    }
    return new Schedule(workload.size(), energy / workload.size(), met);
  }

  /**
   * The regret of a found front against a reference front over a workload.
   *
   * @return the relative extra energy per request (0.01 is 1%)
   */
  public static double regret(
      String model, List<FrontEntry> found, List<FrontEntry> reference, SlaWorkload workload) {
    return schedule(model, found, workload).energyPerRequestJ()
            / schedule(model, reference, workload).energyPerRequestJ()
        - 1;
  }

  /**
   * A workload scheduled from a front.
   *
   * @param requests number of requests
   * @param energyPerRequestJ mean energy per request
   * @param slasMet requests whose chosen entry's latency meets their SLA
   */
  public record Schedule(int requests, double energyPerRequestJ, int slasMet) {

    /** Checks the figures. */
    public Schedule {
      if (requests <= 0) {
        throw new IllegalArgumentException("requests must be > 0: " + requests);
      }
      if (slasMet < 0 || slasMet > requests) {
        throw new IllegalArgumentException("slasMet must be in [0, requests]: " + slasMet);
      }
    }

    /** Fraction of requests whose SLA is met. */
    public double slaMetFraction() {
      return (double) slasMet / requests;
    }
  }
}
