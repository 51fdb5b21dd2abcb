package io.dynasplit.models.graph;

import ai.onnx.proto.OnnxMl.GraphProto;
import ai.onnx.proto.OnnxMl.ModelProto;
import ai.onnx.proto.OnnxMl.SparseTensorProto;
import ai.onnx.proto.OnnxMl.StringStringEntryProto;
import ai.onnx.proto.OnnxMl.TensorProto;
import ai.onnx.proto.OnnxMl.TensorShapeProto;
import ai.onnx.proto.OnnxMl.TypeProto;
import ai.onnx.proto.OnnxMl.ValueInfoProto;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * Cuts a model into a head and a tail whose composition computes the model.
 *
 * <p>The head takes all the model's inputs and outputs the tensors crossing the split; the tail
 * takes those tensors and outputs the model's outputs (a crossing tensor that is itself a model
 * output passes straight through). Initializers and constant nodes go to each side that reads them.
 * IR version, opset imports, producer, local functions, metadata and every tensor and node name are
 * kept; three metadata entries are added: {@code dynasplit.model}, {@code dynasplit.split} and
 * {@code dynasplit.part} ({@code head} or {@code tail}).
 *
 * {@snippet :
 * ModelAnalysis analysis = ModelAnalyzer.analyze(OnnxModel.load(path));
 * SplitModels pair = ModelSplitter.split(analysis, analysis.candidates(1).get(3).index());
 * OrtSession head = env.createSession(pair.head());
 * }
 */
public final class ModelSplitter {

  private ModelSplitter() {}

  /**
   * Analyses a model at the default input shapes and cuts it.
   *
   * @implNote blocks: may run ONNX Runtime once (see {@link ModelAnalyzer}).
   */
  public static SplitModels split(OnnxModel model, int index) {
    return split(ModelAnalyzer.analyze(model), index);
  }

  /**
   * Cuts an analysed model after its first {@code index} compute nodes; any index in {@code
   * 0..nodeCount} can be cut, candidate or not.
   *
   * @throws ModelGraphException with reason UNKNOWN_SPLIT if the index is out of range
   */
  public static SplitModels split(ModelAnalysis analysis, int index) {
    SplitPoint point = analysis.splitPoint(index);
    GraphIndex g = analysis.index();
    ModelProto model = analysis.model().proto();
    GraphProto graph = model.getGraph();
    Map<String, ValueInfoProto> declared = declared(graph);

    List<ValueInfoProto> crossing = new ArrayList<>();
    for (TensorSpec t : point.crossing()) {
      crossing.add(valueInfo(t, declared.get(t.name()), analysis.staticInputs()));
    }
    List<ValueInfoProto> modelInputs = new ArrayList<>();
    for (String name : g.graphInputs()) {
      modelInputs.add(declared.get(name));
    }
    List<Integer> compute = g.computeNodes();
    GraphProto head = side(g, compute.subList(0, index), modelInputs, crossing);
    GraphProto tail =
        side(g, compute.subList(index, compute.size()), crossing, graph.getOutputList());

    String id = analysis.model().id();
    byte[] headBytes = model(model, head, id, index, "head").toByteArray();
    byte[] tailBytes = model(model, tail, id, index, "tail").toByteArray();
    SplitManifest manifest =
        new SplitManifest(
            id,
            index,
            point.nodeCount(),
            point.computeFraction(),
            analysis.inputs().stream().map(SplitManifest.Tensor::of).toList(),
            point.crossing().stream().map(SplitManifest.Tensor::of).toList(),
            analysis.outputs().stream().map(SplitManifest.Tensor::of).toList(),
            sha256(headBytes),
            sha256(tailBytes));
    return new SplitModels(headBytes, tailBytes, manifest);
  }

  /** Lowercase hex SHA-256 of some bytes. */
  public static String sha256(byte[] bytes) {
    try {
      return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("the JDK has no SHA-256", e);
    }
  }

