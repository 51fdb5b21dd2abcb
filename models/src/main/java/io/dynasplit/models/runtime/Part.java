package io.dynasplit.models.runtime;

/** Which part of a split model a session runs. */
public enum Part {
  /** The layers before the cut: runs on the edge. */
  HEAD,
  /** The layers after the cut: runs in the cloud, or on the edge as a fallback. */
  TAIL,
  /** The whole model, uncut. */
  FULL
}
