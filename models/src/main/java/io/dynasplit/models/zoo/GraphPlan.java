package io.dynasplit.models.zoo;

import ai.onnx.proto.OnnxMl.AttributeProto;
import ai.onnx.proto.OnnxMl.NodeProto;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * An ONNX graph under construction whose weights are described (shape and initializer) but not yet
 * filled: counting parameters costs nothing, and {@link ModelGenerator} fills them from a seed.
 *
 * <p>Node and tensor names are made unique by the plan; each builder method returns the name of the
 * tensor it produced.
 */
public final class GraphPlan {

  /**
   * One float weight tensor.
   *
   * @param name the initializer name
   * @param shape its dimensions
   * @param init how its values are drawn
   * @param trainable whether it counts as a parameter (batch-norm running statistics do not)
   */
  public record Weight(String name, long[] shape, WeightInit init, boolean trainable) {
    /** Checks the values. */
    public Weight {
      Objects.requireNonNull(name, "name");
      Objects.requireNonNull(shape, "shape");
      Objects.requireNonNull(init, "init");
      shape = shape.clone();
      for (long d : shape) {
        if (d <= 0) {
          throw new IllegalArgumentException(
              "shape of " + name + " must be positive: " + Arrays.toString(shape));
        }
      }
    }

    /** The number of elements. */
    public long elements() {
      long n = 1;
      for (long d : shape) {
        n = Math.multiplyExact(n, d);
      }
      return n;
    }

    @Override
    public long[] shape() {
      return shape.clone();
    }
  }

  /**
   * A small integer constant (shapes, indices): never a parameter.
   *
   * @param name the initializer name
   * @param shape its dimensions (empty for a scalar)
   * @param values the values
   */
  public record IntConstant(String name, long[] shape, long[] values) {
    /** Checks that the shape and the number of values agree. */
    public IntConstant {
      Objects.requireNonNull(name, "name");
      shape = Objects.requireNonNull(shape, "shape").clone();
      values = Objects.requireNonNull(values, "values").clone();
      long n = 1;
      for (long d : shape) {
        n *= d;
      }
      if (n != values.length) {
        throw new IllegalArgumentException(
            "constant "
                + name
                + " of shape "
                + Arrays.toString(shape)
                + " needs "
                + n
                + " values, got "
                + values.length);
      }
    }

    @Override
    public long[] shape() {
      return shape.clone();
    }

    @Override
    public long[] values() {
      return values.clone();
    }
  }

  /**
   * A small float constant (a scale, a clip bound): never a parameter.
   *
   * @param name the initializer name
   * @param value the scalar value
   */
  public record FloatConstant(String name, float value) {
    /** Checks the values. */
    public FloatConstant {
      Objects.requireNonNull(name, "name");
    }
  }

  /**
   * A graph input or output with a fixed shape, float32.
   *
   * @param name the tensor name
   * @param shape its dimensions
   */
  public record Port(String name, long[] shape) {
    /** Checks the values. */
    public Port {
      Objects.requireNonNull(name, "name");
      shape = Objects.requireNonNull(shape, "shape").clone();
      for (long d : shape) {
        if (d <= 0) {
          throw new IllegalArgumentException(
              "shape of " + name + " must be positive: " + Arrays.toString(shape));
        }
      }
    }

    @Override
    public long[] shape() {
      return shape.clone();
    }
  }

  private final String name;
  private final List<NodeProto> nodes = new ArrayList<>();
  private final List<Weight> weights = new ArrayList<>();
  private final List<IntConstant> intConstants = new ArrayList<>();
  private final List<FloatConstant> floatConstants = new ArrayList<>();
  private final List<Port> inputs = new ArrayList<>();
  private final List<Port> outputs = new ArrayList<>();
  private final Map<String, Integer> counters = new LinkedHashMap<>();

  /** Starts an empty plan for a graph called {@code name}. */
  public GraphPlan(String name) {
    this.name = Objects.requireNonNull(name, "name");
  }

  /** The graph name. */
  public String name() {
    return name;
  }

