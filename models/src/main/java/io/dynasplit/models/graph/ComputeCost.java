package io.dynasplit.models.graph;

import ai.onnx.proto.OnnxMl.AttributeProto;
import ai.onnx.proto.OnnxMl.NodeProto;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;

/**
 * An estimate of the work of one node: multiply-accumulates for convolutions and matrix products,
 * one unit per output element for everything else.
 *
 * <p>Conv-like nodes cost {@code outputElements * (inputChannels / group) * kernelArea}, Gemm
 * {@code M * N * K}, MatMul-like {@code outputElements * K}. Unknown shapes cost 1. The figures
 * serve to place a split along the model's compute, not to predict latency.
 */
final class ComputeCost {

  private ComputeCost() {}

  /**
   * The cost of a node.
   *
   * @param shapeOf the shape of a tensor by name, when known
   */
  public static double of(NodeProto node, Function<String, Optional<List<Long>>> shapeOf) {
    double outElements = 0;
    for (String out : node.getOutputList()) {
      if (!out.isEmpty()) {
        outElements += shapeOf.apply(out).map(ComputeCost::elements).orElse(1.0);
      }
    }
    Optional<List<Long>> out0 =
        node.getOutputCount() > 0 ? shapeOf.apply(node.getOutput(0)) : Optional.empty();
    String op = node.getOpType();
    switch (op) {
      case "Conv", "ConvInteger", "FusedConv", "QLinearConv" -> {
        int w = op.equals("QLinearConv") ? 3 : 1;
        Optional<List<Long>> weight = input(node, w, shapeOf);
        if (out0.isPresent() && weight.isPresent() && weight.get().size() >= 2) {
          return Math.max(
              1, elements(out0.get()) * elements(weight.get().subList(1, weight.get().size())));
        }
      }
      case "ConvTranspose" -> {
        Optional<List<Long>> in = input(node, 0, shapeOf);
        Optional<List<Long>> weight = input(node, 1, shapeOf);
        if (in.isPresent() && weight.isPresent() && weight.get().size() >= 2) {
          return Math.max(
              1, elements(in.get()) * elements(weight.get().subList(1, weight.get().size())));
        }
      }
      case "Gemm" -> {
        Optional<List<Long>> a = input(node, 0, shapeOf);
        if (out0.isPresent() && a.isPresent() && a.get().size() == 2) {
          long k = intAttribute(node, "transA") == 1 ? a.get().get(0) : a.get().get(1);
          return Math.max(1, elements(out0.get()) * k);
        }
      }
      case "MatMul", "MatMulInteger", "QLinearMatMul", "FusedMatMul", "MatMulIntegerToFloat" -> {
        Optional<List<Long>> a = input(node, 0, shapeOf);
        if (out0.isPresent() && a.isPresent() && !a.get().isEmpty()) {
          return Math.max(1, elements(out0.get()) * a.get().get(a.get().size() - 1));
        }
      }
      default -> {}
    }
    return Math.max(1, outElements);
  }

  private static Optional<List<Long>> input(
      NodeProto node, int i, Function<String, Optional<List<Long>>> shapeOf) {
    if (node.getInputCount() <= i || node.getInput(i).isEmpty()) {
      return Optional.empty();
    }
    return shapeOf.apply(node.getInput(i));
  }

  private static long intAttribute(NodeProto node, String name) {
    for (AttributeProto a : node.getAttributeList()) {
      if (a.getName().equals(name)) {
        return a.getI();
      }
    }
    return 0;
  }

  private static double elements(List<Long> shape) {
    double n = 1;
    for (long d : shape) {
      n *= d;
    }
    return n;
  }
}
