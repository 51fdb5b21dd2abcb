package io.dynasplit.edge.inference;

import com.fasterxml.jackson.databind.JsonNode;
import io.dynasplit.models.catalog.CatalogEntry;
import io.dynasplit.models.processing.InvalidInputException;
import io.dynasplit.models.processing.ModelInput;
import io.dynasplit.models.processing.ModelOutput;
import io.dynasplit.models.processing.Postprocessor;
import io.dynasplit.models.processing.PreparedInput;
import io.dynasplit.models.processing.Preprocessor;
import io.dynasplit.models.processing.TensorData;
import io.dynasplit.models.runtime.PartSource;
import io.dynasplit.models.runtime.SplitParts;
import io.dynasplit.schemas.Json;
import io.dynasplit.schemas.RequestInput;
import io.dynasplit.schemas.Shape;
import io.dynasplit.schemas.Tensor;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * The catalog models an edge serves: pre- and post-processing from the catalog's processing
 * classes, split candidates and parts from {@link SplitParts}.
 *
 * <p>A request's input becomes the model's inputs as the catalog entry says (an image is decoded,
 * resized and normalized; a tensor is checked against the entry's input); outputs become the
 * entry's output (top-k classes, text boxes, an embedding) as JSON.
 */
public final class CatalogModels implements ServedModels {

  private final SplitParts parts;
  private final List<String> ids;
  private final Preprocessor preprocessor = new Preprocessor();
  private final Postprocessor postprocessor = new Postprocessor();

  /**
   * The given models of a catalog.
   *
   * @param ids the catalog ids to serve
   * @throws IllegalArgumentException when an id is not in the catalog
   */
  public CatalogModels(SplitParts parts, List<String> ids) {
    this.parts = Objects.requireNonNull(parts, "parts");
    for (String id : ids) {
      if (parts.catalog().find(id).isEmpty()) {
        throw new IllegalArgumentException(
            "model " + id + " is not in the catalog; known: " + parts.catalog().ids());
      }
    }
    this.ids = List.copyOf(ids);
  }

  /** Every catalog model whose bytes are present now (no generated model missing its file). */
  public static CatalogModels present(SplitParts parts) {
    return new CatalogModels(
        parts, parts.catalog().present().stream().map(CatalogEntry::id).toList());
  }

  @Override
  public List<String> ids() {
    return ids;
  }

  @Override
  public List<Integer> candidates(String model) {
    return parts.candidates(model);
  }

  @Override
  public int allEdgeSplit(String model) {
    return parts.allEdgeSplit(model);
  }

  @Override
  public PartSource parts() {
    return parts;
  }

  @Override
  public Prepared prepare(String model, RequestInput input) {
    CatalogEntry entry = entry(model);
    ModelInput in;
    if (input.encoding().isImage()) {
      in = new ModelInput.Image(input.decodeData());
    } else {
      byte[] bytes = input.decodeData();
      Tensor t =
          Tensor.of(entry.input().name(), input.dtype(), input.shape(), ByteBuffer.wrap(bytes));
      in = new ModelInput.Tensors(Map.of(t.name(), toTensorData(t)));
    }
    return prepared(entry, in);
  }

  @Override
  public Prepared prepareTensors(String model, List<Tensor> tensors) {
    CatalogEntry entry = entry(model);
    Map<String, TensorData> data = new LinkedHashMap<>();
    for (Tensor t : tensors) {
      if (data.put(t.name(), toTensorData(t)) != null) {
        throw new IllegalArgumentException("tensor " + t.name() + " given twice");
      }
    }
    return prepared(entry, new ModelInput.Tensors(data));
  }

  @Override
  public JsonNode finish(String model, List<Tensor> outputs, Object context) {
    CatalogEntry entry = entry(model);
    if (outputs.isEmpty()) {
      throw new IllegalStateException("model " + model + " gave no outputs");
    }
    PreparedInput input =
        context instanceof PreparedInput p ? p : new PreparedInput(Map.of(), Optional.empty());
    ModelOutput out = postprocessor.process(entry, input, toTensorData(outputs.get(0)));
    return Json.mapper().valueToTree(out);
  }

  private Prepared prepared(CatalogEntry entry, ModelInput in) {
    PreparedInput p;
    try {
      p = preprocessor.prepare(entry, in);
    } catch (InvalidInputException e) {
      throw new IllegalArgumentException(e.getMessage(), e);
    }
    List<Tensor> inputs = new ArrayList<>();
    for (var spec : entry.inputs()) {
      TensorData d = p.tensors().get(spec.name());
      if (d == null) {
        throw new IllegalArgumentException(
            "model "
                + entry.id()
                + " needs input "
                + spec.name()
                + "; given "
                + p.tensors().keySet());
      }
      inputs.add(toTensor(spec.name(), d));
    }
    return new Prepared(inputs, p);
  }

  private CatalogEntry entry(String model) {
    return parts
        .catalog()
        .find(model)
        .filter(e -> ids.contains(e.id()))
        .orElseThrow(
            () ->
                new IllegalArgumentException("model " + model + " is not served; served: " + ids));
  }

  /**
   * A wire tensor as the catalog's float32 or int64 data (float16 and int8 are widened to float32).
   */
  static TensorData toTensorData(Tensor t) {
    return switch (t.dtype()) {
      case FLOAT32, FLOAT16, INT8 -> new TensorData.Float32(t.shape().dims(), t.toFloatArray());
      case INT64 -> {
        long[] v = new long[Math.toIntExact(t.elements())];
        t.asLongBuffer().get(v);
        yield new TensorData.Int64(t.shape().dims(), v);
      }
      case UINT8 ->
          throw new IllegalArgumentException(
              "tensor " + t.name() + " is uint8; the catalog models take " + "float32 or int64");
    };
  }

  /** The catalog's data as a wire tensor (copied into a direct buffer). */
  static Tensor toTensor(String name, TensorData d) {
    return switch (d) {
      case TensorData.Float32 f -> Tensor.ofFloats(name, new Shape(f.shape()), f.values());
      case TensorData.Int64 l -> Tensor.ofLongs(name, new Shape(l.shape()), l.values());
    };
  }
}
