/**
 * Edge inference: the worker verticle that runs head, whole-model and fallback tail sessions with
 * ONNX Runtime, encodes intermediate tensors into tensor frames and post-processes outputs, and the
 * view of the models the edge serves.
 */
package io.dynasplit.edge.inference;
