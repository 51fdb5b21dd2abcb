package io.dynasplit.app.command;

import static io.dynasplit.app.command.CliRun.run;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.onnx.proto.OnnxMl.GraphProto;
import ai.onnx.proto.OnnxMl.ModelProto;
import ai.onnx.proto.OnnxMl.NodeProto;
import ai.onnx.proto.OnnxMl.OperatorSetIdProto;
import ai.onnx.proto.OnnxMl.TensorProto;
import ai.onnx.proto.OnnxMl.TensorShapeProto;
import ai.onnx.proto.OnnxMl.TypeProto;
import ai.onnx.proto.OnnxMl.ValueInfoProto;
import io.dynasplit.models.catalog.ModelCatalog;
import io.dynasplit.models.graph.ModelAnalysis;
import io.dynasplit.models.graph.ModelAnalyzer;
import io.dynasplit.models.graph.ModelSplitter;
import io.dynasplit.models.graph.OnnxModel;
import io.dynasplit.models.graph.SplitManifest;
import io.dynasplit.models.graph.SplitPoint;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code dynasplit split} end to end: tables, files written, exit codes and error messages. */
class SplitCommandTest {

  private static byte[] tinyCnn() {
    return ModelCatalog.builtIn(Path.of("target", "no-generated-models"))
        .resolve("tiny-cnn")
        .bytes();
  }

  /** Verifies that --list prints one row per candidate, from all cloud (0) to all edge. */
  @Test
  void listPrintsTheCandidates() {
    CliRun r = run("split", "tiny-cnn", "--list");

    assertEquals(0, r.exit(), r.err());
    ModelAnalysis analysis = ModelAnalyzer.analyze(OnnxModel.fromBytes("tiny-cnn", tinyCnn()));
    List<SplitPoint> candidates = analysis.candidates(1);
    List<String> rows = r.lines().stream().filter(l -> l.matches("\\s+\\d+\\s+.*")).toList();
    assertEquals(candidates.size(), rows.size(), r.out());
    assertTrue(rows.get(0).trim().startsWith("0 "), rows.get(0));
    assertTrue(rows.get(rows.size() - 1).trim().startsWith(analysis.nodeCount() + " "), r.out());
    assertTrue(r.out().contains("input float32[1x3x32x32]"), r.out());
  }

  /**
   * Verifies that --at N --out DIR writes head, tail and a manifest whose hashes match the files.
   */
  @Test
  void atWritesHeadTailAndManifest(@TempDir Path dir) throws Exception {
    ModelAnalysis analysis = ModelAnalyzer.analyze(OnnxModel.fromBytes("tiny-cnn", tinyCnn()));
    int middle = analysis.candidates(1).get(analysis.candidates(1).size() / 2).index();

    CliRun r = run("split", "tiny-cnn", "--at", Integer.toString(middle), "--out", dir.toString());

    assertEquals(0, r.exit(), r.err());
    SplitManifest m = SplitManifest.fromJson(Files.readString(dir.resolve("manifest.json")));
    assertEquals("tiny-cnn", m.modelId());
    assertEquals(middle, m.splitIndex());
    assertEquals(
        ModelSplitter.sha256(Files.readAllBytes(dir.resolve("head.onnx"))), m.headSha256());
    assertEquals(
        ModelSplitter.sha256(Files.readAllBytes(dir.resolve("tail.onnx"))), m.tailSha256());
    assertEquals(1, m.crossing().size());
  }

  /** Verifies that --verify checks every candidate and ends with "verified N of N splits". */
  @Test
  void verifyEndsWithTheCount() {
    CliRun r = run("split", "tiny-cnn", "--verify");

    assertEquals(0, r.exit(), r.err());
    int n = ModelAnalyzer.analyze(OnnxModel.fromBytes("tiny-cnn", tinyCnn())).candidates(1).size();
    List<String> lines = r.lines();
    assertEquals("verified " + n + " of " + n + " splits", lines.get(lines.size() - 1));
    assertEquals(n, lines.stream().filter(l -> l.endsWith("  ok")).count(), r.out());
  }

  /** Verifies that a model file path works as MODEL, with its file name as id. */
  @Test
  void aFilePathWorksAsModel(@TempDir Path dir) throws Exception {
    Path file = dir.resolve("late.onnx");
    Files.write(file, lateInputModel().toByteArray());

    CliRun r = run("split", file.toString(), "--list", "--max-tensors", "2");

    assertEquals(0, r.exit(), r.err());
    assertTrue(r.out().startsWith("model late: 3 compute nodes, 4 candidate splits"), r.out());
    assertTrue(r.out().contains("m float32[1x4], a float32[1x4]"), r.out());
  }

