package io.dynasplit.models.graph;

import io.dynasplit.models.catalog.ModelCatalog;
import java.nio.file.Path;

/** The real pretrained models of the catalog, read from their jars through the catalog. */
final class RealModels {

  private RealModels() {}

  static byte[] bytes(String id) {
    return ModelCatalog.builtIn(Path.of("target", "no-generated-models")).resolve(id).bytes();
  }

  static OnnxModel model(String id) {
    return OnnxModel.fromBytes(id, bytes(id));
  }
}
