package io.dynasplit.scheduler;

import io.dynasplit.schemas.FrontEntry;
import java.util.Objects;

/**
 * What the edge has recently seen of its channel, the cloud and itself (ARCHITECTURE 6): round trip
 * and bandwidth from its own transfers, the cloud's service-time factor {@code f_cloud} and queue
 * from tail results and cloud telemetry, the head's drift factor {@code f_edge} against the front,
 * and its own queue.
 *
 * <p>Each estimate starts at its profiled value (factors 1, cloud queue 0, the profiled channel)
 * and leaves it only as far as its window's observations show with confidence ({@link
 * AdaptiveSettings#evidence}, {@link Evidence}): observations that only scatter around the profile,
 * as runs do from one to the next, leave it in force, so that {@code adaptive} then decides as the
 * paper's rule does. Factors are windowed quantiles of observed over front time, at the quantile of
 * the settings, taken as far as that evidence carries. An estimate that stops being refreshed
 * (observations older than {@code maxAgeRequests}) falls back to the profiled value. The request
 * clock advances with {@link #observeHead}, which the caller reports once per finished request.
 *
 * <p>Not thread-safe: confine it, with its {@link Scheduler}, to one thread (the scheduler
 * verticle's context, or the simulator's loop). Every figure is computed when observed, so reading
 * costs a field load.
 */
public final class LiveEstimator {

  /**
   * The shortest profiled edge time whose live ratio feeds {@code f_edge}. A shorter one
   * (all-cloud: pre-processing only, a worker hop) is mostly fixed overhead, and its ratio to the
   * profile says nothing about how a long head runs: learnt from it, {@code f_edge} would stretch
   * or shrink the whole model on the edge by what a half-millisecond step did, and the edge would
   * swing between all-cloud and all-edge.
   */
  public static final double MIN_HEAD_MS_FOR_DRIFT = 2;

  private final AdaptiveSettings settings;
  private final TransferEstimate transfer;
  private final SampleWindow edgeFactor;
  private final SampleWindow cloudFactor;
  private final SampleWindow cloudQueue;
  private final SampleWindow edgeServiceMs;
  private long requests;
  private int edgeQueueLength;
  private double profileRttMs;
  private double profileMsPerByte;

  /** Estimates with nothing observed yet: every factor is 1, queues are empty. */
  public LiveEstimator(AdaptiveSettings settings) {
    this.settings = Objects.requireNonNull(settings, "settings");
    int w = settings.window();
    long age = settings.maxAgeRequests();
    double q = settings.quantile();
    double z = settings.evidence();
    transfer = new TransferEstimate(w, age, q, settings.priorWeight(), z);
    edgeFactor = new SampleWindow(w, age, q, 1, z);
    cloudFactor = new SampleWindow(w, age, q, 1, z);
    cloudQueue = new SampleWindow(w, age, q, 0, z);
    edgeServiceMs = new SampleWindow(w, age, 0.5);
  }

  /** The settings these estimates follow. */
  public AdaptiveSettings settings() {
    return settings;
  }

  /**
   * Sets the channel the front was profiled on; the live round trip and bandwidth start from it and
   * return to it when transfers stop.
   *
   * @param rttMs profiled round trip
   * @param msPerByte profiled milliseconds per byte (the inverse of the bandwidth)
   * @param typicalBytes a typical transfer size of the front
   */
  public void setProfile(double rttMs, double msPerByte, double typicalBytes) {
    finiteNonNegative("rttMs", rttMs);
    finiteNonNegative("msPerByte", msPerByte);
    finiteNonNegative("typicalBytes", typicalBytes);
    profileRttMs = rttMs;
    profileMsPerByte = msPerByte;
    transfer.setProfile(rttMs, msPerByte, typicalBytes);
  }

  /**
   * Reports one transfer of an intermediate tensor (and its answer) for the front entry that ran:
   * its size and how long it took on the wire, excluding cloud queue and service time. The entry's
   * own transfer time is what the observation is held against to tell a changed channel from noise.
   */
  public void observeTransfer(FrontEntry entry, long bytes, double ms) {
    Objects.requireNonNull(entry, "entry");
    if (bytes < 0) {
      throw new IllegalArgumentException("bytes must be >= 0: " + bytes);
    }
    finiteNonNegative("ms", ms);
    transfer.add(
        bytes, ms, entry.transferMs() > 0 ? ms / entry.transferMs() : Double.NaN, requests);
  }

