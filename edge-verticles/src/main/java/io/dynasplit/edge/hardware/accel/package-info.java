/**
 * Accelerators: the ONNX Runtime execution providers this build and machine offer, and the power of
 * a USB accelerator switched by a configurable command (such as {@code uhubctl}).
 */
package io.dynasplit.edge.hardware.accel;
