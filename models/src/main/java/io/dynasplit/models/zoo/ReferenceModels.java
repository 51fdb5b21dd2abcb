package io.dynasplit.models.zoo;

import java.util.List;
import java.util.stream.Collectors;

/** The reference architectures the project generates, by catalog id. */
public final class ReferenceModels {

  private static final List<ReferenceModel> ALL =
      List.of(new TinyCnn(), new MobileNetV2(), new ResNet50(), new Vgg16(), new VitB16());

  private ReferenceModels() {}

  /** Every reference model, smallest first. */
  public static List<ReferenceModel> all() {
    return ALL;
  }

  /** The ids, in order. */
  public static List<String> ids() {
    return ALL.stream().map(ReferenceModel::id).toList();
  }

  /**
   * The reference model with this id.
   *
   * @throws IllegalArgumentException naming the known ids when there is none
   */
  public static ReferenceModel get(String id) {
    return ALL.stream()
        .filter(m -> m.id().equals(id))
        .findFirst()
        .orElseThrow(
            () ->
                new IllegalArgumentException(
                    "no generated model '"
                        + id
                        + "'; known: "
                        + ALL.stream().map(ReferenceModel::id).collect(Collectors.joining(", "))));
  }
}
