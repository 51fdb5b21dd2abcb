package io.dynasplit.edge.pipeline;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.dynasplit.edge.StageTimes;
import io.dynasplit.energy.EnergyReading;
import io.dynasplit.scheduler.Decision;
import io.dynasplit.scheduler.Policy;
import io.dynasplit.schemas.Codec;
import io.dynasplit.schemas.Configuration;
import io.dynasplit.schemas.EnergyReport;
import io.dynasplit.schemas.EnergySource;
import io.dynasplit.schemas.ErrorCode;
import io.dynasplit.schemas.ErrorReply;
import io.dynasplit.schemas.FrontEntry;
import io.dynasplit.schemas.InferenceReply;
import io.dynasplit.schemas.Json;
import io.dynasplit.schemas.MeasuredEnergy;
import io.dynasplit.schemas.TailResult;
import io.dynasplit.schemas.TailTiming;
import io.dynasplit.schemas.Timing;
import io.dynasplit.schemas.mqtt.TraceParent;
import java.io.IOException;
import java.util.List;
import org.junit.jupiter.api.Test;

class ReplyAssemblerTest {

  private static final long MS = 1_000_000L;

  /** Arrival of the request, {@link System#nanoTime()} scale. */
  private static final long T0 = 1_000 * MS;

  private static final AdmittedRequest REQUEST =
      new AdmittedRequest(
          "req-7",
          "resnet50",
          500,
          null,
          false,
          List.of(),
          null,
          T0,
          1_700_000_000_000L,
          0.8,
          TraceParent.start());

  private static final Configuration SPLIT_CONFIG =
      new Configuration(3, 1800, "off", 4, Codec.FP16, "gpu");

  private static final FrontEntry ENTRY =
      new FrontEntry(SPLIT_CONFIG, 110, 130, 40, 15, 30, 4096, 2.0, 1.2, null, 10);

  private static final JsonNode OUTPUT = Json.mapper().createObjectNode().put("label", "tabby");

  private static Plan plan(double localTailMs) {
    return new Plan(
        new Decision(Policy.DYNASPLIT, Decision.Status.MEETS_SLA, ENTRY, 110, 3.2, true),
        localTailMs);
  }

  private static EnergyReading edgeReading(double joules, EnergySource source) {
    return new EnergyReading(joules, source, T0, T0 + 100 * MS);
  }

  /**
   * A split request whose head started 12 ms after arrival and waited 3 ms for a worker, whose
   * cloud answered with its energy from {@code cloudSource}, and whose finish waited 1 ms.
   */
  private static RequestProgress cloudAnswered(EnergySource cloudSource) {
    RequestProgress p = new RequestProgress(REQUEST);
    p.edgeStarted(plan(25), T0 + 12 * MS, () -> edgeReading(2.5, EnergySource.RAPL));
    p.headRan(T0 + 15 * MS, 40, 2, 4096);
    p.cloudCalled();
    p.cloudAnswered(
        new TailAnswer(
            TailResult.ok(
                "req-7", "gpu-0", new TailTiming(5, 30), new MeasuredEnergy(1.5, cloudSource)),
            List.of(),
            50));
    p.finishSent(T0 + 110 * MS);
    p.finished(T0 + 111 * MS, 4);
    return p;
  }

