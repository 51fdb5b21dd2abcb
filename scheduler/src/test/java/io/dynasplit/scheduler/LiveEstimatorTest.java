package io.dynasplit.scheduler;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.dynasplit.schemas.FrontEntry;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class LiveEstimatesTest {

  private static final long SEED = 20261123L;
  private static final long[] SIZES = {4_000, 100_000, 400_000, 800_000, 3_200_000};
  private static final FrontEntry ANY = Entries.split(5, 1200, 50, 10, 70, 400_000, 5);

  /**
   * Feeds one request's transfer of a given size on a channel with the given round trip and ms per
   * byte, for a front entry whose transfer time is the profiled channel's (set on {@code live}).
   */
  private static void transfer(
      LiveEstimator live, SplittableRandom random, double rtt, double perByte, long bytes) {
    double noise = 1 + (random.nextDouble() - 0.5) * 0.1;
    double profiled = live.profileRttMs() + bytes * live.profileMsPerByte();
    FrontEntry entry = Entries.split(5, 1200, 50, profiled, 70, bytes, 5);
    live.observeTransfer(entry, bytes, (rtt + bytes * perByte) * noise);
    live.observeHead(ANY, 50);
  }

  /**
   * Verifies that round trip and bandwidth converge on a noisy synthetic series that differs from
   * the profile.
   */
  @Test
  void transferEstimatesConvergeOnSyntheticSeries() {
    SplittableRandom random = new SplittableRandom(SEED);
    // the fit itself, every observation trusted (the evidence shrinks it by the ratios' spread
    // across sizes)
    LiveEstimator live = new LiveEstimator(AdaptiveSettings.DEFAULT.withEvidence(0));
    live.setProfile(2.0, 1.0e-5, 600_000);
    double rtt = 6.0;
    double perByte = 2.5e-5;

    for (int i = 0; i < 200; i++) {
      transfer(live, random, rtt, perByte, SIZES[random.nextInt(SIZES.length)]);
    }

    assertEquals(rtt, live.rttMs(), 1.5, "seed " + SEED);
    assertEquals(1 / perByte, live.bandwidthBytesPerMs(), 0.05 / perByte, "seed " + SEED);
    assertEquals(
        rtt + 800_000 * perByte,
        live.transferMs(800_000),
        0.05 * (rtt + 800_000 * perByte),
        "seed " + SEED);
  }

  /**
   * Verifies that a drop to a quarter of the bandwidth seen on a single tensor size is picked up
   * within one window.
   */
  @Test
  void bandwidthDropOnOneSizeIsFollowed() {
    SplittableRandom random = new SplittableRandom(SEED);
    AdaptiveSettings settings = AdaptiveSettings.DEFAULT;
    LiveEstimator live = new LiveEstimator(settings);
    live.setProfile(2.0, 1.4e-5, 600_000);
    for (int i = 0; i < 50; i++) {
      transfer(live, random, 2.0, 1.4e-5, 600_000);
    }
    double before = live.transferMs(600_000);

    for (int i = 0; i < settings.window(); i++) {
      transfer(live, random, 2.0, 4 * 1.4e-5, 600_000);
    }
    double after = live.transferMs(600_000);

    assertEquals(2.0 + 600_000 * 1.4e-5, before, 0.6, "seed " + SEED);
    assertEquals(2.0 + 600_000 * 4 * 1.4e-5, after, 0.05 * after, "seed " + SEED);
  }

  /**
   * Verifies that an estimate no longer refreshed falls back to the profile after the maximum age.
   */
  @Test
  void staleEstimatesFallBackToProfile() {
    SplittableRandom random = new SplittableRandom(SEED);
    AdaptiveSettings settings = AdaptiveSettings.DEFAULT.withMaxAgeRequests(40);
    LiveEstimator live = new LiveEstimator(settings);
    live.setProfile(2.0, 1.0e-5, 600_000);
    for (int i = 0; i < 30; i++) {
      transfer(live, random, 2.0, 1.0e-4, 600_000);
      live.observeTail(ANY, 140, 5);
    }
    assertTrue(live.transferMs(600_000) > 40, "slow channel seen: " + live.transferMs(600_000));
    assertEquals(2.0, live.cloudFactor(), 0.01);

    for (int i = 0; i < 41; i++) {
      live.observeHead(ANY, 50);
    }

    assertEquals(0, live.transferSamples());
    assertEquals(8.0, live.transferMs(600_000), 1e-9);
    assertEquals(1.0, live.cloudFactor(), 1e-9);
    assertEquals(0.0, live.cloudQueueMs(), 1e-9);
  }

  /**
   * Verifies that, trusting every observation (evidence 0), the head and cloud factors are the
   * configured quantile of observed over front time.
   */
  @Test
  void factorsAreWindowedQuantiles() {
    AdaptiveSettings trusting = AdaptiveSettings.DEFAULT.withEvidence(0);
    LiveEstimator median = new LiveEstimator(trusting.withQuantile(0.5));
    LiveEstimator tail = new LiveEstimator(trusting.withQuantile(0.9));
    for (int i = 1; i <= 11; i++) {
      // head 50 ms in the front: ratios 1.0, 1.1, ..., 2.0
      double ms = 50 * (1 + (i - 1) / 10.0);
      for (LiveEstimator live : new LiveEstimator[] {median, tail}) {
        live.observeTail(ANY, 70 * (1 + (i - 1) / 10.0), 0);
        live.observeHead(ANY, ms);
      }
    }

    assertEquals(1.5, median.edgeFactor(), 1e-9);
    assertEquals(1.9, tail.edgeFactor(), 1e-9);
    assertEquals(1.5, median.cloudFactor(), 1e-9);
    median.setEdgeQueue(3);
    assertEquals(3 * 75.0, median.edgeQueueMs(), 1e-9);
  }

  /**
   * Verifies that the telemetry report is empty before anything is known, and then carries the
   * profiled channel and the observed head and cloud factors and cloud queue.
   */
  @Test
  void reportCarriesWhatIsKnown() {
    LiveEstimator live = new LiveEstimator(AdaptiveSettings.DEFAULT.withEvidence(0));
    assertEquals(io.dynasplit.schemas.LiveEstimates.NONE, live.report());

    live.setProfile(4.0, 1.0e-5, 400_000);
    live.observeHead(ANY, 100);
    live.observeTail(ANY, 140, 3);
    io.dynasplit.schemas.LiveEstimates r = live.report();
    assertEquals(4.0, r.rttMs(), 1e-9);
    assertEquals(1e8, r.bandwidthBytesPerS(), 1);
    assertEquals(100.0 / 50, r.edgeFactor(), 1e-9);
    assertEquals(140.0 / 70, r.cloudFactor(), 1e-9);
    assertEquals(3.0, r.cloudQueueMs(), 1e-9);
  }

  /**
   * Verifies that a head shorter than {@link LiveEstimator#MIN_HEAD_MS_FOR_DRIFT} (all-cloud:
   * pre-processing only) leaves {@code f_edge} alone however its ratio to the profile runs, while a
   * long head moves it.
   */
  @Test
  void aTinyHeadDoesNotMoveTheEdgeFactor() {
    LiveEstimator live = new LiveEstimator(AdaptiveSettings.DEFAULT);
    FrontEntry allCloud = Entries.split(0, 1200, 0.7, 20, 70, 28_000, 5);
    for (int i = 0; i < 40; i++) {
      live.observeHead(allCloud, 0.2);
    }
    assertEquals(1.0, live.edgeFactor(), 1e-9);
    for (int i = 0; i < 40; i++) {
      live.observeHead(ANY, 75);
    }
    assertEquals(1.5, live.edgeFactor(), 1e-9);
  }

  /**
   * Verifies that observations which only scatter around the profile (head and cloud times 30%
   * either way, transfers 50% either way) leave every estimate at its profiled value nearly always
   * and never far from it, where trusting each observation moves them at every request.
   */
  @Test
  void noiseAroundTheProfileLeavesItInForce() {
    LiveEstimator careful = new LiveEstimator(AdaptiveSettings.DEFAULT);
    LiveEstimator trusting = new LiveEstimator(AdaptiveSettings.DEFAULT.withEvidence(0));
    FrontEntry entry = Entries.split(5, 1200, 50, 10, 70, 400_000, 5);
    SplittableRandom random = new SplittableRandom(SEED);
    int atProfile = 0;
    int trustingAtProfile = 0;
    double worst = 0;
    int n = 2000;
    for (int i = 0; i < n; i++) {
      double head = 50 * (1 + 0.6 * (random.nextDouble() - 0.5));
      double tail = 70 * (1 + 0.6 * (random.nextDouble() - 0.5));
      double wire = 10 * (1 + (random.nextDouble() - 0.5));
      for (LiveEstimator live : new LiveEstimator[] {careful, trusting}) {
        if (i == 0) {
          live.setProfile(2.0, 2.0e-5, 400_000);
        }
        live.observeTransfer(entry, entry.bytes(), wire);
        live.observeTail(entry, tail, 0);
        live.observeHead(entry, head);
      }
      boolean profiled =
          careful.edgeFactor() == 1
              && careful.cloudFactor() == 1
              && careful.transferMs(400_000) == 10.0;
      atProfile += profiled ? 1 : 0;
      trustingAtProfile += trusting.edgeFactor() == 1 ? 1 : 0;
      worst = Math.max(worst, Math.abs(careful.edgeFactor() - 1));
      worst = Math.max(worst, Math.abs(careful.cloudFactor() - 1));
      worst = Math.max(worst, Math.abs(careful.transferMs(400_000) / 10.0 - 1));
    }
    assertTrue(atProfile > 0.8 * n, atProfile + " of " + n + " at the profile");
    assertTrue(worst < 0.1, "furthest from the profile: " + worst);
    assertTrue(trustingAtProfile < 0.05 * n, trustingAtProfile + " of " + n);
  }

  /**
   * Verifies that a real change as noisy (head and cloud twice as slow, 30% either way) is followed
   * within one window, short of it by about the confidence interval's half-width.
   */
  @Test
  void aNoisyRealChangeIsFollowed() {
    AdaptiveSettings settings = AdaptiveSettings.DEFAULT;
    LiveEstimator live = new LiveEstimator(settings);
    FrontEntry entry = Entries.split(5, 1200, 50, 10, 70, 400_000, 5);
    SplittableRandom random = new SplittableRandom(SEED);
    for (int i = 0; i < settings.window(); i++) {
      live.observeTail(entry, 140 * (1 + 0.6 * (random.nextDouble() - 0.5)), 0);
      live.observeHead(entry, 100 * (1 + 0.6 * (random.nextDouble() - 0.5)));
    }
    // the ratios' sd is 2 * 0.6 / sqrt(12) = 0.35: five standard errors of 32 are 0.31, a third of
    // the change
    for (double f : new double[] {live.edgeFactor(), live.cloudFactor()}) {
      assertTrue(f > 1.5 && f < 2.1, live.report().toString());
    }
  }
}