  /** Verifies that a file that is not ONNX fails with exit 1 and says so. */
  @Test
  void aFileThatIsNotOnnxFails(@TempDir Path dir) throws Exception {
    Path file = dir.resolve("notes.onnx");
    Files.writeString(file, "these are my notes, not a model\n", StandardCharsets.UTF_8);

    CliRun r = run("split", file.toString(), "--list");

    assertEquals(1, r.exit());
    assertTrue(r.err().contains("dynasplit split: model 'notes' is not an ONNX model"), r.err());
  }

  /** Verifies that a truncated model file fails with exit 1 and says it is truncated. */
  @Test
  void aTruncatedFileFails(@TempDir Path dir) throws Exception {
    byte[] bytes = tinyCnn();
    Path file = dir.resolve("cut.onnx");
    Files.write(file, Arrays.copyOf(bytes, bytes.length / 2));

    CliRun r = run("split", file.toString(), "--verify");

    assertEquals(1, r.exit());
    assertTrue(r.err().contains("dynasplit split: model 'cut' is truncated"), r.err());
  }

  /**
   * Verifies that split indices out of range or not candidates fail with exit 1, naming the index.
   */
  @Test
  void anUnknownSplitIndexFails(@TempDir Path dir) throws Exception {
    Path file = dir.resolve("late.onnx");
    Files.write(file, lateInputModel().toByteArray());

    CliRun outOfRange =
        run("split", file.toString(), "--at", "99", "--out", dir.resolve("a").toString());
    CliRun notCandidate =
        run("split", file.toString(), "--at", "1", "--out", dir.resolve("b").toString());

    assertEquals(1, outOfRange.exit());
    assertTrue(
        outOfRange.err().contains("has no split 99: split indices run from 0 to 3"),
        outOfRange.err());
    assertEquals(1, notCandidate.exit());
    assertTrue(
        notCandidate.err().contains("split 1 of model 'late' is not a candidate with at most 1"),
        notCandidate.err());
    assertTrue(Files.notExists(dir.resolve("b")));
  }

  /** Verifies that a model with no split point under k fails with exit 1, naming the limit. */
  @Test
  void noCandidateUnderKFails(@TempDir Path dir) throws Exception {
    Path file = dir.resolve("late.onnx");
    Files.write(file, lateInputModel().toByteArray());

    CliRun r = run("split", file.toString(), "--verify", "--max-tensors", "1");

    assertEquals(1, r.exit());
    assertTrue(r.err().contains("no split point with at most 1 crossing tensor(s)"), r.err());
  }

  /**
   * Verifies that an unknown catalog id and a missing --out fail with clear messages and non-zero
   * exits.
   */
  @Test
  void badArgumentsFail() {
    CliRun unknown = run("split", "no-such-model", "--list");
    CliRun noOut = run("split", "tiny-cnn", "--at", "1");
    CliRun twoActions = run("split", "tiny-cnn", "--list", "--verify");

    assertEquals(1, unknown.exit());
    assertTrue(unknown.err().contains("unknown model 'no-such-model'"), unknown.err());
    assertEquals(2, noOut.exit());
    assertTrue(noOut.err().contains("--at needs --out DIR"), noOut.err());
    assertEquals(2, twoActions.exit());
  }

  /** Inputs x and m; m is read only by the last node, so every inner cut carries two tensors. */
  private static ModelProto lateInputModel() {
    return ModelProto.newBuilder()
        .setIrVersion(8)
        .addOpsetImport(OperatorSetIdProto.newBuilder().setVersion(17))
        .setGraph(
            GraphProto.newBuilder()
                .setName("late")
                .addInput(floats("x"))
                .addInput(floats("m"))
                .addNode(NodeProto.newBuilder().setOpType("Relu").addInput("x").addOutput("a"))
                .addNode(NodeProto.newBuilder().setOpType("Sigmoid").addInput("a").addOutput("b"))
                .addNode(
                    NodeProto.newBuilder()
                        .setOpType("Mul")
                        .addInput("b")
                        .addInput("m")
                        .addOutput("y"))
                .addOutput(floats("y")))
        .build();
  }

  private static ValueInfoProto floats(String name) {
    return ValueInfoProto.newBuilder()
        .setName(name)
        .setType(
            TypeProto.newBuilder()
                .setTensorType(
                    TypeProto.Tensor.newBuilder()
                        .setElemType(TensorProto.DataType.FLOAT_VALUE)
                        .setShape(
                            TensorShapeProto.newBuilder()
                                .addDim(TensorShapeProto.Dimension.newBuilder().setDimValue(1))
                                .addDim(TensorShapeProto.Dimension.newBuilder().setDimValue(4)))))
        .build();
  }
}