  /** Verifies the ok reply of a split request: timing, configuration, energy with both sources. */
  @Test
  void okReplyHasTimingConfigurationAndEnergy() {
    Outcome out =
        ReplyAssembler.ok(
            cloudAnswered(EnergySource.NVML),
            OUTPUT,
            edgeReading(2.5, EnergySource.RAPL),
            T0 + 120 * MS);

    InferenceReply reply = assertInstanceOf(InferenceReply.class, out.reply());
    assertEquals("req-7", reply.id());
    assertEquals("resnet50", reply.model());
    assertSame(OUTPUT, reply.output());
    assertEquals(500, reply.slaMs());
    assertTrue(reply.slaMet());
    // queue: 12 ms before the head plus 3 + 1 ms waiting for workers; edge: head + encode + finish
    assertEquals(new Timing(120, 16, 46, 15, 35), reply.timing());
    assertEquals(SPLIT_CONFIG, reply.config());
    assertEquals(new EnergyReport(2.5, 1.5, EnergySource.RAPL, EnergySource.NVML), reply.energyJ());
    assertNull(reply.fallback());
    assertEquals(new StageTimes(16, 40, 2, 15, 5, 30, 4, 120, false, 4096), out.times());

    JsonNode json = Json.toTree(reply);
    assertEquals("ok", json.get("status").asText());
    assertEquals(120.0, json.get("timing").get("totalMs").asDouble(), 1e-9);
    assertEquals("nvml", json.get("energyJ").get("cloudSource").asText());
    assertFalse(json.has("fallback"));
  }

  /** Verifies that the cloud's source is left out of the energy report when it is the edge's. */
  @Test
  void okReplyNamesOneSourceWhenBothAgree() {
    Outcome out =
        ReplyAssembler.ok(
            cloudAnswered(EnergySource.RAPL),
            OUTPUT,
            edgeReading(2.5, EnergySource.RAPL),
            T0 + 120 * MS);

    InferenceReply reply = (InferenceReply) out.reply();
    assertEquals(new EnergyReport(2.5, 1.5, EnergySource.RAPL, null), reply.energyJ());
    assertFalse(Json.toTree(reply).get("energyJ").has("cloudSource"));
  }

  /** Verifies that a reply past its SLA is ok but says the SLA was missed. */
  @Test
  void okReplyPastTheSlaSaysSo() {
    Outcome out =
        ReplyAssembler.ok(
            cloudAnswered(EnergySource.NVML),
            OUTPUT,
            edgeReading(2.5, EnergySource.RAPL),
            T0 + 501 * MS);

    InferenceReply reply = (InferenceReply) out.reply();
    assertEquals(501, reply.timing().totalMs(), 1e-9);
    assertFalse(reply.slaMet());
  }

  /**
   * Verifies the reply of a request that ran entirely on the edge: no transfer, no cloud time, no
   * cloud energy, and no bytes sent.
   */
  @Test
  void okReplyOfAnAllEdgeRequest() {
    RequestProgress p = new RequestProgress(REQUEST);
    p.edgeStarted(plan(0), T0 + 5 * MS, () -> edgeReading(4, EnergySource.INA260));
    p.modelRan(T0 + 7 * MS, 80);
    p.finishSent(T0 + 90 * MS);
    p.finished(T0 + 90 * MS, 3);

    Outcome out = ReplyAssembler.ok(p, OUTPUT, edgeReading(4, EnergySource.INA260), T0 + 95 * MS);

    InferenceReply reply = (InferenceReply) out.reply();
    assertEquals(new Timing(95, 7, 83, 0, 0), reply.timing());
    assertEquals(new EnergyReport(4, 0, EnergySource.INA260, null), reply.energyJ());
    assertEquals(new StageTimes(7, 80, 0, 0, 0, 0, 3, 95, false, 0), out.times());
  }

