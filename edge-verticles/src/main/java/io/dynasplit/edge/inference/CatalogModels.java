package io.dynasplit.edge.inference;

import com.fasterxml.jackson.databind.JsonNode;
import io.dynasplit.models.catalog.CatalogEntry;
import io.dynasplit.models.processing.InvalidInputException;
import io.dynasplit.models.processing.ModelInput;
import io.dynasplit.models.processing.ModelOutput;
import io.dynasplit.models.processing.Postprocessor;
import io.dynasplit.models.processing.PreparedInput;
import io.dynasplit.models.processing.Preprocessor;
import io.dynasplit.models.runtime.PartSource;
import io.dynasplit.models.runtime.SplitParts;
import io.dynasplit.schemas.Json;
import io.dynasplit.schemas.RequestInput;
import io.dynasplit.schemas.Tensor;
import java.nio.ByteBuffer;
import java.util.ArrayList;
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
      in =
          ModelInput.Tensors.of(
              Tensor.of(
                  entry.input().name(), input.dtype(), input.shape(), ByteBuffer.wrap(bytes)));
    }
    return prepared(entry, in);
  }

  @Override
  public Prepared prepareTensors(String model, List<Tensor> tensors) {
    CatalogEntry entry = entry(model);
    return prepared(entry, ModelInput.Tensors.of(tensors.toArray(Tensor[]::new)));
  }

  @Override
  public JsonNode finish(String model, List<Tensor> outputs, Object context) {
    CatalogEntry entry = entry(model);
    if (outputs.isEmpty()) {
      throw new IllegalStateException("model " + model + " gave no outputs");
    }
    PreparedInput input =
        context instanceof PreparedInput p ? p : new PreparedInput(Map.of(), Optional.empty());
    ModelOutput out = postprocessor.process(entry, input, outputs.get(0));
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
      Tensor t = p.tensors().get(spec.name());
      if (t == null) {
        throw new IllegalArgumentException(
            "model "
                + entry.id()
                + " needs input "
                + spec.name()
                + "; given "
                + p.tensors().keySet());
      }
      inputs.add(t);
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
}
