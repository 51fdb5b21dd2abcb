package io.dynasplit.models.graph;

import ai.onnx.proto.OnnxMl.AttributeProto;
import ai.onnx.proto.OnnxMl.GraphProto;
import ai.onnx.proto.OnnxMl.ModelProto;
import ai.onnx.proto.OnnxMl.NodeProto;
import ai.onnx.proto.OnnxMl.OperatorSetIdProto;
import ai.onnx.proto.OnnxMl.StringStringEntryProto;
import ai.onnx.proto.OnnxMl.TensorProto;
import ai.onnx.proto.OnnxMl.TensorShapeProto;
import ai.onnx.proto.OnnxMl.TypeProto;
import ai.onnx.proto.OnnxMl.ValueInfoProto;
import com.google.protobuf.ByteString;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.List;

/** Tiny ONNX graphs built in code, each shaped to exercise one rule of the splitter. */
final class TestGraphs {

  static final int FLOAT = TensorProto.DataType.FLOAT_VALUE;
  static final int BOOL = TensorProto.DataType.BOOL_VALUE;

  private TestGraphs() {}

  static ValueInfoProto tensor(String name, int elemType, long... dims) {
    TensorShapeProto.Builder shape = TensorShapeProto.newBuilder();
    for (long d : dims) {
      shape.addDim(TensorShapeProto.Dimension.newBuilder().setDimValue(d));
    }
    return ValueInfoProto.newBuilder()
        .setName(name)
        .setType(
            TypeProto.newBuilder()
                .setTensorType(TypeProto.Tensor.newBuilder().setElemType(elemType).setShape(shape)))
        .build();
  }

  static NodeProto node(
      String op, List<String> inputs, List<String> outputs, AttributeProto... attributes) {
    return NodeProto.newBuilder()
        .setOpType(op)
        .setName(op + "_" + outputs.get(0))
        .addAllInput(inputs)
        .addAllOutput(outputs)
        .addAllAttribute(List.of(attributes))
        .build();
  }

  static TensorProto floats(String name, long[] dims, float... values) {
    ByteBuffer b = ByteBuffer.allocate(values.length * 4).order(ByteOrder.LITTLE_ENDIAN);
    for (float v : values) {
      b.putFloat(v);
    }
    b.flip();
    TensorProto.Builder t =
        TensorProto.newBuilder()
            .setName(name)
            .setDataType(FLOAT)
            .setRawData(ByteString.copyFrom(b));
    for (long d : dims) {
      t.addDims(d);
    }
    return t.build();
  }

  static NodeProto constant(String output, long[] dims, float... values) {
    AttributeProto value =
        AttributeProto.newBuilder()
            .setName("value")
            .setType(AttributeProto.AttributeType.TENSOR)
            .setT(floats(output, dims, values))
            .build();
    return node("Constant", List.of(), List.of(output), value);
  }

  static AttributeProto graphAttribute(String name, GraphProto g) {
    return AttributeProto.newBuilder()
        .setName(name)
        .setType(AttributeProto.AttributeType.GRAPH)
        .setG(g)
        .build();
  }

  static ModelProto model(GraphProto graph) {
    return ModelProto.newBuilder()
        .setIrVersion(8)
        .setProducerName("dynasplit-tests")
        .setProducerVersion("1")
        .addOpsetImport(OperatorSetIdProto.newBuilder().setDomain("").setVersion(17))
        .addMetadataProps(StringStringEntryProto.newBuilder().setKey("author").setValue("tests"))
        .setGraph(graph)
        .build();
  }

  /** x -> Relu -> Add(W) -> Sigmoid -> y: every position is a single-tensor cut. */
  static ModelProto chain() {
    return model(
        GraphProto.newBuilder()
            .setName("chain")
            .addInput(tensor("x", FLOAT, 1, 4))
            .addInitializer(floats("W", new long[] {1, 4}, 0.5f, -1f, 2f, 0.25f))
            .addNode(node("Relu", List.of("x"), List.of("a")))
            .addNode(node("Add", List.of("a", "W"), List.of("b")))
            .addNode(node("Sigmoid", List.of("b"), List.of("y")))
            .addOutput(tensor("y", FLOAT, 1, 4))
            .build());
  }

