package io.dynasplit.models.runtime;

import java.util.Objects;

/**
 * What identifies a cached session.
 *
 * @param model the catalog id of the model
 * @param split the split index (ignored for {@link Part#FULL}, use 0)
 * @param part which part of the split model
 * @param provider the execution provider: {@code cpu} (also {@code off}, {@code none}) or {@code
 *     cuda} (also {@code gpu})
 * @param threads intra-op threads; 0 for ONNX Runtime's default
 */
public record SessionKey(String model, int split, Part part, String provider, int threads) {

  /** Checks the values and normalizes the provider name. */
  public SessionKey {
    Objects.requireNonNull(model, "model");
    Objects.requireNonNull(part, "part");
    Objects.requireNonNull(provider, "provider");
    if (split < 0) {
      throw new IllegalArgumentException("split must be >= 0: " + split);
    }
    if (threads < 0) {
      throw new IllegalArgumentException("threads must be >= 0: " + threads);
    }
    provider = ExecutionProvider.of(provider).wireName();
  }

  /** The key of the whole model on the CPU with default threads. */
  public static SessionKey full(String model) {
    return new SessionKey(model, 0, Part.FULL, "cpu", 0);
  }

  /** A copy with another provider and thread count. */
  public SessionKey withProvider(String newProvider, int newThreads) {
    return new SessionKey(model, split, part, newProvider, newThreads);
  }
}
