package io.dynasplit.models.graph;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.onnxruntime.OrtSession.SessionOptions.OptLevel;
import io.dynasplit.models.zoo.ModelGenerator;
import io.dynasplit.models.zoo.ReferenceModels;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * {@code dynasplit split --verify} semantics on real models: every candidate split of the
 * pretrained PP-OCR and MiniLM models and of the generated reference architectures composes to the
 * full model within 1e-5 on a seeded random input.
 */
class RealModelSplitTest {

  private static final long SEED = 42;

  private static List<SplitCheck> verifyAll(ModelAnalysis analysis, int maxTensors) {
    List<SplitPoint> candidates = analysis.requireCandidates(maxTensors);
    try (SplitVerifier verifier = new SplitVerifier(analysis, SEED)) {
      return verifier.verifyAll(candidates);
    }
  }

  private static void assertAllPass(List<SplitCheck> checks) {
    List<String> failed = new ArrayList<>();
    for (SplitCheck c : checks) {
      if (!c.passed()) {
        failed.add(c.point().index() + ": " + c.error().orElse("max |diff| " + c.maxAbsDiff()));
      }
    }
    assertTrue(failed.isEmpty(), "splits that do not compose: " + failed);
  }

  /**
   * Verifies that every one-tensor split of the PP-OCR text direction classifier composes within
   * 1e-5.
   */
  @Test
  void everySplitOfThePpOcrClassifierComposes() {
    ModelAnalysis analysis =
        ModelAnalyzer.analyze(
            RealModels.model("ppocr-cls"), InputShapes.parse(List.of("x=1x3x48x192")));

    List<SplitCheck> checks = verifyAll(analysis, 1);

    assertTrue(checks.size() > 10, "candidates: " + checks.size());
    assertAllPass(checks);
  }

  /**
   * Verifies that every one-tensor split of the PP-OCRv3 text detector composes within 1e-5 at
   * 320x320.
   */
  @Test
  void everySplitOfThePpOcrDetectorComposes() {
    ModelAnalysis analysis =
        ModelAnalyzer.analyze(
            RealModels.model("ppocr-det"), InputShapes.parse(List.of("x=1x3x320x320")));

    List<SplitCheck> checks = verifyAll(analysis, 1);

    assertTrue(checks.size() > 10, "candidates: " + checks.size());
    assertEquals(List.of(1L, 1L, 320L, 320L), analysis.outputs().get(0).shape());
    assertAllPass(checks);
  }

  /**
   * Verifies that the detector's splits also compose within 1e-5 with all ONNX Runtime graph
   * optimizations, as a data plane runs them.
   */
  @Test
  void detectorSplitsComposeWithAllOptimizations() {
    ModelAnalysis analysis = ModelAnalyzer.analyze(RealModels.model("ppocr-det"));

    try (SplitVerifier verifier = new SplitVerifier(analysis, SEED, OptLevel.ALL_OPT)) {
      assertAllPass(verifier.verifyAll(analysis.requireCandidates(1)));
    }
  }

  /**
   * Verifies that head and tail cut from an analysis at 64x64 run the detector at another size:
   * crossing shapes stay dynamic.
   */
  @Test
  void aDetectorCutAtOneSizeRunsAtAnother() {
    OnnxModel det = RealModels.model("ppocr-det");
    ModelAnalysis small = ModelAnalyzer.analyze(det);
    SplitPoint middle =
        small.candidates(1).stream()
            .min(Comparator.comparingDouble(p -> Math.abs(p.computeFraction() - 0.5)))
            .orElseThrow();
    SplitModels pair = ModelSplitter.split(small, middle.index());

    ModelAnalysis other = ModelAnalyzer.analyze(det, InputShapes.parse(List.of("x=1x3x96x160")));
    try (SplitVerifier verifier = new SplitVerifier(other, SEED)) {
      SplitCheck check = verifier.verify(other.splitPoint(middle.index()), pair);

      assertTrue(check.passed(), check.toString());
    }
    assertEquals(List.of(1L, 3L, 64L, 64L), small.inputs().get(0).shape());
  }

  /**
   * Verifies that every two-tensor split of the MiniLM transformer composes within 1e-5, and that
   * the splits between its layers carry the hidden state and the attention mask.
   */
  @Test
  void everyTwoTensorSplitOfMiniLmComposes() {
    ModelAnalysis analysis =
        ModelAnalyzer.analyze(
            RealModels.model("minilm-l6"), InputShapes.defaults().withDefaultDim(8));

    List<SplitCheck> checks = verifyAll(analysis, 2);

    long betweenLayers =
        checks.stream()
            .map(SplitCheck::point)
            .filter(p -> p.crossing().size() == 2)
            .filter(
                p -> p.crossing().stream().anyMatch(t -> t.shape().equals(List.of(1L, 8L, 384L))))
            .filter(
                p -> p.crossing().stream().anyMatch(t -> t.shape().equals(List.of(1L, 1L, 1L, 8L))))
            .count();
    assertTrue(betweenLayers >= 6, "splits carrying hidden state and mask: " + betweenLayers);
    assertEquals(
        List.of("input_ids", "attention_mask", "token_type_ids"),
        checks.get(0).point().crossing().stream().map(TensorSpec::name).toList());
    assertAllPass(checks);
  }

  /**
   * Verifies that every one-tensor split of the generated reference CNNs (synthetic weights)
   * composes within 1e-5.
   */
  @ParameterizedTest
  @ValueSource(strings = {"tiny-cnn", "mobilenetv2", "resnet50"})
  void everySplitOfAGeneratedCnnComposes(String id) {
    OnnxModel model =
        OnnxModel.of(
            id,
            new ModelGenerator(ModelGenerator.DEFAULT_SEED)
                .generate(ReferenceModels.get(id), n -> {}));
    ModelAnalysis analysis = ModelAnalyzer.analyze(model);

    List<SplitCheck> checks = verifyAll(analysis, 1);

    assertTrue(checks.size() > 2, id + " candidates: " + checks.size());
    assertAllPass(checks);
  }
}
