package io.dynasplit.models.processing;

import io.dynasplit.models.catalog.CatalogEntry;
import io.dynasplit.models.catalog.PostProcessing;
import io.dynasplit.schemas.DType;
import io.dynasplit.schemas.Shape;
import io.dynasplit.schemas.Tensor;
import java.nio.FloatBuffer;
import java.nio.LongBuffer;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.stream.IntStream;

/**
 * Turns a catalog model's output tensor into the reply's {@link ModelOutput} as the entry's {@link
 * PostProcessing} says: top-k classes, text boxes, or an embedding vector. Stateless and
 * thread-safe.
 */
public final class Postprocessor {

  /**
   * The output of a catalog model.
   *
   * @param entry the model's catalog entry
   * @param input what {@link Preprocessor#prepare} made (image geometry, attention mask)
   * @param output the model's (first) output tensor
   * @throws InvalidInputException when the output does not have the shape the post-processing needs
   */
  public ModelOutput process(CatalogEntry entry, PreparedInput input, Tensor output) {
    Objects.requireNonNull(entry, "entry");
    Objects.requireNonNull(input, "input");
    Objects.requireNonNull(output, "output");
    Tensor floats = floats(entry, output);
    return switch (entry.postProcessing()) {
      case PostProcessing.TopK spec -> topK(spec, floats, entry.synthetic());
      case PostProcessing.TextBoxes spec ->
          new TextBoxExtractor(spec)
              .extract(
                  floats,
                  input
                      .geometry()
                      .orElseThrow(
                          () ->
                              new InvalidInputException(
                                  "model "
                                      + entry.id()
                                      + " finds text boxes in images; the input was not an"
                                      + " image")));
      case PostProcessing.Embedding spec -> embedding(spec, floats, input);
    };
  }

  /**
   * Output tensors as they are (for a model that is not in the catalog): float32 values, float16
   * and int8 widened to float32, or int64 values.
   *
   * @throws InvalidInputException for a uint8 output
   */
  public static ModelOutput.Tensors raw(List<Tensor> outputs) {
    Map<String, ModelOutput.RawTensor> raw = new LinkedHashMap<>();
    for (Tensor t : outputs) {
      Tensor w = Preprocessor.widened(t);
      List<Number> values = new ArrayList<>();
      if (w.dtype() == DType.FLOAT32) {
        FloatBuffer f = w.asFloatBuffer();
        while (f.hasRemaining()) {
          values.add(f.get());
        }
      } else {
        LongBuffer l = w.asLongBuffer();
        while (l.hasRemaining()) {
          values.add(l.get());
        }
      }
      raw.put(
          t.name(),
          new ModelOutput.RawTensor(
              w.dtype().wireName(), Arrays.stream(w.shape().dims()).boxed().toList(), values));
    }
    return new ModelOutput.Tensors(raw);
  }

  /**
   * The output as float32: as it is when it is float32, {@linkplain Preprocessor#widened widened}
   * when it is float16 or int8 (an answer in the request's codec).
   */
  private static Tensor floats(CatalogEntry entry, Tensor output) {
    Tensor t = Preprocessor.widened(output);
    if (t.dtype() != DType.FLOAT32) {
      throw new InvalidInputException(
          "model " + entry.id() + " output must be float32, got " + output.dtype());
    }
    return t;
  }

  static ModelOutput.Classification topK(
      PostProcessing.TopK spec, Tensor output, boolean synthetic) {
    FloatBuffer v = output.asFloatBuffer();
    int n = v.remaining();
    Shape shape = output.shape();
    if (shape.rank() == 0 || n != shape.dim(shape.rank() - 1)) {
      throw new InvalidInputException("classifier output must be [1, classes], got " + shape);
    }
    if (!spec.labels().isEmpty() && spec.labels().size() != n) {
      throw new InvalidInputException(
          "classifier has " + n + " outputs but " + spec.labels().size() + " labels");
    }
    double[] p = new double[n];
    if (spec.softmax()) {
      double max = Double.NEGATIVE_INFINITY;
      for (int i = 0; i < n; i++) {
        max = Math.max(max, v.get(i));
      }
      double sum = 0;
      for (int i = 0; i < n; i++) {
        p[i] = Math.exp(v.get(i) - max);
        sum += p[i];
      }
      for (int i = 0; i < n; i++) {
        p[i] /= sum;
      }
    } else {
      for (int i = 0; i < n; i++) {
        p[i] = v.get(i);
      }
    }
    List<ModelOutput.ClassScore> top =
        IntStream.range(0, n)
            .boxed()
            .sorted(
                Comparator.comparingDouble((Integer i) -> p[i]).reversed().thenComparing(i -> i))
            .limit(spec.k())
            .map(
                i ->
                    new ModelOutput.ClassScore(
                        i, spec.labels().isEmpty() ? "class " + i : spec.labels().get(i), p[i]))
            .toList();
    return new ModelOutput.Classification(top, synthetic);
  }

  static ModelOutput.Embedding embedding(
      PostProcessing.Embedding spec, Tensor output, PreparedInput input) {
    Shape shape = output.shape();
    FloatBuffer v = output.asFloatBuffer();
    float[] vector;
    if (spec.meanPooling()) {
      if (shape.rank() != 3 || shape.dim(0) != 1) {
        throw new InvalidInputException("token states must be [1, tokens, dim], got " + shape);
      }
      int tokens = (int) shape.dim(1);
      int dim = (int) shape.dim(2);
      LongBuffer mask = maskOf(input, tokens);
      vector = new float[dim];
      double count = 0;
      for (int t = 0; t < tokens; t++) {
        if (mask.get(t) == 0) {
          continue;
        }
        count++;
        for (int d = 0; d < dim; d++) {
          vector[d] += v.get(t * dim + d);
        }
      }
      if (count == 0) {
        throw new InvalidInputException("attention mask has no tokens");
      }
      for (int d = 0; d < dim; d++) {
        vector[d] = (float) (vector[d] / count);
      }
    } else {
      vector = new float[v.remaining()];
      v.get(vector);
    }
    if (spec.normalize()) {
      double norm = 0;
      for (float x : vector) {
        norm += x * x;
      }
      norm = Math.sqrt(norm);
      if (norm > 0) {
        for (int d = 0; d < vector.length; d++) {
          vector[d] = (float) (vector[d] / norm);
        }
      }
    }
    return new ModelOutput.Embedding(vector.length, vector, spec.normalize());
  }

  /** The attention mask's values (a view), or all ones when there is no mask. */
  private static LongBuffer maskOf(PreparedInput input, int tokens) {
    Tensor mask = input.tensors().get("attention_mask");
    if (mask == null) {
      long[] all = new long[tokens];
      Arrays.fill(all, 1);
      return LongBuffer.wrap(all);
    }
    if (mask.dtype() != DType.INT64 || mask.elements() != tokens) {
      throw new InvalidInputException(
          "attention_mask must be int64 [1, " + tokens + "], got " + mask.dtype() + mask.shape());
    }
    return mask.asLongBuffer();
  }
}
