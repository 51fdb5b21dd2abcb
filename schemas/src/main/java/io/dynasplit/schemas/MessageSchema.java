package io.dynasplit.schemas;

/** The JSON Schemas (draft 2020-12) of the wire messages, one file each under {@code /schemas/}. */
public enum MessageSchema {
  /** {@link InferenceRequest}: a JSON request envelope. */
  REQUEST("request.json"),
  /** {@link RequestHeader} plus {@code tensors}: the header of a request sent as a frame. */
  REQUEST_FRAME_HEADER("request-frame-header.json"),
  /** {@link InferenceReply}. */
  REPLY("reply.json"),
  /** {@link ErrorReply}. */
  ERROR_REPLY("error-reply.json"),
  /** {@link TailRequestHeader} plus {@code tensors}: the header of a tail request frame. */
  TAIL_REQUEST_HEADER("tail-request-header.json"),
  /** {@link TailResult} plus {@code tensors}: the header of a tail result frame. */
  TAIL_RESULT("tail-result.json"),
  /** {@link EdgeTelemetry}. */
  EDGE_TELEMETRY("edge-telemetry.json"),
  /** {@link CloudTelemetry}. */
  CLOUD_TELEMETRY("cloud-telemetry.json"),
  /** {@link NodeStatus}. */
  STATUS("status.json"),
  /** {@link ParetoFront}. */
  PARETO_FRONT("pareto-front.json");

  /** The base URI of every schema's {@code $id}. */
  public static final String BASE_URI = "https://dynasplit.io/schemas/v1/";

  private final String file;

  MessageSchema(String file) {
    this.file = file;
  }

  /** The schema's file name under {@code /schemas/} on the class path. */
  public String file() {
    return file;
  }

  /** The class-path resource of the schema. */
  public String resource() {
    return "/schemas/" + file;
  }

  /** The schema's {@code $id}. */
  public String id() {
    return BASE_URI + file;
  }
}
