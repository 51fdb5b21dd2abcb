package io.dynasplit.edge.pipeline;

import com.fasterxml.jackson.databind.JsonNode;
import io.dynasplit.edge.StageTimes;
import io.dynasplit.energy.EnergyReading;
import io.dynasplit.schemas.EnergyReport;
import io.dynasplit.schemas.EnergySource;
import io.dynasplit.schemas.ErrorCode;
import io.dynasplit.schemas.ErrorReply;
import io.dynasplit.schemas.InferenceReply;
import io.dynasplit.schemas.Timing;

/**
 * Composes a request's reply (ARCHITECTURE 4.5) from its {@link RequestProgress}, plain code with
 * no Vert.x in it: the ok reply with timing, configuration and energy (marked {@code fallback} when
 * the edge ran the tail itself), what the request showed the scheduler, the error reply of each
 * failure, and the reply of a request given up at its deadline plus grace, which names the stage it
 * was stuck in.
 *
 * <p>The pipeline fails a request with the {@link PipelineException} of one of the failure methods
 * here; {@link #error} turns it (or any other exception) into the request's error reply.
 */
final class ReplyAssembler {

  private ReplyAssembler() {}

  /**
   * The ok reply of a request whose output is ready, with where its time went.
   *
   * <p>{@code timing}: total from arrival to {@code nowNanos}; queue from arrival to the start of
   * the edge work plus every wait for an inference worker; edge is head, encoding, the local tail
   * (after a fallback) and post-processing; transfer and cloud as the cloud answered (0 otherwise).
   * {@code energyJ}: the edge's window and the cloud's joules, with the cloud's source apart only
   * when it differs from the edge's.
   *
   * @param output the post-processed output
   * @param edge the edge's energy over the request's window
   * @param nowNanos when the reply is composed
   */
  static Outcome ok(RequestProgress p, JsonNode output, EnergyReading edge, long nowNanos) {
    AdmittedRequest r = p.request();
    double totalMs = (nowNanos - r.arrivedNanos()) / 1e6;
    // before the edge work started, plus every wait of its jobs for an inference worker
    double queueMs = (p.startNanos() - r.arrivedNanos()) / 1e6 + p.workerWaitMs();
    double edgeMs = p.headMs() + p.encodeMs() + (p.fallback() ? p.tailMs() : 0) + p.finishMs();
    Timing timing = new Timing(totalMs, queueMs, edgeMs, p.transferMs(), p.cloudMs());
    EnergySource edgeSource = edge.source();
    EnergySource cloudSource = p.cloudSource();
    EnergyReport energy =
        new EnergyReport(
            edge.joules(),
            p.cloudJoules(),
            edgeSource,
            cloudSource == null || cloudSource == edgeSource ? null : cloudSource);
    InferenceReply ok =
        InferenceReply.ok(r.id(), r.model(), output, r.slaMs(), timing, p.config(), energy);
    InferenceReply reply =
        p.fallback()
            ? ok.withFallback()
            : p.cloudWorker() != null ? ok.withCloudWorker(p.cloudWorker()) : ok;
    StageTimes times =
        new StageTimes(
            queueMs,
            p.headMs(),
            p.encodeMs(),
            p.transferMs(),
            p.cloudQueueMs(),
            p.tailMs(),
            p.finishMs(),
            totalMs,
            p.fallback(),
            p.bytes());
    return new Outcome(reply, times);
  }

  /**
   * What a finished request showed the scheduler about the edge, the channel and the cloud; the
   * bytes, transfer and cloud times only when the cloud answered (0 bytes and NaN otherwise).
   */
  static Observation observation(RequestProgress p) {
    boolean cloud = p.cloudAnswered();
    return new Observation(
        p.entry(),
        p.headMs() + p.encodeMs(),
        cloud ? p.bytes() : 0,
        cloud ? p.transferMs() : Double.NaN,
        cloud ? p.tailMs() : Double.NaN,
        cloud ? p.cloudQueueMs() : Double.NaN);
  }

  /**
   * The reply of a request given up at its deadline plus grace: {@code CLOUD_UNAVAILABLE} while it
   * waited for the cloud or ran the tail after it, else {@code INTERNAL} naming the stage.
   */
  static ErrorReply stopped(RequestProgress p) {
    AdmittedRequest r = p.request();
    return switch (p.stage()) {
      case CLOUD, FALLBACK ->
          ErrorReply.of(
              r.id(),
              r.model(),
              ErrorCode.CLOUD_UNAVAILABLE,
              "the cloud did not answer in time and the edge could not finish the tail itself"
                  + " within the deadline plus grace");
      case SCHEDULE, EDGE, FINISH ->
          ErrorReply.of(
              r.id(),
              r.model(),
              ErrorCode.INTERNAL,
              "the edge did not finish the request (stage "
                  + p.stage().label()
                  + ") within the deadline plus grace");
    };
  }

  /**
   * The error reply of a request that failed: a {@link PipelineException}'s code and message, else
   * {@code INTERNAL} with the exception (an unexpected failure, which the caller should log).
   */
  static ErrorReply error(AdmittedRequest r, Throwable e) {
    if (e instanceof PipelineException pe) {
      return ErrorReply.of(r.id(), r.model(), pe.code(), pe.getMessage());
    }
    return ErrorReply.of(r.id(), r.model(), ErrorCode.INTERNAL, "internal error: " + e);
  }

  /** The scheduler has no front for the request's model: {@code UNKNOWN_MODEL}. */
  static PipelineException unknownModel(AdmittedRequest r) {
    return new PipelineException(ErrorCode.UNKNOWN_MODEL, "no pareto front for model " + r.model());
  }

  /**
   * No configuration is expected to meet the SLA and the request asked to fail rather than run
   * late: {@code SLA_INFEASIBLE}.
   */
  static PipelineException infeasible(AdmittedRequest r) {
    return new PipelineException(
        ErrorCode.SLA_INFEASIBLE,
        "no configuration of " + r.model() + " is expected to answer within " + r.slaMs() + " ms");
  }

  /** The hardware could not be put in the configuration's state: {@code INTERNAL}. */
  static PipelineException hardwareFailed(Throwable e) {
    return new PipelineException(
        ErrorCode.INTERNAL, "cannot apply the hardware configuration: " + e.getMessage());
  }

  /**
   * The cloud did not answer and the edge's own tail does not fit in the time left: {@code
   * CLOUD_UNAVAILABLE}.
   *
   * @param leftMs the time left before the deadline, rounded (0 when past it) in the message
   */
  static PipelineException noTimeForLocalTail(TailFailure failure, double leftMs) {
    return new PipelineException(
        ErrorCode.CLOUD_UNAVAILABLE,
        "the cloud did not answer ("
            + failure.message()
            + ") and the edge cannot run the tail within the "
            + Math.round(Math.max(0, leftMs))
            + " ms left");
  }

  /** An inference job got no answer from the inference workers: {@code INTERNAL}. */
  static PipelineException inferenceUnavailable(Throwable e) {
    return new PipelineException(
        ErrorCode.INTERNAL, "edge inference unavailable: " + e.getMessage());
  }
}
