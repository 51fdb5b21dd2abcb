package io.dynasplit.models.processing;

import io.dynasplit.models.catalog.CatalogEntry;
import io.dynasplit.models.catalog.PreProcessing;
import io.dynasplit.models.catalog.TensorSpec;
import io.dynasplit.schemas.Shape;
import io.dynasplit.schemas.Tensor;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Prepares a request's input for a catalog model: images and texts are processed as the entry's
 * {@link PreProcessing} says, tensors are checked against the entry's inputs and taken as given.
 *
 * <p>Thread-safe; tokenizers are loaded once and shared.
 */
public final class Preprocessor {

  private final Map<String, WordPieceTokenizer> tokenizers = new ConcurrentHashMap<>();

  /**
   * The model's input tensors for {@code input}.
   *
   * @throws InvalidInputException when the input does not suit the model (wrong kind, shape or
   *     type, undecodable image)
   */
  public PreparedInput prepare(CatalogEntry entry, ModelInput input) {
    Objects.requireNonNull(entry, "entry");
    Objects.requireNonNull(input, "input");
    return switch (input) {
      case ModelInput.Tensors t -> new PreparedInput(checked(entry, t.tensors()), Optional.empty());
      case ModelInput.Image image -> {
        if (!(entry.preProcessing() instanceof PreProcessing.Image spec)) {
          throw new InvalidInputException(
              "model "
                  + entry.id()
                  + " takes "
                  + entry.preProcessing().summary()
                  + ", not an image");
        }
        yield new ImagePreprocessor(spec).prepare(entry.input().name(), image.encoded());
      }
      case ModelInput.Text text -> {
        if (!(entry.preProcessing() instanceof PreProcessing.Text spec)) {
          throw new InvalidInputException(
              "model " + entry.id() + " takes " + entry.preProcessing().summary() + ", not a text");
        }
        yield prepareText(entry, spec, text.text());
      }
    };
  }

  private PreparedInput prepareText(CatalogEntry entry, PreProcessing.Text spec, String text) {
    WordPieceTokenizer tokenizer =
        tokenizers.computeIfAbsent(spec.tokenizer(), WordPieceTokenizer::fromResource);
    long[] ids = tokenizer.encode(text, spec.maxLength());
    Shape shape = Shape.of(1, ids.length);
    long[] mask = new long[ids.length];
    Arrays.fill(mask, 1);
    Map<String, Tensor> tensors = new HashMap<>();
    for (TensorSpec in : entry.inputs()) {
      long[] values =
          switch (in.name()) {
            case "input_ids" -> ids;
            case "attention_mask" -> mask;
            case "token_type_ids" -> new long[ids.length];
            default ->
                throw new IllegalStateException(
                    "model "
                        + entry.id()
                        + " has a text input the tokenizer cannot fill: "
                        + in.name());
          };
      tensors.put(in.name(), Tensor.ofLongs(in.name(), shape, values));
    }
    return new PreparedInput(tensors, Optional.empty());
  }

  /**
   * A tensor as the catalog models take it: float32 and int64 as they are, float16 and int8 (an
   * int8 one dequantized with its quantization) widened to float32.
   *
   * @throws InvalidInputException for a uint8 tensor
   */
  static Tensor widened(Tensor t) {
    return switch (t.dtype()) {
      case FLOAT32, INT64 -> t;
      case FLOAT16, INT8 -> t.toFloat32();
      case UINT8 ->
          throw new InvalidInputException(
              "tensor " + t.name() + " is uint8; the catalog models take float32 or int64");
    };
  }

  /**
   * Checks given tensors against the entry's declared inputs: names, types, fixed dimensions.
   * Float16 and int8 tensors are {@linkplain #widened widened} to float32 first.
   */
  private static Map<String, Tensor> checked(CatalogEntry entry, Map<String, Tensor> given) {
    Map<String, Tensor> tensors = new HashMap<>();
    for (Tensor t : given.values()) {
      tensors.put(t.name(), widened(t));
    }
    List<String> expected = entry.inputs().stream().map(TensorSpec::name).toList();
    if (!tensors.keySet().equals(Set.copyOf(expected))) {
      throw new InvalidInputException(
          "model "
              + entry.id()
              + " takes tensors "
              + expected
              + ", got "
              + tensors.keySet().stream().sorted().toList());
    }
    for (TensorSpec spec : entry.inputs()) {
      Tensor t = tensors.get(spec.name());
      if (!t.dtype().wireName().equals(spec.dtype())) {
        throw new InvalidInputException(
            "tensor "
                + spec.name()
                + " of model "
                + entry.id()
                + " must be "
                + spec.dtype()
                + ", got "
                + t.dtype());
      }
      long[] shape = t.shape().dims();
      long[] want = spec.shapeArray();
      boolean ok = shape.length == want.length;
      for (int i = 0; ok && i < shape.length; i++) {
        ok = want[i] < 0 ? shape[i] > 0 : shape[i] == want[i];
      }
      if (!ok) {
        throw new InvalidInputException(
            "tensor "
                + spec.name()
                + " of model "
                + entry.id()
                + " must have shape "
                + spec.shapeText()
                + ", got "
                + Arrays.toString(shape));
      }
    }
    return tensors;
  }
}