  private static ModelProto model(
      ModelProto original, GraphProto graph, String id, int index, String part) {
    ModelProto.Builder b =
        original.toBuilder().setGraph(graph).clearTrainingInfo().clearMetadataProps();
    Map<String, String> added =
        Map.of(
            "dynasplit.model",
            id,
            "dynasplit.split",
            Integer.toString(index),
            "dynasplit.part",
            part);
    for (StringStringEntryProto e : original.getMetadataPropsList()) {
      if (!added.containsKey(e.getKey())) {
        b.addMetadataProps(e);
      }
    }
    for (String key : List.of("dynasplit.model", "dynasplit.split", "dynasplit.part")) {
      b.addMetadataProps(StringStringEntryProto.newBuilder().setKey(key).setValue(added.get(key)));
    }
    return b.build();
  }

  private static GraphProto side(
      GraphIndex g,
      List<Integer> computeNodes,
      List<ValueInfoProto> inputs,
      Collection<ValueInfoProto> outputs) {
    GraphProto graph = g.graph();
    TreeSet<Integer> nodes = new TreeSet<>((a, b) -> Integer.compare(g.rank(a), g.rank(b)));
    nodes.addAll(computeNodes);
    nodes.addAll(g.constantsNeededBy(computeNodes));
    Set<String> reads = new HashSet<>();
    Set<String> produced = new HashSet<>();
    for (int node : nodes) {
      reads.addAll(g.reads(node));
      produced.addAll(graph.getNode(node).getOutputList());
    }
    Set<String> io = new HashSet<>();
    inputs.forEach(v -> io.add(v.getName()));
    outputs.forEach(v -> io.add(v.getName()));

    GraphProto.Builder b =
        GraphProto.newBuilder().setName(graph.getName()).setDocString(graph.getDocString());
    for (int node : nodes) {
      b.addNode(graph.getNode(node));
    }
    for (TensorProto t : graph.getInitializerList()) {
      if (reads.contains(t.getName())) {
        b.addInitializer(t);
      }
    }
    for (SparseTensorProto t : graph.getSparseInitializerList()) {
      if (reads.contains(t.getValues().getName())) {
        b.addSparseInitializer(t);
      }
    }
    b.addAllInput(inputs);
    for (ValueInfoProto v : graph.getInputList()) {
      // models of IR version < 4 list their initializers as inputs too
      if (g.isInitializer(v.getName()) && reads.contains(v.getName())) {
        b.addInput(v);
      }
    }
    b.addAllOutput(outputs);
    for (ValueInfoProto v : graph.getValueInfoList()) {
      if (produced.contains(v.getName()) && !io.contains(v.getName())) {
        b.addValueInfo(v);
      }
    }
    b.addAllQuantizationAnnotation(
        graph.getQuantizationAnnotationList().stream()
            .filter(a -> produced.contains(a.getTensorName()) || reads.contains(a.getTensorName()))
            .toList());
    return b.build();
  }

  private static Map<String, ValueInfoProto> declared(GraphProto graph) {
    Map<String, ValueInfoProto> m = new HashMap<>();
    graph.getValueInfoList().forEach(v -> m.put(v.getName(), v));
    graph.getOutputList().forEach(v -> m.put(v.getName(), v));
    graph.getInputList().forEach(v -> m.put(v.getName(), v));
    return m;
  }

  private static ValueInfoProto valueInfo(
      TensorSpec spec, ValueInfoProto declared, boolean staticShapes) {
    if (declared != null
        && declared.getType().hasTensorType()
        && declared.getType().getTensorType().getElemType() == spec.dtype().onnxCode()) {
      return declared;
    }
    TensorShapeProto.Builder shape = TensorShapeProto.newBuilder();
    for (long d : spec.shape()) {
      TensorShapeProto.Dimension.Builder dim = TensorShapeProto.Dimension.newBuilder();
      if (staticShapes) {
        dim.setDimValue(d);
      }
      shape.addDim(dim);
    }
    return ValueInfoProto.newBuilder()
        .setName(spec.name())
        .setType(
            TypeProto.newBuilder()
                .setTensorType(
                    TypeProto.Tensor.newBuilder()
                        .setElemType(spec.dtype().onnxCode())
                        .setShape(shape)))
        .build();
  }
}