  /**
   * Verifies the fallback reply: {@code fallback: true}, the local tail counted as edge time, no
   * transfer or cloud time, no cloud energy.
   */
  @Test
  void fallbackReplySaysFallback() {
    RequestProgress p = new RequestProgress(REQUEST);
    p.edgeStarted(plan(25), T0 + 12 * MS, () -> edgeReading(3, EnergySource.RAPL));
    p.headRan(T0 + 15 * MS, 40, 2, 4096);
    p.cloudCalled();
    p.fellBack();
    p.localTailRan(T0 + 70 * MS, T0 + 72 * MS, 25);
    p.finishSent(T0 + 100 * MS);
    p.finished(T0 + 100 * MS + MS / 2, 4);

    Outcome out = ReplyAssembler.ok(p, OUTPUT, edgeReading(3, EnergySource.RAPL), T0 + 110 * MS);

    InferenceReply reply = (InferenceReply) out.reply();
    assertEquals(Boolean.TRUE, reply.fallback());
    assertTrue(reply.ranFallback());
    // queue: 12 ms before the head plus 3 + 2 + 0.5 ms waiting; edge: head + encode + tail + finish
    assertEquals(new Timing(110, 17.5, 71, 0, 0), reply.timing());
    assertEquals(new EnergyReport(3, 0, EnergySource.RAPL, null), reply.energyJ());
    assertEquals(new StageTimes(17.5, 40, 2, 0, 0, 25, 4, 110, true, 4096), out.times());
    assertTrue(Json.toTree(reply).get("fallback").asBoolean());
  }

  /** Verifies what a request that the cloud answered shows the scheduler. */
  @Test
  void observationOfACloudAnswer() {
    Observation o = ReplyAssembler.observation(cloudAnswered(EnergySource.NVML));
    assertEquals(new Observation(ENTRY, 42, 4096, 15, 30, 5), o);
  }

  /** Verifies that after a fallback the observation has no bytes and no channel or cloud times. */
  @Test
  void observationOfAFallback() {
    RequestProgress p = new RequestProgress(REQUEST);
    p.edgeStarted(plan(25), T0 + 12 * MS, () -> edgeReading(3, EnergySource.RAPL));
    p.headRan(T0 + 15 * MS, 40, 2, 4096);
    p.cloudCalled();
    p.fellBack();
    p.localTailRan(T0 + 70 * MS, T0 + 72 * MS, 25);

    Observation o = ReplyAssembler.observation(p);
    assertSame(ENTRY, o.entry());
    assertEquals(42, o.edgeMs(), 1e-9);
    assertEquals(0, o.bytes());
    assertTrue(Double.isNaN(o.transferMs()));
    assertTrue(Double.isNaN(o.cloudServiceMs()));
    assertTrue(Double.isNaN(o.cloudQueueMs()));
  }

  private static void assertError(ErrorCode code, String message, ErrorReply reply) {
    assertEquals("req-7", reply.id());
    assertEquals("resnet50", reply.model());
    assertEquals(code, reply.code());
    assertEquals(message, reply.error().message());
  }

  private static ErrorReply errorOf(Throwable e) {
    return ReplyAssembler.error(REQUEST, e);
  }

  /** Verifies the error reply of a model with no front. */
  @Test
  void unknownModel() {
    assertError(
        ErrorCode.UNKNOWN_MODEL,
        "no pareto front for model resnet50",
        errorOf(ReplyAssembler.unknownModel(REQUEST)));
  }

  /** Verifies the error reply of a request no configuration is expected to serve in time. */
  @Test
  void infeasible() {
    assertError(
        ErrorCode.SLA_INFEASIBLE,
        "no configuration of resnet50 is expected to answer within 500 ms",
        errorOf(ReplyAssembler.infeasible(REQUEST)));
  }

  /** Verifies the error reply of a hardware configuration that cannot be applied. */
  @Test
  void hardwareFailed() {
    assertError(
        ErrorCode.INTERNAL,
        "cannot apply the hardware configuration: scaling_setspeed: permission denied",
        errorOf(
            ReplyAssembler.hardwareFailed(new IOException("scaling_setspeed: permission denied"))));
  }

