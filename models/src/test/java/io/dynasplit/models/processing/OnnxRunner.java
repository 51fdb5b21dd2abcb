package io.dynasplit.models.processing;

import io.dynasplit.models.catalog.ModelCatalog;
import io.dynasplit.models.runtime.ModelSession;
import io.dynasplit.models.runtime.SessionKey;
import io.dynasplit.schemas.Tensor;
import java.util.List;

/** Test helper: runs a catalog model's first output on prepared tensors in ONNX Runtime. */
final class OnnxRunner implements AutoCloseable {

  private final ModelSession session;

  OnnxRunner(ModelCatalog catalog, String id) {
    this.session = ModelSession.load(SessionKey.full(id), catalog.resolve(id).bytes());
  }

  Tensor run(PreparedInput input) {
    return session.run(List.copyOf(input.tensors().values())).get(0);
  }

  @Override
  public void close() {
    session.close();
  }
}
