package io.dynasplit.edge.pipeline;

import io.dynasplit.energy.EnergyMeter;
import io.dynasplit.energy.EnergyReading;
import io.dynasplit.schemas.Configuration;
import io.dynasplit.schemas.EnergySource;
import io.dynasplit.schemas.FrontEntry;
import io.dynasplit.schemas.TailTiming;
import java.util.Locale;
import java.util.Objects;

/**
 * What is known so far of one request on its way through the pipeline, plain state with no Vert.x
 * in it: the stage it reached, the front entry it runs with, the times of the stages that ran, the
 * cloud's figures when the cloud answered, whether the edge ran the tail itself, and the window
 * over which the edge's energy is metered. The pipeline records each step here as it happens;
 * {@link ReplyAssembler} turns it into the request's reply.
 *
 * <p>Times given in nanoseconds are on the {@link System#nanoTime()} scale; the time a job waited
 * for an inference worker (from when it was sent to when it started) adds up in {@link
 * #workerWaitMs()}.
 *
 * @implNote not thread-safe: a request's progress is confined to the pipeline's event loop
 */
final class RequestProgress {

  /** Where a request is, for the reply of one that is given up. */
  enum Stage {
    /** Waiting for the scheduler's plan (or for the hardware to apply it). */
    SCHEDULE,
    /** The head, or the whole model, on the edge. */
    EDGE,
    /** Waiting for the cloud's tail. */
    CLOUD,
    /** The edge's own tail, after the cloud did not answer. */
    FALLBACK,
    /** Post-processing the outputs. */
    FINISH;

    /** The stage's name in messages, lower case. */
    String label() {
      return name().toLowerCase(Locale.ROOT);
    }
  }

  private final AdmittedRequest request;
  private Stage stage = Stage.SCHEDULE;
  private FrontEntry entry;
  private double localTailMs;
  private EnergyMeter.Window window;
  private long startNanos;
  private double workerWaitMs;
  private double headMs;
  private double encodeMs;
  private double transferMs;
  private double cloudQueueMs;
  private double tailMs;
  private double cloudMs;
  private double finishMs;
  private long finishSentNanos;
  private long bytes;
  private boolean fallback;
  private boolean cloudAnswered;
  private String cloudWorker;
  private double cloudJoules;
  private EnergySource cloudSource;

  /** A request that has not been scheduled yet. */
  RequestProgress(AdmittedRequest request) {
    this.request = Objects.requireNonNull(request, "request");
  }

  /**
   * The edge work starts with the plan's entry: stage {@link Stage#EDGE}.
   *
   * @param nowNanos when the edge work started
   * @param window the edge's energy window, opened now; closed by {@link #closeWindow()}
   */
  void edgeStarted(Plan plan, long nowNanos, EnergyMeter.Window window) {
    this.entry = plan.decision().entry();
    this.localTailMs = plan.localTailMs();
    this.startNanos = nowNanos;
    this.window = Objects.requireNonNull(window, "window");
    this.stage = Stage.EDGE;
  }

  /** The whole model ran on the edge: its job started at {@code startedNanos}. */
  void modelRan(long startedNanos, double computeMs) {
    workerWaitMs += (startedNanos - startNanos) / 1e6;
    headMs = computeMs;
  }

  /**
   * The head ran on the edge and its intermediate was encoded into a frame of {@code bytes}: its
   * job started at {@code startedNanos}.
   */
  void headRan(long startedNanos, double computeMs, double encodeMs, long bytes) {
    workerWaitMs += (startedNanos - startNanos) / 1e6;
    headMs = computeMs;
    this.encodeMs = encodeMs;
    this.bytes = bytes;
  }

  /** The frame went to the cloud: stage {@link Stage#CLOUD}. */
  void cloudCalled() {
    stage = Stage.CLOUD;
  }

  /**
   * The cloud answered with the tail's outputs: its queue and compute time, the transfer (the round
   * trip less the cloud's time, at least 0) and its energy, when it metered it.
   */
  void cloudAnswered(TailAnswer answer) {
    cloudAnswered = true;
    cloudWorker = answer.result().workerId();
    TailTiming timing = answer.result().timing();
    cloudQueueMs = timing.queueMs();
    tailMs = timing.computeMs();
    cloudMs = timing.totalMs();
    transferMs = Math.max(0, answer.roundTripMs() - timing.totalMs());
    if (answer.result().energy() != null) {
      cloudJoules = answer.result().energy().joules();
      cloudSource = answer.result().energy().source();
    }
  }

