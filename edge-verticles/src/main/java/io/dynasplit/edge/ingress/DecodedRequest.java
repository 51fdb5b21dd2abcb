package io.dynasplit.edge.ingress;

import io.dynasplit.schemas.RequestHeader;
import io.dynasplit.schemas.RequestInput;
import io.dynasplit.schemas.Tensor;
import java.util.List;
import java.util.Objects;

/**
 * A request as read from the wire, before its input is pre-processed.
 *
 * @param header id, model, SLA, reply topic, policy
 * @param input the JSON envelope's input, or null for a tensor frame
 * @param tensors the tensor frame's tensors, or null for a JSON envelope
 */
public record DecodedRequest(RequestHeader header, RequestInput input, List<Tensor> tensors) {

  /** Checks that exactly one form of input is present. */
  public DecodedRequest {
    Objects.requireNonNull(header, "header");
    if ((input == null) == (tensors == null)) {
      throw new IllegalArgumentException("exactly one of input and tensors must be present");
    }
    tensors = tensors == null ? null : List.copyOf(tensors);
  }
}
