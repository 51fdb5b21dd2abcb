package io.dynasplit.edge.pipeline;

import io.dynasplit.scheduler.Policy;
import io.dynasplit.schemas.Tensor;
import io.dynasplit.schemas.mqtt.TraceParent;
import java.util.List;
import java.util.Objects;

/**
 * A request the ingress validated, prepared and admitted, on its way through the pipeline.
 *
 * @param id the request id
 * @param model the model
 * @param slaMs the latency SLA
 * @param policy the request's scheduling policy, or null for the edge's default
 * @param failIfInfeasible whether to answer {@code SLA_INFEASIBLE} rather than run late
 * @param inputs the model's inputs
 * @param context what post-processing needs to know about the input (an image's size), or null
 * @param arrivedNanos when the request arrived, {@link System#nanoTime()} scale
 * @param receivedAtMs when the request arrived, epoch milliseconds
 * @param prepareMs time spent decoding and pre-processing the input
 * @param trace the edge's span of the request's trace (the tail call carries it to the cloud)
 */
public record AdmittedRequest(
    String id,
    String model,
    long slaMs,
    Policy policy,
    boolean failIfInfeasible,
    List<Tensor> inputs,
    Object context,
    long arrivedNanos,
    long receivedAtMs,
    double prepareMs,
    TraceParent trace) {

  /** Checks the values and freezes the inputs. */
  public AdmittedRequest {
    Objects.requireNonNull(id, "id");
    Objects.requireNonNull(model, "model");
    Objects.requireNonNull(trace, "trace");
    inputs = List.copyOf(Objects.requireNonNull(inputs, "inputs"));
    if (slaMs < 1) {
      throw new IllegalArgumentException("slaMs must be >= 1: " + slaMs);
    }
  }

  /** The deadline on the {@link System#nanoTime()} scale. */
  public long deadlineNanos() {
    return arrivedNanos + slaMs * 1_000_000L;
  }

  /** The deadline in epoch milliseconds. */
  public long deadlineAtMs() {
    return receivedAtMs + slaMs;
  }
}