  /** The cloud did not answer and the edge runs the tail itself: stage {@link Stage#FALLBACK}. */
  void fellBack() {
    fallback = true;
    stage = Stage.FALLBACK;
  }

  /**
   * The edge's own tail ran: its job was sent at {@code sentNanos} and started at {@code
   * startedNanos}.
   */
  void localTailRan(long sentNanos, long startedNanos, double computeMs) {
    workerWaitMs += (startedNanos - sentNanos) / 1e6;
    tailMs = computeMs;
  }

  /** The outputs went to post-processing at {@code nowNanos}: stage {@link Stage#FINISH}. */
  void finishSent(long nowNanos) {
    stage = Stage.FINISH;
    finishSentNanos = nowNanos;
  }

  /** Post-processing ran: its job started at {@code startedNanos} and took {@code ms}. */
  void finished(long startedNanos, double ms) {
    workerWaitMs += (startedNanos - finishSentNanos) / 1e6;
    finishMs = ms;
  }

  /**
   * Ends the edge's energy window now and returns its energy.
   *
   * @throws IllegalStateException if the edge work never started or the window is closed
   */
  EnergyReading closeWindow() {
    if (window == null) {
      throw new IllegalStateException("no energy window open for request " + request.id());
    }
    EnergyMeter.Window w = window;
    window = null;
    return w.close();
  }

  /** Ends the edge's energy window, if one is open, discarding its energy (the request failed). */
  void discardWindow() {
    if (window != null) {
      closeWindow();
    }
  }

  /** The request. */
  AdmittedRequest request() {
    return request;
  }

  /** The stage reached. */
  Stage stage() {
    return stage;
  }

  /** The front entry the request runs with; null before the edge work started. */
  FrontEntry entry() {
    return entry;
  }

  /** The configuration the request runs with; null before the edge work started. */
  Configuration config() {
    return entry == null ? null : entry.config();
  }

  /** The expected time of the tail on the edge, from the plan; 0 before the edge work started. */
  double localTailMs() {
    return localTailMs;
  }

  /** When the edge work started; 0 before. */
  long startNanos() {
    return startNanos;
  }

  /** Every wait so far of the request's jobs for an inference worker. */
  double workerWaitMs() {
    return workerWaitMs;
  }

  /** The head's (or the whole model's) compute time on the edge; 0 until it ran. */
  double headMs() {
    return headMs;
  }

  /** Encoding the intermediate into a frame; 0 unless a head ran. */
  double encodeMs() {
    return encodeMs;
  }

  /** The tail exchange's round trip less the cloud's time; 0 unless the cloud answered. */
  double transferMs() {
    return transferMs;
  }

  /** The cloud's queue wait; 0 unless the cloud answered. */
  double cloudQueueMs() {
    return cloudQueueMs;
  }

  /** The tail's compute time, on the cloud or (after a fallback) on the edge; 0 until it ran. */
  double tailMs() {
    return tailMs;
  }

  /** The cloud's queue plus tail; 0 unless the cloud answered. */
  double cloudMs() {
    return cloudMs;
  }

  /** Post-processing; 0 until it ran. */
  double finishMs() {
    return finishMs;
  }

  /** The size of the frame sent to the cloud; 0 when nothing was sent. */
  long bytes() {
    return bytes;
  }

  /** Whether the edge ran the tail itself because the cloud did not answer. */
  boolean fallback() {
    return fallback;
  }

  /** Whether the cloud answered with the tail's outputs. */
  /** The cloud worker whose answer the request used; null when none did. */
  String cloudWorker() {
    return cloudAnswered ? cloudWorker : null;
  }

  boolean cloudAnswered() {
    return cloudAnswered;
  }

  /** The cloud's joules for the request; 0 unless it answered with its energy. */
  double cloudJoules() {
    return cloudJoules;
  }

  /** Where the cloud's joules came from; null unless it answered with its energy. */
  EnergySource cloudSource() {
    return cloudSource;
  }
}
