/**
 * The cloud side of split inference: {@link io.dynasplit.cloud.TailInferenceVerticle} workers that
 * share the {@code cloud/tail} topic through an MQTT 5 shared subscription, run the tail of a split
 * model with ONNX Runtime and answer on the edge's response topic, plus the worker's retained
 * status and load telemetry.
 */
package io.dynasplit.cloud;
