package io.dynasplit.optimizer;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * How faithful a reply's output is to the reference output (the full fp32 model's, for the same
 * input): top-1 agreement for a classification, cosine similarity otherwise.
 *
 * <p>Outputs are the replies' post-processed JSON ({@code
 * io.dynasplit.models.processing.ModelOutput}): a {@code classification} agrees (1) when its first
 * class has the reference's index, else 0; an {@code embedding} scores the cosine of the two
 * vectors; any other output (text boxes, raw tensors) scores the cosine of its numeric leaves in
 * document order, the shorter padded with zeros (so a missing or extra text box lowers it). Cosines
 * are clamped to [0, 1]; two all-zero outputs score 1.
 */
public final class OutputFidelity {

  private OutputFidelity() {}

  /**
   * The fidelity of one output against its reference, in [0, 1].
   *
   * @throws IllegalArgumentException if the two outputs are of different types, or a classification
   *     names no class
   */
  public static double of(JsonNode output, JsonNode reference) {
    Objects.requireNonNull(output, "output");
    Objects.requireNonNull(reference, "reference");
    String type = output.path("type").asText("");
    String refType = reference.path("type").asText("");
    if (!type.equals(refType)) {
      throw new IllegalArgumentException(
          "output type '" + type + "' differs from the reference's '" + refType + "'");
    }
    return switch (type) {
      case "classification" -> top1(output) == top1(reference) ? 1.0 : 0.0;
      case "embedding" -> cosine(numbers(output.path("vector")), numbers(reference.path("vector")));
      default -> cosine(numbers(output), numbers(reference));
    };
  }

  /**
   * The mean fidelity of outputs against their references, pair by pair.
   *
   * @throws IllegalArgumentException if the lists are empty or differ in length
   */
  public static double mean(List<JsonNode> outputs, List<JsonNode> references) {
    if (outputs.isEmpty() || outputs.size() != references.size()) {
      throw new IllegalArgumentException(
          "outputs and references must be non-empty and as many: "
              + outputs.size()
              + " and "
              + references.size());
    }
    double sum = 0;
    for (int i = 0; i < outputs.size(); i++) {
      sum += of(outputs.get(i), references.get(i));
    }
    return Math.min(1.0, sum / outputs.size());
  }

  private static int top1(JsonNode classification) {
    JsonNode first = classification.path("top").path(0);
    if (!first.has("index")) {
      throw new IllegalArgumentException("classification output names no class: " + classification);
    }
    return first.get("index").asInt();
  }

  private static List<Double> numbers(JsonNode node) {
    List<Double> out = new ArrayList<>();
    collect(node, out);
    return out;
  }

  private static void collect(JsonNode node, List<Double> out) {
    if (node.isNumber()) {
      out.add(node.asDouble());
    } else if (node.isContainerNode()) {
      node.elements().forEachRemaining(child -> collect(child, out));
    }
  }

  /**
   * The cosine of two vectors, the shorter padded with zeros, clamped to [0, 1]; 1 for two zero
   * vectors.
   */
  static double cosine(List<Double> a, List<Double> b) {
    int n = Math.max(a.size(), b.size());
    double dot = 0;
    double na = 0;
    double nb = 0;
    for (int i = 0; i < n; i++) {
      double x = i < a.size() ? a.get(i) : 0;
      double y = i < b.size() ? b.get(i) : 0;
      dot += x * y;
      na += x * x;
      nb += y * y;
    }
    if (na == 0 && nb == 0) {
      return 1.0;
    }
    if (na == 0 || nb == 0) {
      return 0.0;
    }
    return Math.max(0.0, Math.min(1.0, dot / Math.sqrt(na * nb)));
  }
}
