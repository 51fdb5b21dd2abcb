package io.dynasplit.models.zoo;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.onnx.proto.OnnxMl.ModelProto;
import ai.onnx.proto.OnnxMl.StringStringEntryProto;
import ai.onnxruntime.OnnxTensor;
import ai.onnxruntime.OrtEnvironment;
import ai.onnxruntime.OrtException;
import ai.onnxruntime.OrtSession;
import java.nio.FloatBuffer;
import java.util.Arrays;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class ReferenceModelsTest {

  /**
   * Verifies that each generated architecture's parameter count is within 1% of the published one,
   * without filling weights.
   */
  @ParameterizedTest
  @ValueSource(strings = {"tiny-cnn", "mobilenetv2", "resnet50", "vgg16", "vit-b16"})
  void parameterCountMatchesThePublishedArchitecture(String id) {
    ReferenceModel model = ReferenceModels.get(id);

    long count = model.plan().parameterCount();

    double error =
        Math.abs(count - model.publishedParameters()) / (double) model.publishedParameters();
    assertTrue(
        error <= 0.01,
        id + ": " + count + " parameters vs published " + model.publishedParameters());
  }

  /** Verifies that the same seed gives byte-identical models and another seed other weights. */
  @Test
  void seedDeterminesTheWeights() {
    ReferenceModel tiny = ReferenceModels.get("tiny-cnn");

    byte[] a = new ModelGenerator(1).toBytes(tiny);
    byte[] b = new ModelGenerator(1).toBytes(tiny);
    byte[] c = new ModelGenerator(2).toBytes(tiny);

    assertArrayEquals(a, b);
    assertFalse(Arrays.equals(a, c));
  }

  /**
   * Verifies that ONNX Runtime runs the generated model on a seeded random input, giving finite
   * logits, and that the metadata says synthetic.
   */
  @ParameterizedTest
  @ValueSource(strings = {"tiny-cnn", "mobilenetv2", "resnet50"})
  void onnxRuntimeRunsTheGeneratedModel(String id) throws OrtException {
    ReferenceModel model = ReferenceModels.get(id);
    ModelProto proto = new ModelGenerator(7).generate(model, n -> {});
    Map<String, String> meta =
        proto.getMetadataPropsList().stream()
            .collect(
                Collectors.toMap(StringStringEntryProto::getKey, StringStringEntryProto::getValue));
    assertEquals("true", meta.get(ModelGenerator.SYNTHETIC_KEY));
    assertTrue(meta.get(ModelGenerator.WEIGHTS_KEY).startsWith("synthetic"));

    long[] shape = model.inputShape();
    int n = (int) (shape[0] * shape[1] * shape[2] * shape[3]);
    float[] input = new float[n];
    SplittableRandom random = new SplittableRandom(11);
    for (int i = 0; i < n; i++) {
      input[i] = (float) random.nextGaussian();
    }
    OrtEnvironment env = OrtEnvironment.getEnvironment();
    try (OrtSession session = env.createSession(proto.toByteArray());
        OnnxTensor x = OnnxTensor.createTensor(env, FloatBuffer.wrap(input), shape);
        OrtSession.Result result = session.run(Map.of("input", x))) {
      float[][] logits = (float[][]) result.get(0).getValue();
      assertEquals(1, logits.length);
      long classes = model.plan().outputs().get(0).shape()[1];
      assertEquals(classes, logits[0].length);
      double max = 0;
      for (float v : logits[0]) {
        assertTrue(Float.isFinite(v), id + " gave " + v);
        max = Math.max(max, Math.abs(v));
      }
      assertTrue(max > 1e-3 && max < 1e3, id + ": logits of magnitude " + max);
    }
  }
}
