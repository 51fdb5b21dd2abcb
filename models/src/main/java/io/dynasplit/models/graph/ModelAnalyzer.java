package io.dynasplit.models.graph;

import ai.onnx.proto.OnnxMl.GraphProto;
import ai.onnx.proto.OnnxMl.ModelProto;
import ai.onnx.proto.OnnxMl.NodeProto;
import ai.onnx.proto.OnnxMl.TensorProto;
import ai.onnx.proto.OnnxMl.TensorShapeProto;
import ai.onnx.proto.OnnxMl.TypeProto;
import ai.onnx.proto.OnnxMl.ValueInfoProto;
import ai.onnxruntime.OnnxValue;
import ai.onnxruntime.OrtException;
import ai.onnxruntime.OrtSession;
import ai.onnxruntime.OrtSession.SessionOptions.OptLevel;
import io.dynasplit.models.graph.ModelGraphException.Reason;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Analyses an ONNX model for splitting: orders its graph, learns the shape of every tensor and
 * estimates the compute of every node.
 *
 * <p>Shapes come from the model's {@code value_info} when it declares every tensor with fixed
 * dimensions; otherwise the model runs once in ONNX Runtime on {@link SampleInputs} of the {@link
 * InputShapes} given, with every intermediate tensor added as an extra graph output, and the shapes
 * are read from the results.
 *
 * {@snippet :
 * ModelAnalysis analysis = ModelAnalyzer.analyze(OnnxModel.load(path), InputShapes.defaults());
 * List<SplitPoint> candidates = analysis.candidates(1);
 * }
 *
 * @implNote blocks (runs ONNX Runtime once, for models without full shape information); call from a
 *     worker thread.
 */
public final class ModelAnalyzer {

  /** Seed of the sample input the shapes are probed on. */
  public static final long PROBE_SEED = 20240611L;

  private ModelAnalyzer() {}

  /** Analyses a model at the default input shapes. */
  public static ModelAnalysis analyze(OnnxModel model) {
    return analyze(model, InputShapes.defaults());
  }

