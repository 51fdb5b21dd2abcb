package io.dynasplit.models.graph;

import ai.onnxruntime.OnnxTensor;
import ai.onnxruntime.OnnxTensorLike;
import ai.onnxruntime.OnnxValue;
import ai.onnxruntime.OrtException;
import ai.onnxruntime.OrtSession;
import ai.onnxruntime.OrtSession.SessionOptions.OptLevel;
import io.dynasplit.models.graph.ModelGraphException.Reason;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * Checks in ONNX Runtime that head followed by tail gives the model's outputs: the model runs once
 * on a seeded {@link SampleInputs}, then for each split the head runs on the same input and the
 * tail on the head's outputs, and the largest absolute difference of every output is taken.
 *
 * {@snippet :
 * try (SplitVerifier verifier = new SplitVerifier(analysis, 42L)) {
 *   for (SplitPoint p : analysis.candidates(1)) {
 *     SplitCheck check = verifier.verify(p);
 *   }
 * }
 * }
 *
 * <p>Sessions run without graph optimizations unless another level is given: the model, the head
 * and the tail then execute exactly the nodes of their graphs, so any difference shows a cut that
 * is wrong rather than a fused kernel that rounds differently (and sessions load faster). With
 * optimizations on, differences of about 1e-7 appear and still pass.
 *
 * @implNote blocks and burns CPU; not thread-safe; call from one worker thread.
 */
public final class SplitVerifier implements AutoCloseable {

  /** The largest absolute difference that passes. */
  public static final double TOLERANCE = 1e-5;

  private final ModelAnalysis analysis;
  private final SampleInputs sample;
  private final Map<String, double[]> expected;
  private final Map<String, long[]> expectedShapes;
  private final OptLevel level;

  /** A verifier on a seeded sample at the analysis input shapes, without graph optimizations. */
  public SplitVerifier(ModelAnalysis analysis, long seed) {
    this(analysis, seed, OptLevel.NO_OPT);
  }

  /**
   * A verifier on a seeded sample with a chosen ONNX Runtime optimization level.
   *
   * @throws ModelGraphException with reason RUNTIME if the model itself does not run
   */
  public SplitVerifier(ModelAnalysis analysis, long seed, OptLevel level) {
    this.analysis = Objects.requireNonNull(analysis, "analysis");
    this.level = Objects.requireNonNull(level, "level");
    this.sample = SampleInputs.create(Ort.env(), analysis.inputs(), seed);
    this.expected = new LinkedHashMap<>();
    this.expectedShapes = new HashMap<>();
    String id = analysis.model().id();
    try (OrtSession full =
            Ort.session("model '" + id + "'", analysis.model().toByteArray(), level);
        OrtSession.Result result = full.run(sample.tensors())) {
      for (Map.Entry<String, OnnxValue> e : result) {
        OnnxTensor t = (OnnxTensor) e.getValue();
        expected.put(e.getKey(), Ort.values(t));
        expectedShapes.put(e.getKey(), t.getInfo().getShape());
      }
    } catch (OrtException | RuntimeException e) {
      sample.close();
      if (e instanceof ModelGraphException m) {
        throw m;
      }
      throw new ModelGraphException(
          Reason.RUNTIME, "ONNX Runtime cannot run model '" + id + "': " + e.getMessage(), e);
    }
  }

  /** Cuts the model at a split and compares head followed by tail with the whole model. */
  public SplitCheck verify(SplitPoint point) {
    SplitModels pair;
    try {
      pair = ModelSplitter.split(analysis, point.index());
    } catch (ModelGraphException e) {
      return failed(point, "cannot cut: " + e.getMessage());
    }
    return verify(point, pair);
  }

  /** Compares a given head/tail pair of this verifier's model with the whole model. */
  public SplitCheck verify(SplitPoint point, SplitModels pair) {
    String where = "split " + point.index() + " of model '" + analysis.model().id() + "'";
    try (OrtSession head = Ort.session("the head of " + where, pair.head(), level);
        OrtSession tail = Ort.session("the tail of " + where, pair.tail(), level);
        OrtSession.Result headOut = head.run(sample.tensors())) {
      Map<String, OnnxTensorLike> crossing = new LinkedHashMap<>();
      for (Map.Entry<String, OnnxValue> e : headOut) {
        crossing.put(e.getKey(), (OnnxTensorLike) e.getValue());
      }
      try (OrtSession.Result tailOut = tail.run(crossing)) {
        double max = 0;
        for (Map.Entry<String, double[]> e : expected.entrySet()) {
          Optional<OnnxValue> got = tailOut.get(e.getKey());
          if (got.isEmpty()) {
            return failed(point, "the tail does not output '" + e.getKey() + "'");
          }
          OnnxTensor t = (OnnxTensor) got.get();
          long[] shape = t.getInfo().getShape();
          if (!Arrays.equals(shape, expectedShapes.get(e.getKey()))) {
            return failed(
                point,
                "output '"
                    + e.getKey()
                    + "' has shape "
                    + Arrays.toString(shape)
                    + " instead of "
                    + Arrays.toString(expectedShapes.get(e.getKey())));
          }
          max = Math.max(max, maxAbsDiff(e.getValue(), Ort.values(t)));
        }
        return new SplitCheck(point, max, TOLERANCE, Optional.empty());
      }
    } catch (OrtException | ModelGraphException e) {
      return failed(point, e.getMessage());
    }
  }

  /** Checks every split point of a list, in order. */
  public List<SplitCheck> verifyAll(List<SplitPoint> points) {
    return points.stream().map(this::verify).toList();
  }

  @Override
  public void close() {
    sample.close();
  }

  private static SplitCheck failed(SplitPoint point, String why) {
    return new SplitCheck(point, Double.NaN, TOLERANCE, Optional.of(why));
  }

  private static double maxAbsDiff(double[] a, double[] b) {
    double max = 0;
    for (int i = 0; i < a.length; i++) {
      if (a[i] == b[i]) {
        continue;
      }
      double d = Math.abs(a[i] - b[i]);
      if (Double.isNaN(d)) {
        if (!(Double.isNaN(a[i]) && Double.isNaN(b[i]))) {
          return Double.POSITIVE_INFINITY;
        }
      } else {
        max = Math.max(max, d);
      }
    }
    return max;
  }
}
