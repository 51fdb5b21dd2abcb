package io.dynasplit.schemas;

import com.fasterxml.jackson.annotation.JsonInclude;

/**
 * The metadata of an inference request sent as a binary tensor frame (ARCHITECTURE 4.2): the same
 * fields as {@link InferenceRequest} less the input, which is the frame's tensor(s).
 *
 * @param id the request id
 * @param model the model id
 * @param slaMs the latency the sender accepts, in milliseconds
 * @param replyTo the reply topic, or null
 * @param policy the scheduling policy, or null for the edge's default
 * @param failIfInfeasible true for {@code SLA_INFEASIBLE} instead of a late answer; null means
 *     false
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record RequestHeader(
    String id, String model, long slaMs, String replyTo, String policy, Boolean failIfInfeasible) {

  /** Checks every field, as {@link InferenceRequest} does. */
  public RequestHeader {
    Checks.id("id", id);
    Checks.id("model", model);
    Checks.slaMs(slaMs);
    if (replyTo != null
        && (replyTo.isEmpty()
            || replyTo.length() > WireLimits.MAX_TOPIC_LENGTH
            || replyTo.contains("+")
            || replyTo.contains("#"))) {
      throw new IllegalArgumentException(
          "replyTo must be a topic of 1.."
              + WireLimits.MAX_TOPIC_LENGTH
              + " characters without wildcards: "
              + Checks.quote(replyTo));
    }
    if (policy != null && !policy.matches("[a-z][a-z0-9-]{0,63}")) {
      throw new IllegalArgumentException(
          "policy must be a lower-case name of at most 64 characters: " + Checks.quote(policy));
    }
  }

  /** A header with the edge's default policy and reply routing. */
  public static RequestHeader of(String id, String model, long slaMs) {
    return new RequestHeader(id, model, slaMs, null, null, null);
  }

  /** Whether the sender wants {@code SLA_INFEASIBLE} rather than a late answer. */
  public boolean failsIfInfeasible() {
    return Boolean.TRUE.equals(failIfInfeasible);
  }
}