  /**
   * Analyses a model at the given input shapes.
   *
   * @throws ModelGraphException if the graph is malformed, an input shape does not fit, or ONNX
   *     Runtime cannot run the model
   */
  public static ModelAnalysis analyze(OnnxModel model, InputShapes shapes) {
    ModelProto proto = model.proto();
    GraphProto graph = proto.getGraph();
    GraphIndex index = GraphIndex.of(model.id(), graph);

    Map<String, ValueInfoProto> declared = new HashMap<>();
    graph.getValueInfoList().forEach(v -> declared.put(v.getName(), v));
    graph.getOutputList().forEach(v -> declared.put(v.getName(), v));
    graph.getInputList().forEach(v -> declared.put(v.getName(), v));

    for (String given : shapes.shapes().keySet()) {
      if (!index.graphInputs().contains(given)) {
        throw new ModelGraphException(
            Reason.UNSUPPORTED_INPUT,
            "model '"
                + model.id()
                + "' has no input named '"
                + given
                + "'; its inputs are "
                + index.graphInputs());
      }
    }
    boolean staticInputs = true;
    List<TensorSpec> inputs = new ArrayList<>();
    for (String name : index.graphInputs()) {
      ValueInfoProto v = declared.get(name);
      staticInputs &= staticShape(v).isPresent();
      inputs.add(inputSpec(model.id(), v, shapes));
    }

    Map<String, TensorSpec> specs = new HashMap<>();
    inputs.forEach(s -> specs.put(s.name(), s));
    Set<String> wanted = new LinkedHashSet<>();
    for (NodeProto node : graph.getNodeList()) {
      for (String out : node.getOutputList()) {
        if (!out.isEmpty()) {
          wanted.add(out);
        }
      }
    }
    Map<String, TensorSpec> fromDeclared = new HashMap<>();
    if (staticInputs && shapes.shapes().isEmpty()) {
      for (String name : wanted) {
        ValueInfoProto v = declared.get(name);
        Optional<ElementType> dtype = v == null ? Optional.empty() : elementType(v);
        Optional<List<Long>> dims = v == null ? Optional.empty() : staticShape(v);
        if (dtype.isPresent() && dims.isPresent()) {
          fromDeclared.put(name, new TensorSpec(name, dtype.get(), dims.get()));
        }
      }
    }
    if (fromDeclared.keySet().containsAll(wanted)) {
      specs.putAll(fromDeclared);
    } else {
      specs.putAll(probe(model, inputs, wanted));
    }

    Map<String, List<Long>> weightShapes = new HashMap<>();
    for (TensorProto t : graph.getInitializerList()) {
      weightShapes.put(t.getName(), t.getDimsList());
    }

    List<Integer> compute = index.computeNodes();
    Map<String, Integer> producedAt = new HashMap<>();
    Map<String, Integer> lastReadAt = new HashMap<>();
    Map<String, Integer> outputSlot = new HashMap<>();
    for (int i = 0; i < index.graphInputs().size(); i++) {
      producedAt.put(index.graphInputs().get(i), -1);
      outputSlot.put(index.graphInputs().get(i), i);
    }
    double[] costPrefix = new double[compute.size() + 1];
    for (int pos = 0; pos < compute.size(); pos++) {
      NodeProto node = graph.getNode(compute.get(pos));
      for (int slot = 0; slot < node.getOutputCount(); slot++) {
        String out = node.getOutput(slot);
        if (!out.isEmpty()) {
          producedAt.put(out, pos);
          outputSlot.put(out, slot);
        }
      }
      for (String read : index.reads(compute.get(pos))) {
        if (producedAt.containsKey(read)) {
          lastReadAt.merge(read, pos, Math::max);
        }
      }
      double cost =
          ComputeCost.of(
              node,
              name ->
                  Optional.ofNullable(specs.get(name))
                      .map(TensorSpec::shape)
                      .or(() -> Optional.ofNullable(weightShapes.get(name))));
      costPrefix[pos + 1] = costPrefix[pos] + cost;
    }
    List<TensorSpec> outputs = new ArrayList<>();
    for (String out : index.graphOutputs()) {
      if (producedAt.containsKey(out)) {
        lastReadAt.put(out, compute.size());
      }
      TensorSpec spec = specs.get(out);
      if (spec == null) {
        throw new ModelGraphException(
            Reason.UNSUPPORTED_INPUT,
            "model '"
                + model.id()
                + "': graph output '"
                + out
                + "' is not a tensor of a fixed-size element type");
      }
      outputs.add(spec);
    }
    Map<String, TensorSpec> crossable = new HashMap<>();
    for (String name : lastReadAt.keySet()) {
      TensorSpec spec = specs.get(name);
      if (spec != null) {
        crossable.put(name, spec);
      }
    }
    return new ModelAnalysis(
        model,
        index,
        inputs,
        outputs,
        crossable,
        producedAt,
        lastReadAt,
        outputSlot,
        costPrefix,
        staticInputs);
  }

  private static Map<String, TensorSpec> probe(
      OnnxModel model, List<TensorSpec> inputs, Set<String> wanted) {
    GraphProto graph = model.proto().getGraph();
    Set<String> present = new HashSet<>();
    graph.getOutputList().forEach(v -> present.add(v.getName()));
    GraphProto.Builder g = graph.toBuilder();
    for (String name : wanted) {
      if (!present.contains(name)) {
        g.addOutput(ValueInfoProto.newBuilder().setName(name));
      }
    }
    byte[] bytes = model.proto().toBuilder().setGraph(g).build().toByteArray();
    Map<String, TensorSpec> specs = new HashMap<>();
    try (OrtSession session = Ort.session("model '" + model.id() + "'", bytes, OptLevel.BASIC_OPT);
        SampleInputs sample = SampleInputs.create(Ort.env(), inputs, PROBE_SEED);
        OrtSession.Result result = session.run(sample.tensors())) {
      for (Map.Entry<String, OnnxValue> e : result) {
        Ort.spec(e.getKey(), e.getValue()).ifPresent(s -> specs.put(s.name(), s));
      }
    } catch (OrtException e) {
      throw new ModelGraphException(
          Reason.RUNTIME,
          "ONNX Runtime cannot run model '"
              + model.id()
              + "' on inputs "
              + describe(inputs)
              + ": "
              + e.getMessage(),
          e);
    }
    return specs;
  }