  /**
   * Reports a finished request's edge time (head inference, pre- and post-processing) for the front
   * entry it ran; 0 when the edge did nothing. Call once per finished request: it is the clock that
   * ages the other estimates.
   */
  public void observeHead(FrontEntry entry, double ms) {
    Objects.requireNonNull(entry, "entry");
    finiteNonNegative("ms", ms);
    requests++;
    if (entry.headMs() >= MIN_HEAD_MS_FOR_DRIFT) {
      edgeFactor.add(ms / entry.headMs(), requests);
      edgeServiceMs.add(ms, requests);
    }
    edgeFactor.expire(requests);
    edgeServiceMs.expire(requests);
    cloudFactor.expire(requests);
    cloudQueue.expire(requests);
    transfer.expire(requests);
  }

  /**
   * Reports a tail result: the cloud's service time for the front entry that ran and the time the
   * request waited in the cloud's queue (0 when the cloud does not say).
   */
  public void observeTail(FrontEntry entry, double serviceMs, double queueMs) {
    Objects.requireNonNull(entry, "entry");
    finiteNonNegative("serviceMs", serviceMs);
    finiteNonNegative("queueMs", queueMs);
    if (entry.tailMs() > 0) {
      cloudFactor.add(serviceMs / entry.tailMs(), requests);
    }
    cloudQueue.add(queueMs, requests);
  }

  /**
   * The estimates as the edge's telemetry reports them (ARCHITECTURE 4.1): each figure null until
   * it rests on an observation (the channel also on a profile set by {@link #setProfile}).
   */
  public io.dynasplit.schemas.LiveEstimates report() {
    boolean channel = transfer.live() > 0 || profileRttMs > 0 || profileMsPerByte > 0;
    double perByte = transfer.msPerByte();
    Double bandwidth = channel && perByte > 0 && Double.isFinite(perByte) ? 1000 / perByte : null;
    return new io.dynasplit.schemas.LiveEstimates(
        bandwidth,
        channel ? transfer.rttMs() : null,
        edgeFactor.live() > 0 ? edgeFactor() : null,
        cloudFactor.live() > 0 ? cloudFactor() : null,
        cloudQueue.live() > 0 ? cloudQueueMs() : null);
  }

  /** Reports the queueing delay a cloud worker announced in its telemetry. */
  public void observeCloudQueue(double queueMs) {
    finiteNonNegative("queueMs", queueMs);
    cloudQueue.add(queueMs, requests);
  }

  /** Sets how many requests wait on the edge before a new one would start. */
  public void setEdgeQueue(int waiting) {
    if (waiting < 0) {
      throw new IllegalArgumentException("waiting must be >= 0: " + waiting);
    }
    edgeQueueLength = waiting;
  }

  /** Requests finished so far (the request clock). */
  public long requests() {
    return requests;
  }

  /** Live round trip in ms. */
  public double rttMs() {
    return transfer.rttMs();
  }

  /** Live bandwidth in bytes per ms (kB/s); infinite when nothing is known to cost time. */
  public double bandwidthBytesPerMs() {
    double perByte = transfer.msPerByte();
    return perByte > 0 ? 1 / perByte : Double.POSITIVE_INFINITY;
  }

  /** Live transfer time of {@code bytes} at the configured quantile. */
  public double transferMs(double bytes) {
    return transfer.predictMs(bytes);
  }

  /** Live milliseconds per byte (the inverse of the bandwidth), at the mean. */
  public double msPerByte() {
    return transfer.msPerByte();
  }

  /**
   * The configured quantile of observed over fitted transfer time: how much slower than the live
   * line a transfer is planned for; 1 until observed.
   */
  public double transferSpread() {
    return transfer.spread();
  }

  /** The profiled round trip set by {@link #setProfile}. */
  public double profileRttMs() {
    return profileRttMs;
  }

  /** The profiled milliseconds per byte set by {@link #setProfile}. */
  public double profileMsPerByte() {
    return profileMsPerByte;
  }

  /**
   * The head drift factor {@code f_edge} as the evidence has it (see the class comment); 1 until
   * observed.
   */
  public double edgeFactor() {
    return edgeFactor.estimate();
  }

  /**
   * The cloud service factor {@code f_cloud} as the evidence has it (see the class comment); 1
   * until observed.
   */
  public double cloudFactor() {
    return cloudFactor.estimate();
  }

  /** The cloud queueing delay as the evidence has it; 0 until observed. */
  public double cloudQueueMs() {
    return cloudQueue.estimate();
  }

  /** The expected wait on the edge: queue length times the median recent edge time. */
  public double edgeQueueMs() {
    return edgeQueueLength == 0 ? 0 : edgeQueueLength * edgeServiceMs.quantileOr(0);
  }

  /** How many transfers the bandwidth estimate currently rests on. */
  public int transferSamples() {
    return transfer.live();
  }

  private static void finiteNonNegative(String name, double v) {
    if (!(v >= 0) || Double.isInfinite(v)) {
      throw new IllegalArgumentException(name + " must be a finite number >= 0: " + v);
    }
  }
}