  /** Verifies the error reply when the cloud failed and the local tail does not fit. */
  @Test
  void noTimeForLocalTail() {
    TailFailure timeout = new TailFailure(TailFailure.Kind.TIMEOUT, "no answer in 460 ms", null);
    assertError(
        ErrorCode.CLOUD_UNAVAILABLE,
        "the cloud did not answer (no answer in 460 ms) and the edge cannot run the tail within"
            + " the 13 ms left",
        errorOf(ReplyAssembler.noTimeForLocalTail(timeout, 12.6)));
    assertError(
        ErrorCode.CLOUD_UNAVAILABLE,
        "the cloud did not answer (no answer in 460 ms) and the edge cannot run the tail within"
            + " the 0 ms left",
        errorOf(ReplyAssembler.noTimeForLocalTail(timeout, -40)));
  }

  /** Verifies the error reply when the inference workers do not answer. */
  @Test
  void inferenceUnavailable() {
    assertError(
        ErrorCode.INTERNAL,
        "edge inference unavailable: No handlers for address dynasplit.edge.e1.inference",
        errorOf(
            ReplyAssembler.inferenceUnavailable(
                new IllegalStateException("No handlers for address dynasplit.edge.e1.inference"))));
  }

  /** Verifies that any pipeline exception keeps its code and message, e.g. an inference error. */
  @Test
  void pipelineExceptionKeepsItsCode() {
    assertError(
        ErrorCode.BAD_REQUEST,
        "input 'data' has shape [1, 3] but the model expects [1, 3, 224, 224]",
        errorOf(
            new PipelineException(
                ErrorCode.BAD_REQUEST,
                "input 'data' has shape [1, 3] but the model expects [1, 3, 224, 224]")));
  }

  /** Verifies that an unexpected exception becomes {@code INTERNAL} naming it. */
  @Test
  void unexpectedFailureIsInternal() {
    assertError(
        ErrorCode.INTERNAL,
        "internal error: java.lang.NullPointerException: outputs",
        errorOf(new NullPointerException("outputs")));
  }

  private static ErrorReply stoppedAt(RequestProgress.Stage stage) {
    RequestProgress p = new RequestProgress(REQUEST);
    if (stage != RequestProgress.Stage.SCHEDULE) {
      p.edgeStarted(plan(25), T0 + 12 * MS, () -> edgeReading(3, EnergySource.RAPL));
    }
    if (stage == RequestProgress.Stage.CLOUD || stage == RequestProgress.Stage.FALLBACK) {
      p.headRan(T0 + 15 * MS, 40, 2, 4096);
      p.cloudCalled();
    }
    if (stage == RequestProgress.Stage.FALLBACK) {
      p.fellBack();
    }
    if (stage == RequestProgress.Stage.FINISH) {
      p.modelRan(T0 + 15 * MS, 40);
      p.finishSent(T0 + 60 * MS);
    }
    assertEquals(stage, p.stage());
    return ReplyAssembler.stopped(p);
  }

  /** Verifies that a request given up on the edge is {@code INTERNAL} naming its stage. */
  @Test
  void stoppedOnTheEdgeNamesTheStage() {
    assertError(
        ErrorCode.INTERNAL,
        "the edge did not finish the request (stage schedule) within the deadline plus grace",
        stoppedAt(RequestProgress.Stage.SCHEDULE));
    assertError(
        ErrorCode.INTERNAL,
        "the edge did not finish the request (stage edge) within the deadline plus grace",
        stoppedAt(RequestProgress.Stage.EDGE));
    assertError(
        ErrorCode.INTERNAL,
        "the edge did not finish the request (stage finish) within the deadline plus grace",
        stoppedAt(RequestProgress.Stage.FINISH));
  }

  /** Verifies that a request given up waiting for the cloud, or after it, is cloud unavailable. */
  @Test
  void stoppedAtTheCloudIsCloudUnavailable() {
    String message =
        "the cloud did not answer in time and the edge could not finish the tail itself within the"
            + " deadline plus grace";
    assertError(ErrorCode.CLOUD_UNAVAILABLE, message, stoppedAt(RequestProgress.Stage.CLOUD));
    assertError(ErrorCode.CLOUD_UNAVAILABLE, message, stoppedAt(RequestProgress.Stage.FALLBACK));
  }
}