  private static String describe(List<TensorSpec> inputs) {
    List<String> parts = new ArrayList<>();
    for (TensorSpec s : inputs) {
      parts.add(s.name() + "=" + s.shapeText() + " " + s.dtype().label());
    }
    return String.join(", ", parts);
  }

  private static TensorSpec inputSpec(String id, ValueInfoProto v, InputShapes shapes) {
    String name = v.getName();
    ElementType dtype =
        elementType(v)
            .orElseThrow(
                () ->
                    new ModelGraphException(
                        Reason.UNSUPPORTED_INPUT,
                        "model '"
                            + id
                            + "': input '"
                            + name
                            + "' is not a tensor of a fixed-size element type"));
    TypeProto.Tensor t = v.getType().getTensorType();
    List<Long> given = shapes.shapes().get(name);
    if (!t.hasShape()) {
      if (given == null) {
        throw new ModelGraphException(
            Reason.UNSUPPORTED_INPUT,
            "model '"
                + id
                + "': input '"
                + name
                + "' declares no shape; give one with --input-shape "
                + name
                + "=DIMS");
      }
      return new TensorSpec(name, dtype, given);
    }
    List<TensorShapeProto.Dimension> dims = t.getShape().getDimList();
    if (given != null) {
      if (given.size() != dims.size()) {
        throw new ModelGraphException(
            Reason.UNSUPPORTED_INPUT,
            "model '"
                + id
                + "': input '"
                + name
                + "' has rank "
                + dims.size()
                + ", but the shape given "
                + given
                + " has rank "
                + given.size());
      }
      for (int i = 0; i < dims.size(); i++) {
        if (fixed(dims.get(i)) && dims.get(i).getDimValue() != given.get(i)) {
          throw new ModelGraphException(
              Reason.UNSUPPORTED_INPUT,
              "model '"
                  + id
                  + "': input '"
                  + name
                  + "' has dimension "
                  + i
                  + " fixed at "
                  + dims.get(i).getDimValue()
                  + ", but the shape given "
                  + given
                  + " has "
                  + given.get(i));
        }
      }
      return new TensorSpec(name, dtype, given);
    }
    List<Long> resolved = new ArrayList<>();
    for (int i = 0; i < dims.size(); i++) {
      TensorShapeProto.Dimension d = dims.get(i);
      resolved.add(fixed(d) ? d.getDimValue() : i == 0 ? 1L : shapes.defaultDim());
    }
    return new TensorSpec(name, dtype, resolved);
  }

  private static boolean fixed(TensorShapeProto.Dimension d) {
    return d.hasDimValue() && d.getDimValue() >= 0;
  }

  static Optional<ElementType> elementType(ValueInfoProto v) {
    if (!v.getType().hasTensorType()) {
      return Optional.empty();
    }
    return ElementType.ofOnnx(v.getType().getTensorType().getElemType());
  }

  static Optional<List<Long>> staticShape(ValueInfoProto v) {
    if (v == null || !v.getType().hasTensorType() || !v.getType().getTensorType().hasShape()) {
      return Optional.empty();
    }
    List<Long> dims = new ArrayList<>();
    for (TensorShapeProto.Dimension d : v.getType().getTensorType().getShape().getDimList()) {
      if (!fixed(d)) {
        return Optional.empty();
      }
      dims.add(d.getDimValue());
    }
    return Optional.of(dims);
  }
}