  /** Declares a float32 graph input and returns its name. */
  public String input(String inputName, long... shape) {
    inputs.add(new Port(inputName, shape.clone()));
    return inputName;
  }

  /** Declares a float32 graph output with its shape. */
  public void output(String tensor, long... shape) {
    outputs.add(new Port(tensor, shape.clone()));
  }

  /** Adds a trainable weight and returns its name. */
  public String weight(String weightName, WeightInit init, long... shape) {
    weights.add(new Weight(unique(weightName), shape, init, true));
    return weights.getLast().name();
  }

  /**
   * Adds a weight that is not a parameter (a batch-norm running statistic) and returns its name.
   */
  public String buffer(String bufferName, WeightInit init, long... shape) {
    weights.add(new Weight(unique(bufferName), shape, init, false));
    return weights.getLast().name();
  }

  /** Adds an int64 constant and returns its name. */
  public String ints(String constantName, long[] shape, long... values) {
    intConstants.add(new IntConstant(unique(constantName), shape.clone(), values.clone()));
    return intConstants.getLast().name();
  }

  /** Adds a scalar float constant and returns its name. */
  public String scalar(String constantName, float value) {
    floatConstants.add(new FloatConstant(unique(constantName), value));
    return floatConstants.getLast().name();
  }

  /**
   * Adds a node with one output and returns the output's name.
   *
   * @param opType the ONNX operator
   * @param prefix a readable prefix for the node and output names
   * @param inputNames the node inputs, in order
   * @param attributes the node attributes
   */
  public String node(
      String opType, String prefix, List<String> inputNames, AttributeProto... attributes) {
    String nodeName = unique(prefix);
    String out = nodeName + "_out";
    nodes.add(
        NodeProto.newBuilder()
            .setName(nodeName)
            .setOpType(opType)
            .addAllInput(inputNames)
            .addOutput(out)
            .addAllAttribute(Arrays.asList(attributes))
            .build());
    return out;
  }

  private String unique(String base) {
    int n = counters.merge(base, 1, Integer::sum);
    return n == 1 ? base : base + "_" + (n - 1);
  }

  /** The nodes in topological order (the order they were added). */
  public List<NodeProto> nodes() {
    return List.copyOf(nodes);
  }

  /** The float weights, in the order they were added. */
  public List<Weight> weights() {
    return List.copyOf(weights);
  }

  /** The int64 constants. */
  public List<IntConstant> intConstants() {
    return List.copyOf(intConstants);
  }

  /** The float scalar constants. */
  public List<FloatConstant> floatConstants() {
    return List.copyOf(floatConstants);
  }

  /** The graph inputs. */
  public List<Port> inputs() {
    return List.copyOf(inputs);
  }

  /** The graph outputs. */
  public List<Port> outputs() {
    return List.copyOf(outputs);
  }

  /** The number of trainable parameters, counted as PyTorch counts them. */
  public long parameterCount() {
    return weights.stream().filter(Weight::trainable).mapToLong(Weight::elements).sum();
  }

  /** The number of float elements in all weights, buffers included: the size of the file / 4. */
  public long weightElements() {
    return weights.stream().mapToLong(Weight::elements).sum();
  }

  /** An integer attribute. */
  public static AttributeProto attr(String attrName, long value) {
    return AttributeProto.newBuilder()
        .setName(attrName)
        .setType(AttributeProto.AttributeType.INT)
        .setI(value)
        .build();
  }

  /** A float attribute. */
  public static AttributeProto attr(String attrName, float value) {
    return AttributeProto.newBuilder()
        .setName(attrName)
        .setType(AttributeProto.AttributeType.FLOAT)
        .setF(value)
        .build();
  }

  /** An integer list attribute. */
  public static AttributeProto attrs(String attrName, long... values) {
    AttributeProto.Builder b =
        AttributeProto.newBuilder().setName(attrName).setType(AttributeProto.AttributeType.INTS);
    for (long v : values) {
      b.addInts(v);
    }
    return b.build();
  }
}
