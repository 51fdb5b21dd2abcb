package io.dynasplit.models.graph;

import io.dynasplit.models.graph.ModelGraphException.Reason;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * What {@link ModelAnalyzer} learned about a model: the topological order of its compute nodes, the
 * shape of every tensor on the analysis input, where each tensor is produced and last used, and the
 * compute along the order. From it come the split points.
 *
 * <p>A tensor crosses split {@code i} when it is produced before position {@code i} (graph inputs
 * count as produced before everything) and read at or after it, or is a graph output (graph outputs
 * are read "at the end"). So a graph input that the tail reads crosses, as the attention mask of a
 * transformer does: the tail has no other way to get it. Initializers and constants never cross;
 * each side keeps its own copy.
 *
 * <p>Immutable and safe to share between threads.
 */
public final class ModelAnalysis {

  private final OnnxModel model;
  private final GraphIndex index;
  private final List<TensorSpec> inputs;
  private final List<TensorSpec> outputs;
  private final Map<String, TensorSpec> tensors;
  private final Map<String, Integer> producedAt;
  private final Map<String, Integer> lastReadAt;
  private final Map<String, Integer> outputSlot;
  private final double[] costPrefix;
  private final boolean staticInputs;

  ModelAnalysis(
      OnnxModel model,
      GraphIndex index,
      List<TensorSpec> inputs,
      List<TensorSpec> outputs,
      Map<String, TensorSpec> tensors,
      Map<String, Integer> producedAt,
      Map<String, Integer> lastReadAt,
      Map<String, Integer> outputSlot,
      double[] costPrefix,
      boolean staticInputs) {
    this.model = model;
    this.index = index;
    this.inputs = List.copyOf(inputs);
    this.outputs = List.copyOf(outputs);
    this.tensors = Map.copyOf(tensors);
    this.producedAt = Map.copyOf(producedAt);
    this.lastReadAt = Map.copyOf(lastReadAt);
    this.outputSlot = Map.copyOf(outputSlot);
    this.costPrefix = costPrefix.clone();
    this.staticInputs = staticInputs;
  }

  /** The model analysed. */
  public OnnxModel model() {
    return model;
  }

  /** The model's inputs with the shapes the analysis ran on. */
  public List<TensorSpec> inputs() {
    return inputs;
  }

  /** The model's outputs with their shapes on the analysis input. */
  public List<TensorSpec> outputs() {
    return outputs;
  }

  /** Number of compute nodes; split indices run from 0 to this. */
  public int nodeCount() {
    return index.computeNodes().size();
  }

  /** The shape of a tensor that can cross a split, if it has a fixed-size element type. */
  public Optional<TensorSpec> tensor(String name) {
    return Optional.ofNullable(tensors.get(name));
  }

  /** Whether every model input has fixed dimensions, so the shapes seen hold for every input. */
  public boolean staticInputs() {
    return staticInputs;
  }

  /** Share of the model's estimated compute done by the first {@code index} compute nodes. */
  public double computeFraction(int index) {
    checkIndex(index);
    double total = costPrefix[costPrefix.length - 1];
    return total <= 0 ? 0 : Math.min(1, costPrefix[index] / total);
  }

  /**
   * The split after the first {@code index} compute nodes.
   *
   * @throws ModelGraphException with reason UNKNOWN_SPLIT if the index is out of range, or
   *     UNSUPPORTED_INPUT if a crossing tensor has no fixed-size element type
   */
  public SplitPoint splitPoint(int index) {
    checkIndex(index);
    List<String> names = crossingNames(index);
    List<TensorSpec> crossing = new ArrayList<>(names.size());
    for (String name : names) {
      TensorSpec spec = tensors.get(name);
      if (spec == null) {
        throw new ModelGraphException(
            Reason.UNSUPPORTED_INPUT,
            "model '"
                + model.id()
                + "': tensor '"
                + name
                + "' crossing split "
                + index
                + " is not a tensor of a fixed-size element type");
      }
      crossing.add(spec);
    }
    return new SplitPoint(index, nodeCount(), crossing, computeFraction(index));
  }

  /**
   * The candidate split points: all cloud, all edge, and every position in between where one to
   * {@code maxTensors} tensors of fixed-size types cross, in index order.
   */
  public List<SplitPoint> candidates(int maxTensors) {
    if (maxTensors < 1) {
      throw new IllegalArgumentException("maxTensors must be >= 1: " + maxTensors);
    }
    int n = nodeCount();
    int[] delta = new int[n + 2];
    for (Map.Entry<String, Integer> e : lastReadAt.entrySet()) {
      int from = producedAt.get(e.getKey()) + 1;
      int to = e.getValue();
      if (to >= from) {
        delta[from]++;
        delta[to + 1]--;
      }
    }
    List<SplitPoint> result = new ArrayList<>();
    int live = 0;
    for (int i = 0; i <= n; i++) {
      live += delta[i];
      if (i == 0 || i == n) {
        result.add(splitPoint(i));
      } else if (live >= 1 && live <= maxTensors) {
        // nothing crossing means the head computes nothing the tail or the outputs need
        List<String> names = crossingNames(i);
        if (names.stream().allMatch(tensors::containsKey)) {
          result.add(splitPoint(i));
        }
      }
    }
    return result;
  }

  /**
   * The candidates with at most {@code maxTensors} crossing tensors, failing when only the two
   * trivial splits are left.
   *
   * @throws ModelGraphException with reason NO_CANDIDATE naming the limit
   */
  public List<SplitPoint> requireCandidates(int maxTensors) {
    List<SplitPoint> c = candidates(maxTensors);
    if (c.size() <= 2 && nodeCount() > 1) {
      throw new ModelGraphException(
          Reason.NO_CANDIDATE,
          "model '"
              + model.id()
              + "' has no split point with at most "
              + maxTensors
              + " crossing tensor(s) besides all-cloud and all-edge; try a larger --max-tensors");
    }
    return c;
  }

  GraphIndex index() {
    return index;
  }

  private List<String> crossingNames(int i) {
    List<String> names = new ArrayList<>();
    for (Map.Entry<String, Integer> e : lastReadAt.entrySet()) {
      String name = e.getKey();
      if (producedAt.get(name) < i && e.getValue() >= i) {
        names.add(name);
      }
    }
    names.sort(
        Comparator.comparingInt((String name) -> producedAt.get(name))
            .thenComparingInt(name -> outputSlot.getOrDefault(name, 0)));
    return names;
  }

  private void checkIndex(int i) {
    if (i < 0 || i > nodeCount()) {
      throw new ModelGraphException(
          Reason.UNKNOWN_SPLIT,
          "model '"
              + model.id()
              + "' has no split "
              + i
              + ": split indices run from 0 to "
              + nodeCount());
    }
  }

  @Override
  public String toString() {
    return "ModelAnalysis[" + model.id() + ", " + nodeCount() + " compute nodes]";
  }
}
