package io.dynasplit.models.runtime;

import io.dynasplit.models.catalog.ModelCatalog;
import io.dynasplit.models.catalog.ModelNotFoundException;
import io.dynasplit.models.graph.InputShapes;
import io.dynasplit.models.graph.ModelAnalysis;
import io.dynasplit.models.graph.ModelAnalyzer;
import io.dynasplit.models.graph.ModelGraphException;
import io.dynasplit.models.graph.ModelSplitter;
import io.dynasplit.models.graph.OnnxModel;
import io.dynasplit.models.graph.SplitModels;
import io.dynasplit.models.graph.SplitPoint;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The parts of catalog models: whole models from the {@link ModelCatalog}, heads and tails cut in
 * memory by the {@link ModelSplitter} on first use and kept.
 *
 * <p>Split indices are those of the splitter: the number of compute nodes in the head, from 0
 * (everything in the cloud) to the model's node count (everything on the edge).
 *
 * @implNote the first use of a model analyses it (may run ONNX Runtime once) and the first use of a
 *     split cuts the graph: both block, call from a worker thread. Thread-safe.
 */
public final class SplitParts implements PartSource {

  /**
   * The most tensors a candidate split may send, by default: a single tensor, a natural bottleneck.
   */
  public static final int DEFAULT_MAX_TENSORS = 1;

  private final ModelCatalog catalog;
  private final int maxTensors;
  private final Map<String, byte[]> whole = new ConcurrentHashMap<>();
  private final Map<String, ModelAnalysis> analyses = new ConcurrentHashMap<>();
  private final Map<String, SplitModels> splits = new ConcurrentHashMap<>();

  /**
   * Parts of a catalog's models.
   *
   * @param maxTensors the most tensors a candidate split may send
   */
  public SplitParts(ModelCatalog catalog, int maxTensors) {
    this.catalog = Objects.requireNonNull(catalog, "catalog");
    if (maxTensors < 1) {
      throw new IllegalArgumentException("maxTensors must be >= 1: " + maxTensors);
    }
    this.maxTensors = maxTensors;
  }

  /** The catalog the parts come from. */
  public ModelCatalog catalog() {
    return catalog;
  }

  @Override
  public byte[] bytes(String model, int split, Part part) {
    return switch (part) {
      case FULL -> wholeBytes(model);
      case HEAD -> split(model, split).head();
      case TAIL -> split(model, split).tail();
    };
  }

  /** The candidate split indices of a model, in index order, 0 and the all-edge index included. */
  public List<Integer> candidates(String model) {
    return analysis(model).candidates(maxTensors).stream().map(SplitPoint::index).toList();
  }

  /** The split index that runs the whole model on the edge: its compute node count. */
  public int allEdgeSplit(String model) {
    return analysis(model).nodeCount();
  }

  /** The split point of an index (crossing tensors and their sizes, compute fraction). */
  public SplitPoint splitPoint(String model, int split) {
    try {
      return analysis(model).splitPoint(split);
    } catch (ModelGraphException e) {
      throw new InferenceException(InferenceException.Reason.MODEL_UNAVAILABLE, e.getMessage(), e);
    }
  }

  private byte[] wholeBytes(String model) {
    return whole.computeIfAbsent(
        model,
        id -> {
          try {
            return catalog.resolve(id).bytes();
          } catch (ModelNotFoundException e) {
            throw new InferenceException(
                InferenceException.Reason.MODEL_UNAVAILABLE, e.getMessage(), e);
          }
        });
  }

  private ModelAnalysis analysis(String model) {
    return analyses.computeIfAbsent(
        model,
        id -> {
          try {
            return ModelAnalyzer.analyze(
                OnnxModel.fromBytes(id, wholeBytes(id)), InputShapes.defaults());
          } catch (ModelGraphException e) {
            throw new InferenceException(
                InferenceException.Reason.MODEL_UNAVAILABLE,
                "cannot analyse model " + id + " for splitting: " + e.getMessage(),
                e);
          }
        });
  }

  private SplitModels split(String model, int split) {
    return splits.computeIfAbsent(
        model + "@" + split,
        k -> {
          try {
            return ModelSplitter.split(analysis(model), split);
          } catch (ModelGraphException e) {
            throw new InferenceException(
                InferenceException.Reason.MODEL_UNAVAILABLE,
                "cannot split model " + model + " at " + split + ": " + e.getMessage(),
                e);
          }
        });
  }
}
