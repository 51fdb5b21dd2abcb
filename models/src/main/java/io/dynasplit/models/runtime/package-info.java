/**
 * Running ONNX models and their split parts with ONNX Runtime: one environment per JVM, sessions
 * cached per (model, split, part, execution provider, threads) and warmed up on load, tensors
 * copied in and out as little-endian host buffers.
 *
 * <p>Shared by the edge (head sessions, local tail fallback) and the cloud (tail sessions), which
 * meet nowhere else.
 */
package io.dynasplit.models.runtime;
