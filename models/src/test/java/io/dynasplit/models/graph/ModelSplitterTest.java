package io.dynasplit.models.graph;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.onnx.proto.OnnxMl.GraphProto;
import ai.onnx.proto.OnnxMl.ModelProto;
import ai.onnx.proto.OnnxMl.NodeProto;
import ai.onnx.proto.OnnxMl.StringStringEntryProto;
import ai.onnx.proto.OnnxMl.TensorProto;
import ai.onnx.proto.OnnxMl.ValueInfoProto;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The splitting rules on tiny graphs built in code, each composed and checked in ONNX Runtime. */
class ModelSplitterTest {

  private static ModelAnalysis analyse(String id, ModelProto proto) {
    return ModelAnalyzer.analyze(OnnxModel.of(id, proto));
  }

  private static List<Integer> indices(List<SplitPoint> points) {
    return points.stream().map(SplitPoint::index).toList();
  }

  private static List<String> names(SplitPoint p) {
    return p.crossing().stream().map(TensorSpec::name).toList();
  }

  private static void assertAllCompose(ModelAnalysis analysis, List<SplitPoint> points) {
    try (SplitVerifier verifier = new SplitVerifier(analysis, 3)) {
      for (SplitPoint p : points) {
        SplitCheck check = verifier.verify(p);
        assertTrue(check.passed(), "split " + p.index() + ": " + check);
      }
    }
  }

  private static ModelProto parse(byte[] bytes) throws Exception {
    return ModelProto.parseFrom(bytes);
  }

  /**
   * Verifies that every position of a chain is a one-tensor candidate and that every cut composes.
   */
  @Test
  void everyPositionOfAChainIsACandidate() {
    ModelAnalysis a = analyse("chain", TestGraphs.chain());

    List<SplitPoint> candidates = a.candidates(1);

    assertEquals(List.of(0, 1, 2, 3), indices(candidates));
    assertEquals(List.of("x"), names(candidates.get(0)));
    assertEquals(List.of("a"), names(candidates.get(1)));
    assertEquals(List.of("y"), names(candidates.get(3)));
    assertEquals(16, candidates.get(1).crossingBytes());
    assertAllCompose(a, candidates);
  }

  /**
   * Verifies that a cut inside a skip connection carries two tensors and is a candidate only from
   * k=2.
   */
  @Test
  void aSkipConnectionNeedsTwoTensors() {
    ModelAnalysis a = analyse("residual", TestGraphs.residual());

    assertEquals(List.of(0, 1, 3, 4), indices(a.candidates(1)));
    assertEquals(List.of(0, 1, 2, 3, 4), indices(a.candidates(2)));
    assertEquals(List.of("a", "b"), names(a.splitPoint(2)));
    assertAllCompose(a, a.candidates(2));
  }

  /** Verifies that a graph input the tail reads crosses the split, so the tail gets it. */
  @Test
  void aGraphInputReadAfterTheCutCrosses() {
    ModelAnalysis a = analyse("late", TestGraphs.lateInput());

    assertEquals(List.of("x", "m"), names(a.splitPoint(0)));
    assertEquals(List.of("m", "a"), names(a.splitPoint(1)));
    assertEquals(List.of("m", "b"), names(a.splitPoint(2)));
    assertEquals(List.of(0, 3), indices(a.candidates(1)));
    assertAllCompose(a, a.candidates(2));
  }

  /** Verifies that no candidate under k gives NO_CANDIDATE naming the limit. */
  @Test
  void noCandidateUnderKIsAnError() {
    ModelAnalysis a = analyse("late", TestGraphs.lateInput());

    ModelGraphException e = assertThrows(ModelGraphException.class, () -> a.requireCandidates(1));

    assertEquals(ModelGraphException.Reason.NO_CANDIDATE, e.reason());
    assertTrue(e.getMessage().contains("at most 1 crossing"), e.getMessage());
    assertEquals(4, a.requireCandidates(2).size());
  }

  /** Verifies that a graph output made by the head crosses and comes out of the tail unchanged. */
  @Test
  void aGraphOutputMadeByTheHeadPassesThroughTheTail() throws Exception {
    ModelAnalysis a = analyse("early", TestGraphs.earlyOutput());

    assertEquals(List.of("a"), names(a.splitPoint(1)));
    assertEquals(List.of("a", "y"), names(a.splitPoint(2)));
    ModelProto tail = parse(ModelSplitter.split(a, 1).tail());
    assertEquals(
        List.of("a", "y"),
        tail.getGraph().getOutputList().stream().map(ValueInfoProto::getName).toList());
    assertAllCompose(a, a.candidates(2));
  }

  /**
   * Verifies that constants never cross: each side gets its own copy of the constant nodes it
   * reads.
   */
  @Test
  void constantsAreCopiedToTheSidesThatReadThem() throws Exception {
    ModelAnalysis a = analyse("constants", TestGraphs.constants());

    assertEquals(3, a.nodeCount());
    assertEquals(List.of(0, 1, 2, 3), indices(a.candidates(1)));
    SplitModels pair = ModelSplitter.split(a, 1);
    List<String> headOps =
        parse(pair.head()).getGraph().getNodeList().stream().map(NodeProto::getOpType).toList();
    List<String> tailOps =
        parse(pair.tail()).getGraph().getNodeList().stream().map(NodeProto::getOpType).toList();
    assertEquals(List.of("Constant", "Mul"), headOps);
    assertEquals(List.of("Constant", "Neg", "Relu", "Add"), tailOps);
    assertAllCompose(a, a.candidates(1));
  }

