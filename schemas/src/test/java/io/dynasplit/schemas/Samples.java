package io.dynasplit.schemas;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;

/** One valid instance of every message record, for the round-trip and schema tests. */
final class Samples {

  private Samples() {}

  static final Configuration CONFIG = new Configuration(7, 1800, "max", 4, Codec.INT8, "gpu");

  static InferenceRequest imageRequest() {
    return new InferenceRequest(
        "r-17",
        "ppocr-det",
        250,
        "app/7/replies",
        RequestInput.image(InputEncoding.IMAGE_PNG, new byte[] {1, 2, 3, 4, 5}),
        "adaptive",
        true);
  }

  static InferenceRequest tensorRequest() {
    return InferenceRequest.of(
        "r-18",
        "ppocr-cls",
        100,
        RequestInput.tensor(DType.FLOAT32, Shape.of(1, 3, 2, 2), new byte[48]));
  }

  static InferenceReply reply() {
    JsonNode output =
        Json.toTree(
            java.util.Map.of("label", "0", "score", 0.93, "boxes", List.of(List.of(1, 2, 3, 4))));
    return InferenceReply.ok(
        "r-17",
        "ppocr-det",
        output,
        250,
        new Timing(120.5, 1.5, 80, 20, 19),
        CONFIG,
        new EnergyReport(0.42, 3.1, EnergySource.INA219, EnergySource.NVML));
  }

  static ErrorReply errorReply() {
    return ErrorReply.of(
        "r-19", "nope", ErrorCode.UNKNOWN_MODEL, "model 'nope' is not served by edge-1");
  }

  static TailRequestHeader tailHeader() {
    return new TailRequestHeader(
        "r-17",
        "ppocr-det",
        7,
        250,
        1_790_000_000_250L,
        1_790_000_000_000L,
        1_790_000_000_081L,
        Codec.FP16,
        "edge-1");
  }

  static TailResult tailResult() {
    return TailResult.ok(
        "r-17", "worker-a", new TailTiming(0.7, 18.3), new MeasuredEnergy(3.1, EnergySource.NVML));
  }

  static TailResult tailFailure() {
    return TailResult.failed("r-17", "worker-a", ErrorCode.OVERLOADED, "queue full (64 waiting)");
  }

  static EdgeTelemetry edgeTelemetry() {
    return new EdgeTelemetry(
        "edge-1",
        1_790_000_000_000L,
        2,
        3,
        100,
        95,
        3,
        2,
        1,
        4.2,
        EnergySource.INA260,
        CONFIG,
        new LiveEstimates(1.2e6, 8.5, 1.05, null, 2.0));
  }

  static CloudTelemetry cloudTelemetry() {
    return new CloudTelemetry("worker-a", 1_790_000_000_000L, 4, 2, 2, 12.5, 30.1, 1000, 3, "gpu");
  }

  static NodeStatus status() {
    return NodeStatus.online(
        NodeStatus.Role.EDGE,
        "edge-1",
        "0.1.0",
        List.of("ppocr-det", "ppocr-cls"),
        1_790_000_000_000L);
  }

  static ParetoFront front() {
    FrontEntry a =
        new FrontEntry(CONFIG, 120.5, 140.0, 80.0, 20.0, 20.5, 100_352, 0.9, 3.1, 0.61, 50);
    FrontEntry b =
        new FrontEntry(
            Configuration.atSplit(0), 95.0, 99.0, 0, 11, 74, 602_138, 0.4, 66.4, null, 3);
    return new ParetoFront(
        ParetoFront.SCHEMA_VERSION, "vgg16", "pool", "2026-11-23T08:00:00Z", List.of(a, b));
  }
}
