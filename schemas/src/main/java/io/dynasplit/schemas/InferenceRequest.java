package io.dynasplit.schemas;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.util.Objects;

/**
 * An inference request as a JSON envelope (ARCHITECTURE 4.2), published by a sensor to {@code
 * edge/{edgeId}/requests}.
 *
 * {@snippet :
 * {"id":"r-17","model":"ppocr-det","slaMs":250,"replyTo":"app/7/replies",
 *  "input":{"encoding":"image/png","data":"iVBORw0..."}}
 * }
 *
 * @param id the request id, chosen by the sender; echoed in the reply
 * @param model the model id of the catalog
 * @param slaMs the latency the sender accepts, in milliseconds
 * @param replyTo the reply topic; null for the MQTT 5 response topic or the default reply topic
 * @param input the input
 * @param policy the scheduling policy to use for this request (for example {@code dynasplit} or
 *     {@code adaptive}); null for the edge's default
 * @param failIfInfeasible true to get an {@code SLA_INFEASIBLE} error instead of a late answer when
 *     no configuration can meet the SLA; null means false
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record InferenceRequest(
    String id,
    String model,
    long slaMs,
    String replyTo,
    RequestInput input,
    String policy,
    Boolean failIfInfeasible) {

  /** Checks every field. */
  public InferenceRequest {
    Checks.id("id", id);
    Checks.id("model", model);
    Checks.slaMs(slaMs);
    if (replyTo != null) {
      Checks.text("replyTo", replyTo, WireLimits.MAX_TOPIC_LENGTH);
      if (replyTo.isEmpty() || replyTo.contains("+") || replyTo.contains("#")) {
        throw new IllegalArgumentException(
            "replyTo must be a non-empty topic without wildcards: " + Checks.quote(replyTo));
      }
    }
    Objects.requireNonNull(input, "input");
    if (policy != null && !policy.matches("[a-z][a-z0-9-]{0,63}")) {
      throw new IllegalArgumentException(
          "policy must be a lower-case name of at most 64 characters: " + Checks.quote(policy));
    }
  }

  /** A request with the edge's default policy and reply routing. */
  public static InferenceRequest of(String id, String model, long slaMs, RequestInput input) {
    return new InferenceRequest(id, model, slaMs, null, input, null, null);
  }

  /** Whether the sender wants {@code SLA_INFEASIBLE} rather than a late answer. */
  public boolean failsIfInfeasible() {
    return Boolean.TRUE.equals(failIfInfeasible);
  }

  /** A copy with another reply topic. */
  public InferenceRequest withReplyTo(String topic) {
    return new InferenceRequest(id, model, slaMs, topic, input, policy, failIfInfeasible);
  }

  /** A copy with another policy. */
  public InferenceRequest withPolicy(String p) {
    return new InferenceRequest(id, model, slaMs, replyTo, input, p, failIfInfeasible);
  }

  /** A copy asking (or not) for {@code SLA_INFEASIBLE} rather than a late answer. */
  public InferenceRequest withFailIfInfeasible(boolean fail) {
    return new InferenceRequest(id, model, slaMs, replyTo, input, policy, fail);
  }
}