  /** Verifies that outer-scope tensors read inside an If's branches count as read by the If. */
  @Test
  void subgraphOuterScopeReadsKeepTensorsLive() throws Exception {
    ModelAnalysis a = analyse("if", TestGraphs.ifWithOuterScope());

    assertEquals(List.of("x", "flag"), names(a.splitPoint(0)));
    assertEquals(List.of("flag", "a", "b"), names(a.splitPoint(2)));
    assertEquals(List.of(0, 3, 4), indices(a.candidates(1)));
    ModelProto tail = parse(ModelSplitter.split(a, 2).tail());
    assertEquals("If", tail.getGraph().getNode(0).getOpType());
    assertAllCompose(a, a.candidates(3));
  }

  /** Verifies that a graph listed out of order is sorted before it is split. */
  @Test
  void anUnsortedGraphIsOrderedTopologically() throws Exception {
    ModelAnalysis a = analyse("unsorted", TestGraphs.unsortedChain());

    assertEquals(List.of("a"), names(a.splitPoint(1)));
    ModelProto head = parse(ModelSplitter.split(a, 2).head());
    assertEquals(
        List.of("Relu", "Add"),
        head.getGraph().getNodeList().stream().map(NodeProto::getOpType).toList());
    assertAllCompose(a, a.candidates(1));
  }

  /** Verifies that initializers go only to the sides that read them. */
  @Test
  void initializersGoToTheSidesThatReadThem() throws Exception {
    ModelAnalysis a = analyse("chain", TestGraphs.chain());

    SplitModels afterRelu = ModelSplitter.split(a, 1);
    SplitModels afterAdd = ModelSplitter.split(a, 2);

    assertEquals(0, parse(afterRelu.head()).getGraph().getInitializerCount());
    assertEquals(
        List.of("W"),
        parse(afterRelu.tail()).getGraph().getInitializerList().stream()
            .map(TensorProto::getName)
            .toList());
    assertEquals(1, parse(afterAdd.head()).getGraph().getInitializerCount());
    assertEquals(0, parse(afterAdd.tail()).getGraph().getInitializerCount());
  }

  /**
   * Verifies that IR version, opsets, producer, metadata and node names survive the cut, with the
   * split recorded.
   */
  @Test
  void headAndTailKeepTheModelsIdentity() throws Exception {
    ModelProto original = TestGraphs.chain();
    SplitModels pair = ModelSplitter.split(analyse("chain", original), 2);

    for (byte[] part : List.of(pair.head(), pair.tail())) {
      ModelProto m = parse(part);
      assertEquals(original.getIrVersion(), m.getIrVersion());
      assertEquals(original.getOpsetImportList(), m.getOpsetImportList());
      assertEquals(original.getProducerName(), m.getProducerName());
      assertEquals("chain", m.getGraph().getName());
      Map<String, String> meta =
          m.getMetadataPropsList().stream()
              .collect(
                  Collectors.toMap(
                      StringStringEntryProto::getKey, StringStringEntryProto::getValue));
      assertEquals("tests", meta.get("author"));
      assertEquals("2", meta.get("dynasplit.split"));
      assertEquals("chain", meta.get("dynasplit.model"));
    }
    GraphProto head = parse(pair.head()).getGraph();
    assertEquals(
        List.of("Relu_a", "Add_b"), head.getNodeList().stream().map(NodeProto::getName).toList());
    assertEquals(List.of("x"), head.getInputList().stream().map(ValueInfoProto::getName).toList());
    assertEquals(List.of("b"), head.getOutputList().stream().map(ValueInfoProto::getName).toList());
  }

  /** Verifies that the manifest names the crossing tensors, hashes both files and survives JSON. */
  @Test
  void theManifestDescribesThePair(@TempDir Path dir) throws Exception {
    SplitModels pair = ModelSplitter.split(analyse("chain", TestGraphs.chain()), 1);
    SplitManifest m = pair.manifest();

    pair.writeTo(dir);

    assertEquals("chain", m.modelId());
    assertEquals(1, m.splitIndex());
    assertEquals(3, m.nodeCount());
    assertEquals(
        List.of(new SplitManifest.Tensor("a", "float32", List.of(1L, 4L), 16)), m.crossing());
    assertEquals(
        ModelSplitter.sha256(Files.readAllBytes(dir.resolve("head.onnx"))), m.headSha256());
    assertEquals(
        ModelSplitter.sha256(Files.readAllBytes(dir.resolve("tail.onnx"))), m.tailSha256());
    assertEquals(m, SplitManifest.fromJson(Files.readString(dir.resolve("manifest.json"))));
    assertFalse(m.headSha256().equals(m.tailSha256()));
  }

  /** Verifies that split indices outside 0..nodeCount are refused with UNKNOWN_SPLIT. */
  @Test
  void anUnknownSplitIndexIsRefused() {
    ModelAnalysis a = analyse("chain", TestGraphs.chain());

    for (int bad : new int[] {-1, 4, 1000}) {
      ModelGraphException e =
          assertThrows(ModelGraphException.class, () -> ModelSplitter.split(a, bad));
      assertEquals(ModelGraphException.Reason.UNKNOWN_SPLIT, e.reason());
      assertTrue(e.getMessage().contains("no split " + bad), e.getMessage());
    }
  }

  /**
   * Verifies that the compute fraction grows along the order from 0 to 1, with matrix products
   * weighing most.
   */
  @Test
  void computeFractionFollowsTheOrder() {
    ModelAnalysis a = analyse("chain", TestGraphs.chain());

    assertEquals(0.0, a.computeFraction(0));
    assertEquals(1.0, a.computeFraction(3));
    assertTrue(a.computeFraction(1) > 0 && a.computeFraction(1) < a.computeFraction(2));
  }
}