  /** x -> Relu -> a; Sigmoid(a) -> b; Add(a, b) -> c; Relu(c) -> y: a skip connection over b. */
  static ModelProto residual() {
    return model(
        GraphProto.newBuilder()
            .setName("residual")
            .addInput(tensor("x", FLOAT, 1, 4))
            .addNode(node("Relu", List.of("x"), List.of("a")))
            .addNode(node("Sigmoid", List.of("a"), List.of("b")))
            .addNode(node("Add", List.of("a", "b"), List.of("c")))
            .addNode(node("Relu", List.of("c"), List.of("y")))
            .addOutput(tensor("y", FLOAT, 1, 4))
            .build());
  }

  /** Inputs x and m; m is read only by the last node, so it crosses every inner cut. */
  static ModelProto lateInput() {
    return model(
        GraphProto.newBuilder()
            .setName("late-input")
            .addInput(tensor("x", FLOAT, 1, 4))
            .addInput(tensor("m", FLOAT, 1, 4))
            .addNode(node("Relu", List.of("x"), List.of("a")))
            .addNode(node("Sigmoid", List.of("a"), List.of("b")))
            .addNode(node("Mul", List.of("b", "m"), List.of("y")))
            .addOutput(tensor("y", FLOAT, 1, 4))
            .build());
  }

  /** a is a graph output produced by the first node and read by the second. */
  static ModelProto earlyOutput() {
    return model(
        GraphProto.newBuilder()
            .setName("early-output")
            .addInput(tensor("x", FLOAT, 1, 4))
            .addNode(node("Relu", List.of("x"), List.of("a")))
            .addNode(node("Sigmoid", List.of("a"), List.of("y")))
            .addOutput(tensor("a", FLOAT, 1, 4))
            .addOutput(tensor("y", FLOAT, 1, 4))
            .build());
  }

  /** A Constant read by the first compute node, and a Neg of it (a constant too) by the last. */
  static ModelProto constants() {
    return model(
        GraphProto.newBuilder()
            .setName("constants")
            .addInput(tensor("x", FLOAT, 1, 4))
            .addNode(constant("c", new long[] {1, 4}, 2f, 3f, 4f, 5f))
            .addNode(node("Neg", List.of("c"), List.of("cn")))
            .addNode(node("Mul", List.of("x", "c"), List.of("a")))
            .addNode(node("Relu", List.of("a"), List.of("b")))
            .addNode(node("Add", List.of("b", "cn"), List.of("y")))
            .addOutput(tensor("y", FLOAT, 1, 4))
            .build());
  }

  /** An If whose branches read the outer tensors a and b, so both stay live until the If. */
  static ModelProto ifWithOuterScope() {
    GraphProto thenBranch =
        GraphProto.newBuilder()
            .setName("then")
            .addNode(node("Add", List.of("b", "a"), List.of("t")))
            .addOutput(tensor("t", FLOAT, 1, 4))
            .build();
    GraphProto elseBranch =
        GraphProto.newBuilder()
            .setName("else")
            .addNode(node("Sub", List.of("b", "a"), List.of("e")))
            .addOutput(tensor("e", FLOAT, 1, 4))
            .build();
    return model(
        GraphProto.newBuilder()
            .setName("if")
            .addInput(tensor("x", FLOAT, 1, 4))
            .addInput(tensor("flag", BOOL))
            .addNode(node("Relu", List.of("x"), List.of("a")))
            .addNode(node("Sigmoid", List.of("a"), List.of("b")))
            .addNode(
                node(
                    "If",
                    List.of("flag"),
                    List.of("z"),
                    graphAttribute("then_branch", thenBranch),
                    graphAttribute("else_branch", elseBranch)))
            .addNode(node("Relu", List.of("z"), List.of("y")))
            .addOutput(tensor("y", FLOAT, 1, 4))
            .build());
  }

  /** The chain with its nodes listed backwards: valid ONNX only once sorted. */
  static ModelProto unsortedChain() {
    GraphProto g = chain().getGraph();
    GraphProto.Builder b = g.toBuilder().clearNode();
    for (int i = g.getNodeCount() - 1; i >= 0; i--) {
      b.addNode(g.getNode(i));
    }
    return chain().toBuilder().setGraph(b).build();
  }
}
