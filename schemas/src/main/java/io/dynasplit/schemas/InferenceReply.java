package io.dynasplit.schemas;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.databind.JsonNode;
import java.util.Objects;

/**
 * A successful reply (ARCHITECTURE 4.5), published by the edge to the requester's reply topic.
 *
 * @param id the request id
 * @param status always {@code ok}
 * @param model the model id
 * @param output the model's post-processed output; free-form JSON, as it varies per model
 * @param slaMs the request's SLA
 * @param slaMet whether the reply left within the SLA
 * @param timing where the time went
 * @param config the configuration the request ran with
 * @param energyJ what the request cost, with the source of the figures
 * @param fallback {@code true} when the cloud failed and the edge ran the tail itself; null (left
 *     out of the JSON) otherwise
 * @param cloudWorker the id of the cloud worker that ran the tail; null (left out) when no cloud
 *     worker did (all on the edge, or the edge's own tail after the cloud failed)
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record InferenceReply(
    String id,
    ReplyStatus status,
    String model,
    JsonNode output,
    long slaMs,
    boolean slaMet,
    Timing timing,
    Configuration config,
    EnergyReport energyJ,
    Boolean fallback,
    String cloudWorker)
    implements Reply {

  /** Checks every field; the status must be {@code ok}. */
  public InferenceReply {
    Checks.id("id", id);
    if (status != ReplyStatus.OK) {
      throw new IllegalArgumentException("status of an inference reply must be ok: " + status);
    }
    Checks.id("model", model);
    Objects.requireNonNull(output, "output");
    Checks.slaMs(slaMs);
    Objects.requireNonNull(timing, "timing");
    Objects.requireNonNull(config, "config");
    Objects.requireNonNull(energyJ, "energyJ");
    if (Boolean.FALSE.equals(fallback)) {
      fallback = null;
    }
    if (cloudWorker != null) {
      Checks.id("cloudWorker", cloudWorker);
    }
  }

  /** A successful reply; {@code slaMet} is derived from the total time and the SLA. */
  public static InferenceReply ok(
      String id,
      String model,
      JsonNode output,
      long slaMs,
      Timing timing,
      Configuration config,
      EnergyReport energy) {
    return new InferenceReply(
        id,
        ReplyStatus.OK,
        model,
        output,
        slaMs,
        timing.totalMs() <= slaMs,
        timing,
        config,
        energy,
        null,
        null);
  }

  /** A copy with another timing ({@code slaMet} is kept). */
  public InferenceReply withTiming(Timing t) {
    return new InferenceReply(
        id, status, model, output, slaMs, slaMet, t, config, energyJ, fallback, cloudWorker);
  }

  /** A copy with another energy report. */
  public InferenceReply withEnergyJ(EnergyReport e) {
    return new InferenceReply(
        id, status, model, output, slaMs, slaMet, timing, config, e, fallback, cloudWorker);
  }

  /** A copy that says the edge ran the tail itself after the cloud failed. */
  public InferenceReply withFallback() {
    return new InferenceReply(
        id, status, model, output, slaMs, slaMet, timing, config, energyJ, true, null);
  }

  /** A copy that names the cloud worker that ran the tail. */
  public InferenceReply withCloudWorker(String workerId) {
    return new InferenceReply(
        id, status, model, output, slaMs, slaMet, timing, config, energyJ, fallback, workerId);
  }

  /** Whether the edge ran the tail itself after the cloud failed. */
  public boolean ranFallback() {
    return Boolean.TRUE.equals(fallback);
  }
}
