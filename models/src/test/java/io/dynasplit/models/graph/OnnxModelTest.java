package io.dynasplit.models.graph;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.onnx.proto.OnnxMl.GraphProto;
import ai.onnx.proto.OnnxMl.ModelProto;
import ai.onnx.proto.OnnxMl.StringStringEntryProto;
import ai.onnx.proto.OnnxMl.TensorProto;
import io.dynasplit.models.graph.ModelGraphException.Reason;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Loading models: what is refused, with which reason, and external data. */
class OnnxModelTest {

  private static ModelGraphException refused(byte[] bytes) {
    return assertThrows(ModelGraphException.class, () -> OnnxModel.fromBytes("bad", bytes));
  }

  /**
   * Verifies that text, an image header and an empty file are refused as not ONNX, naming the
   * model.
   */
  @Test
  void bytesThatAreNotOnnxAreRefused() {
    byte[] png = {
      (byte) 0x89, 'P', 'N', 'G', '\r', '\n', 0x1a, '\n', 0, 0, 0, 13, 'I', 'H', 'D', 'R'
    };
    for (byte[] bytes :
        List.of(
            "this is not a model\n".getBytes(StandardCharsets.UTF_8),
            png,
            new byte[0],
            "{\"ir_version\": 8}".getBytes(StandardCharsets.UTF_8))) {
      ModelGraphException e = refused(bytes);
      assertEquals(Reason.NOT_ONNX, e.reason(), e.getMessage());
      assertTrue(
          e.getMessage().contains("'bad'") && e.getMessage().contains("not an ONNX model"),
          e.getMessage());
    }
  }

  /** Verifies that a real model cut short at several lengths is refused as truncated. */
  @Test
  void aTruncatedModelIsRefusedAsTruncated() throws Exception {
    byte[] full = RealModels.bytes("ppocr-cls");
    for (int length : new int[] {full.length / 2, full.length - 1, 1000}) {
      ModelGraphException e = refused(Arrays.copyOf(full, length));
      assertEquals(Reason.TRUNCATED, e.reason(), length + ": " + e.getMessage());
      assertTrue(e.getMessage().contains("truncated"), e.getMessage());
    }
  }

  /** Verifies that a model file loads with its file name as id. */
  @Test
  void aModelFileLoadsWithItsNameAsId(@TempDir Path dir) throws Exception {
    Path file = dir.resolve("chain.onnx");
    Files.write(file, TestGraphs.chain().toByteArray());

    OnnxModel model = OnnxModel.load(file);

    assertEquals("chain", model.id());
    assertEquals(TestGraphs.chain(), model.proto());
  }

  /**
   * Verifies that weights in an external data file beside the model are read in, and head and tail
   * compose.
   */
  @Test
  void externalDataBesideTheFileIsReadIn(@TempDir Path dir) throws Exception {
    Path file = writeWithExternalWeights(dir, "weights.bin");

    ModelAnalysis analysis = ModelAnalyzer.analyze(OnnxModel.load(file));

    SplitModels pair = ModelSplitter.split(analysis, 1);
    TensorProto w = ModelProto.parseFrom(pair.tail()).getGraph().getInitializer(0);
    assertEquals(TensorProto.DataLocation.DEFAULT, w.getDataLocation());
    assertEquals(16, w.getRawData().size());
    try (SplitVerifier verifier = new SplitVerifier(analysis, 5)) {
      for (SplitPoint p : analysis.candidates(1)) {
        assertTrue(verifier.verify(p).passed(), "split " + p.index());
      }
    }
  }

  /**
   * Verifies that external data is refused, naming the file, when the model comes as bytes or
   * points outside its folder.
   */
  @Test
  void externalDataThatCannotBeReadIsRefused(@TempDir Path dir) throws Exception {
    Path file = writeWithExternalWeights(dir, "weights.bin");
    ModelGraphException fromBytes = refused(Files.readAllBytes(file));
    assertEquals(Reason.EXTERNAL_DATA, fromBytes.reason());
    assertTrue(fromBytes.getMessage().contains("weights.bin"), fromBytes.getMessage());

    Path escaping = writeWithExternalWeights(dir.resolve("sub"), "../weights.bin");
    ModelGraphException outside =
        assertThrows(ModelGraphException.class, () -> OnnxModel.load(escaping));
    assertEquals(Reason.EXTERNAL_DATA, outside.reason());
    assertTrue(outside.getMessage().contains("outside"), outside.getMessage());

    Files.delete(dir.resolve("weights.bin"));
    ModelGraphException missing =
        assertThrows(ModelGraphException.class, () -> OnnxModel.load(file));
    assertTrue(missing.getMessage().contains("does not exist"), missing.getMessage());
  }

  /** Verifies that a graph reading a tensor nothing produces is refused as an invalid graph. */
  @Test
  void aGraphWithADanglingInputIsInvalid() {
    ModelProto chain = TestGraphs.chain();
    GraphProto broken =
        chain.getGraph().toBuilder()
            .setNode(1, TestGraphs.node("Add", List.of("a", "nowhere"), List.of("b")))
            .build();

    ModelGraphException e =
        assertThrows(
            ModelGraphException.class,
            () ->
                ModelAnalyzer.analyze(
                    OnnxModel.of("broken", chain.toBuilder().setGraph(broken).build())));

    assertEquals(Reason.INVALID_GRAPH, e.reason());
    assertTrue(e.getMessage().contains("'nowhere'"), e.getMessage());
  }

  /** Verifies that input shapes that do not fit the model are refused, naming the input. */
  @Test
  void inputShapesThatDoNotFitAreRefused() {
    OnnxModel chain = OnnxModel.of("chain", TestGraphs.chain());

    ModelGraphException unknown =
        assertThrows(
            ModelGraphException.class,
            () -> ModelAnalyzer.analyze(chain, InputShapes.parse(List.of("y=1x4"))));
    ModelGraphException fixed =
        assertThrows(
            ModelGraphException.class,
            () -> ModelAnalyzer.analyze(chain, InputShapes.parse(List.of("x=1x5"))));

    assertEquals(Reason.UNSUPPORTED_INPUT, unknown.reason());
    assertTrue(unknown.getMessage().contains("no input named 'y'"), unknown.getMessage());
    assertTrue(fixed.getMessage().contains("fixed at 4"), fixed.getMessage());
    assertThrows(IllegalArgumentException.class, () -> InputShapes.parse(List.of("x=1xfour")));
  }

  private static Path writeWithExternalWeights(Path dir, String location) throws Exception {
    Files.createDirectories(dir);
    ModelProto chain = TestGraphs.chain();
    TensorProto w = chain.getGraph().getInitializer(0);
    Path data = dir.resolve(location).normalize();
    Files.write(data, w.getRawData().toByteArray());
    TensorProto external =
        w.toBuilder()
            .clearRawData()
            .setDataLocation(TensorProto.DataLocation.EXTERNAL)
            .addExternalData(
                StringStringEntryProto.newBuilder().setKey("location").setValue(location))
            .addExternalData(StringStringEntryProto.newBuilder().setKey("offset").setValue("0"))
            .addExternalData(StringStringEntryProto.newBuilder().setKey("length").setValue("16"))
            .build();
    ModelProto model =
        chain.toBuilder()
            .setGraph(chain.getGraph().toBuilder().setInitializer(0, external))
            .build();
    Path file = dir.resolve("chain.onnx");
    Files.write(file, model.toByteArray());
    return file;
  }
}
