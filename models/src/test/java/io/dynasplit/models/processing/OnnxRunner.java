package io.dynasplit.models.processing;

import ai.onnxruntime.OnnxTensor;
import ai.onnxruntime.OrtEnvironment;
import ai.onnxruntime.OrtException;
import ai.onnxruntime.OrtSession;
import io.dynasplit.models.catalog.ModelCatalog;
import java.util.HashMap;
import java.util.Map;

/** Test helper: runs a catalog model's first output on prepared tensors in ONNX Runtime. */
final class OnnxRunner implements AutoCloseable {

  private final OrtEnvironment env = OrtEnvironment.getEnvironment();
  private final OrtSession session;

  OnnxRunner(ModelCatalog catalog, String id) throws OrtException {
    this.session = env.createSession(catalog.resolve(id).bytes());
  }

  TensorData run(PreparedInput input) throws OrtException {
    Map<String, OnnxTensor> tensors = new HashMap<>();
    try {
      for (var e : input.tensors().entrySet()) {
        tensors.put(e.getKey(), e.getValue().toOnnx(env));
      }
      try (OrtSession.Result result = session.run(tensors)) {
        return TensorData.fromOnnx(result.get(0));
      }
    } finally {
      tensors.values().forEach(OnnxTensor::close);
    }
  }

  @Override
  public void close() throws OrtException {
    session.close();
  }
}
