package io.dynasplit.models.processing;

import io.dynasplit.models.catalog.CatalogEntry;
import io.dynasplit.models.catalog.PostProcessing;
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
  public ModelOutput process(CatalogEntry entry, PreparedInput input, TensorData output) {
    Objects.requireNonNull(entry, "entry");
    Objects.requireNonNull(input, "input");
    Objects.requireNonNull(output, "output");
    TensorData.Float32 floats = floats(entry, output);
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

  /** Output tensors as they are (for a model that is not in the catalog). */
  public static ModelOutput.Tensors raw(Map<String, TensorData> outputs) {
    Map<String, ModelOutput.RawTensor> raw = new LinkedHashMap<>();
    outputs.forEach(
        (name, t) -> {
          List<Number> values = new ArrayList<>();
          switch (t) {
            case TensorData.Float32 f -> {
              for (float v : f.values()) {
                values.add(v);
              }
            }
            case TensorData.Int64 l -> {
              for (long v : l.values()) {
                values.add(v);
              }
            }
          }
          raw.put(
              name,
              new ModelOutput.RawTensor(
                  t.dtype(), Arrays.stream(t.shape()).boxed().toList(), values));
        });
    return new ModelOutput.Tensors(raw);
  }

  private static TensorData.Float32 floats(CatalogEntry entry, TensorData output) {
    if (output instanceof TensorData.Float32 f) {
      return f;
    }
    throw new InvalidInputException(
        "model " + entry.id() + " output must be float32, got " + output.dtype());
  }

  static ModelOutput.Classification topK(
      PostProcessing.TopK spec, TensorData.Float32 output, boolean synthetic) {
    float[] v = output.values();
    long[] shape = output.shape();
    if (shape.length == 0 || v.length != shape[shape.length - 1]) {
      throw new InvalidInputException(
          "classifier output must be [1, classes], got " + Arrays.toString(shape));
    }
    if (!spec.labels().isEmpty() && spec.labels().size() != v.length) {
      throw new InvalidInputException(
          "classifier has " + v.length + " outputs but " + spec.labels().size() + " labels");
    }
    double[] p = new double[v.length];
    if (spec.softmax()) {
      double max = Double.NEGATIVE_INFINITY;
      for (float x : v) {
        max = Math.max(max, x);
      }
      double sum = 0;
      for (int i = 0; i < v.length; i++) {
        p[i] = Math.exp(v[i] - max);
        sum += p[i];
      }
      for (int i = 0; i < v.length; i++) {
        p[i] /= sum;
      }
    } else {
      for (int i = 0; i < v.length; i++) {
        p[i] = v[i];
      }
    }
    List<ModelOutput.ClassScore> top =
        IntStream.range(0, v.length)
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
      PostProcessing.Embedding spec, TensorData.Float32 output, PreparedInput input) {
    long[] shape = output.shape();
    float[] v = output.values();
    float[] vector;
    if (spec.meanPooling()) {
      if (shape.length != 3 || shape[0] != 1) {
        throw new InvalidInputException(
            "token states must be [1, tokens, dim], got " + Arrays.toString(shape));
      }
      int tokens = (int) shape[1];
      int dim = (int) shape[2];
      long[] mask = maskOf(input, tokens);
      vector = new float[dim];
      double count = 0;
      for (int t = 0; t < tokens; t++) {
        if (mask[t] == 0) {
          continue;
        }
        count++;
        for (int d = 0; d < dim; d++) {
          vector[d] += v[t * dim + d];
        }
      }
      if (count == 0) {
        throw new InvalidInputException("attention mask has no tokens");
      }
      for (int d = 0; d < dim; d++) {
        vector[d] = (float) (vector[d] / count);
      }
    } else {
      vector = v.clone();
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

  private static long[] maskOf(PreparedInput input, int tokens) {
    TensorData mask = input.tensors().get("attention_mask");
    if (mask == null) {
      long[] all = new long[tokens];
      Arrays.fill(all, 1);
      return all;
    }
    if (!(mask instanceof TensorData.Int64 m) || m.values().length != tokens) {
      throw new InvalidInputException(
          "attention_mask must be int64 [1, "
              + tokens
              + "], got "
              + mask.dtype()
              + Arrays.toString(mask.shape()));
    }
    return m.values();
  }
}
