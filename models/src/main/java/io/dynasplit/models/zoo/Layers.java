package io.dynasplit.models.zoo;

import static io.dynasplit.models.zoo.GraphPlan.attr;
import static io.dynasplit.models.zoo.GraphPlan.attrs;

import java.util.List;

/**
 * Neural-network building blocks (convolution, batch norm, linear layers, attention pieces) written
 * as ONNX nodes into a {@link GraphPlan}, with PyTorch's weight layouts so parameter counts match
 * the published ones.
 */
final class Layers {

  private static final WeightInit ONE = new WeightInit.Constant(1.0);
  private static final WeightInit ZERO = new WeightInit.Constant(0.0);

  private final GraphPlan plan;

  Layers(GraphPlan plan) {
    this.plan = plan;
  }

  GraphPlan plan() {
    return plan;
  }

  /** A 2-D convolution with square kernel, He-initialized; {@code bias} adds a bias vector. */
  String conv(
      String prefix,
      String x,
      int in,
      int out,
      int kernel,
      int stride,
      int pad,
      int groups,
      boolean bias) {
    long fanIn = (long) (in / groups) * kernel * kernel;
    String w =
        plan.weight(prefix + ".weight", WeightInit.he(fanIn), out, in / groups, kernel, kernel);
    List<String> inputs =
        bias
            ? List.of(x, w, plan.weight(prefix + ".bias", new WeightInit.Normal(0.01), out))
            : List.of(x, w);
    return plan.node(
        "Conv",
        prefix,
        inputs,
        attrs("kernel_shape", kernel, kernel),
        attrs("strides", stride, stride),
        attrs("pads", pad, pad, pad, pad),
        attrs("dilations", 1, 1),
        attr("group", groups));
  }

  /**
   * Batch normalization in inference form: scale and bias are parameters, the running mean and
   * variance are buffers. {@code gain} scales the learned scale (below 1 keeps residual sums tame
   * in deep random networks).
   */
  String batchNorm(String prefix, String x, int channels, double gain) {
    String scale =
        plan.weight(prefix + ".weight", new WeightInit.Uniform(0.9 * gain, 1.1 * gain), channels);
    String bias = plan.weight(prefix + ".bias", new WeightInit.Normal(0.02), channels);
    String mean = plan.buffer(prefix + ".running_mean", new WeightInit.Normal(0.02), channels);
    String var = plan.buffer(prefix + ".running_var", new WeightInit.Uniform(0.9, 1.1), channels);
    return plan.node(
        "BatchNormalization", prefix, List.of(x, scale, bias, mean, var), attr("epsilon", 1e-5f));
  }

  String relu(String x) {
    return plan.node("Relu", "relu", List.of(x));
  }

  /** ReLU6 as ONNX {@code Clip(x, 0, 6)}. */
  String relu6(String x) {
    return plan.node(
        "Clip", "relu6", List.of(x, plan.scalar("clip_min", 0f), plan.scalar("clip_max", 6f)));
  }

  String add(String a, String b) {
    return plan.node("Add", "add", List.of(a, b));
  }

  String maxPool(String x, int kernel, int stride, int pad) {
    return plan.node(
        "MaxPool",
        "maxpool",
        List.of(x),
        attrs("kernel_shape", kernel, kernel),
        attrs("strides", stride, stride),
        attrs("pads", pad, pad, pad, pad));
  }

  String globalAveragePool(String x) {
    return plan.node("GlobalAveragePool", "avgpool", List.of(x));
  }

  String flatten(String x) {
    return plan.node("Flatten", "flatten", List.of(x), attr("axis", 1L));
  }

  /** A fully connected layer {@code x W^T + b} as Gemm, PyTorch's {@code [out, in]} weight. */
  String linear(String prefix, String x, int in, int out, WeightInit init) {
    String w = plan.weight(prefix + ".weight", init, out, in);
    String b = plan.weight(prefix + ".bias", new WeightInit.Normal(0.01), out);
    return plan.node("Gemm", prefix, List.of(x, w, b), attr("transB", 1L));
  }

  /**
   * A linear layer on the last axis of a 3-D tensor: {@code MatMul} with {@code [in, out]}, then
   * Add.
   */
  String dense(String prefix, String x, int in, int out, WeightInit init) {
    String w = plan.weight(prefix + ".weight", init, in, out);
    String b = plan.weight(prefix + ".bias", ZERO, out);
    String y = plan.node("MatMul", prefix + ".matmul", List.of(x, w));
    return plan.node("Add", prefix + ".add", List.of(y, b));
  }

  /** Layer normalization over the last axis (ONNX opset 17). */
  String layerNorm(String prefix, String x, int width, float epsilon) {
    String scale = plan.weight(prefix + ".weight", ONE, width);
    String bias = plan.weight(prefix + ".bias", ZERO, width);
    return plan.node(
        "LayerNormalization",
        prefix,
        List.of(x, scale, bias),
        attr("axis", -1L),
        attr("epsilon", epsilon));
  }

  /** GELU, exact form, decomposed: {@code 0.5 x (1 + erf(x / sqrt 2))}. */
  String gelu(String prefix, String x) {
    String scaled =
        plan.node(
            "Mul",
            prefix + ".div",
            List.of(x, plan.scalar("inv_sqrt2", (float) (1 / Math.sqrt(2)))));
    String erf = plan.node("Erf", prefix + ".erf", List.of(scaled));
    String onePlus = plan.node("Add", prefix + ".add", List.of(erf, plan.scalar("one", 1f)));
    String times = plan.node("Mul", prefix + ".mul", List.of(x, onePlus));
    return plan.node("Mul", prefix + ".half", List.of(times, plan.scalar("half", 0.5f)));
  }

  String reshape(String x, long... shape) {
    return plan.node(
        "Reshape", "reshape", List.of(x, plan.ints("shape", new long[] {shape.length}, shape)));
  }

  String transpose(String x, long... perm) {
    return plan.node("Transpose", "transpose", List.of(x), attrs("perm", perm));
  }
}
