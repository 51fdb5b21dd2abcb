package io.dynasplit.models.catalog;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.onnxruntime.OrtEnvironment;
import ai.onnxruntime.OrtException;
import ai.onnxruntime.OrtSession;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ModelCatalogTest {

  @TempDir Path modelsDir;

  /**
   * Verifies that the built-in catalog lists every id the project uses, generated ones marked
   * synthetic.
   */
  @Test
  void builtInCatalogListsEveryProjectModel() {
    ModelCatalog catalog = ModelCatalog.builtIn(modelsDir);

    assertEquals(
        List.of(
            "ppocr-cls",
            "ppocr-det",
            "minilm-l6",
            "mobilenetv2",
            "resnet50",
            "vgg16",
            "vit-b16",
            "tiny-cnn"),
        catalog.ids());
    for (CatalogEntry e : catalog.entries()) {
      assertEquals(e.source() instanceof ModelSource.Generated, e.synthetic(), e.id());
      if (e.synthetic()) {
        assertTrue(e.description().contains("SYNTHETIC"), e.id());
      }
    }
  }

  /**
   * Verifies that every real model resolves from its jar and that ONNX Runtime opens it with the
   * declared input names.
   */
  @Test
  void realModelsResolveAndOpenInOnnxRuntime() throws OrtException {
    ModelCatalog catalog = ModelCatalog.builtIn(modelsDir);
    OrtEnvironment env = OrtEnvironment.getEnvironment();
    for (String id : List.of("ppocr-cls", "ppocr-det", "minilm-l6")) {
      ResolvedModel model = catalog.resolve(id);
      assertTrue(catalog.isPresent(model.entry().orElseThrow()), id);
      assertFalse(model.synthetic(), id);
      byte[] bytes = model.bytes();
      assertEquals(bytes.length, model.size(), id);
      try (OrtSession session = env.createSession(bytes)) {
        List<String> declared =
            model.entry().orElseThrow().inputs().stream().map(TensorSpec::name).toList();
        assertEquals(declared, List.copyOf(session.getInputNames()), id);
      }
    }
  }

  /** Verifies that an unknown id fails with UNKNOWN_ID and a message naming the known ids. */
  @Test
  void unknownIdIsRefusedWithKnownIds() {
    ModelCatalog catalog = ModelCatalog.builtIn(modelsDir);

    ModelNotFoundException e =
        assertThrows(ModelNotFoundException.class, () -> catalog.resolve("resnet51"));

    assertEquals(ModelNotFoundException.Reason.UNKNOWN_ID, e.reason());
    assertTrue(e.getMessage().contains("resnet51"), e.getMessage());
    assertTrue(e.getMessage().contains("ppocr-det"), e.getMessage());
  }

  /** Verifies that a missing file path fails with FILE_MISSING naming the path. */
  @Test
  void missingFileIsRefused() {
    ModelCatalog catalog = ModelCatalog.builtIn(modelsDir);

    ModelNotFoundException e =
        assertThrows(
            ModelNotFoundException.class,
            () -> catalog.resolve(modelsDir.resolve("nope.onnx").toString()));

    assertEquals(ModelNotFoundException.Reason.FILE_MISSING, e.reason());
    assertTrue(e.getMessage().contains("nope.onnx"), e.getMessage());
  }

  /**
   * Verifies that a generated model not yet generated is not present and its error names the
   * generate command.
   */
  @Test
  void ungeneratedModelSaysHowToGenerateIt() {
    ModelCatalog catalog = ModelCatalog.builtIn(modelsDir);

    assertFalse(catalog.isPresent(catalog.get("resnet50")));
    ModelNotFoundException e =
        assertThrows(ModelNotFoundException.class, () -> catalog.resolve("resnet50"));

    assertEquals(ModelNotFoundException.Reason.NOT_GENERATED, e.reason());
    assertTrue(
        e.getMessage().contains("dynasplit models generate --only resnet50"), e.getMessage());
  }

  /**
   * Verifies that a generated model's file in the models folder resolves, and a plain file path
   * too.
   */
  @Test
  void filesInTheModelsFolderAndPlainPathsResolve() throws IOException {
    ModelCatalog catalog = ModelCatalog.builtIn(modelsDir);
    byte[] tiny = catalog.resolve("tiny-cnn").bytes();
    Files.write(modelsDir.resolve("resnet50.onnx"), tiny);
    Path plain = Files.write(modelsDir.resolve("mine.onnx"), tiny);

    ResolvedModel generated = catalog.resolve("resnet50");
    ResolvedModel file = catalog.resolve(plain.toString());

    assertEquals(modelsDir.resolve("resnet50.onnx"), generated.path().orElseThrow());
    assertTrue(generated.synthetic());
    assertEquals("mine", file.id());
    assertTrue(file.entry().isEmpty());
    assertTrue(file.synthetic(), "a generated file found by path still says synthetic");
    assertArrayEquals(tiny, file.bytes());
  }

  /**
   * Verifies that the tiny CNN is present without a file, generated in memory, and the same bytes
   * every time.
   */
  @Test
  void tinyCnnIsGeneratedInMemory() {
    ModelCatalog catalog = ModelCatalog.builtIn(modelsDir);

    ResolvedModel first = catalog.resolve("tiny-cnn");
    ResolvedModel second = ModelCatalog.builtIn(modelsDir).resolve("tiny-cnn");

    assertTrue(catalog.isPresent(first.entry().orElseThrow()));
    assertTrue(first.path().isEmpty());
    assertTrue(first.bytes().length < 100_000, "tiny-cnn is " + first.bytes().length + " bytes");
    assertArrayEquals(first.bytes(), second.bytes());
  }

  /**
   * Verifies that a real model's file found by path is not synthetic, and that metadata is read
   * without the graph.
   */
  @Test
  void metadataSaysWhetherAFileIsSynthetic() throws IOException {
    ModelCatalog catalog = ModelCatalog.builtIn(modelsDir);
    Path det = modelsDir.resolve("det.onnx");
    catalog.resolve("ppocr-det").writeTo(det);
    Path tiny = modelsDir.resolve("tiny.onnx");
    catalog.resolve("tiny-cnn").writeTo(tiny);

    assertFalse(catalog.resolve(det.toString()).synthetic());
    assertEquals("tiny-cnn", OnnxMetadata.read(tiny).get("dynasplit.model"));
    assertTrue(OnnxMetadata.isSynthetic(tiny));
  }

  /**
   * Verifies that a catalog file with a generated model not marked synthetic, or an unknown field,
   * is refused.
   */
  @Test
  void badCatalogEntriesAreRefused() {
    String notSynthetic =
        """
        [{"id":"x","description":"d","source":{"type":"generated","generator":"tiny-cnn","file":"x.onnx","inMemory":false},
          "synthetic":false,"inputs":[{"name":"input","shape":[1,3,32,32],"dtype":"float32"}],
          "preProcessing":{"type":"tensor"},"postProcessing":{"type":"embedding","meanPooling":false,"normalize":true}}]
        """;
    String unknownField =
        notSynthetic.replace("\"synthetic\":false", "\"synthetic\":true,\"weights\":\"trained\"");

    Exception a =
        assertThrows(
            Exception.class,
            () -> ModelCatalog.parse(new ByteArrayInputStream(notSynthetic.getBytes(UTF_8))));
    Exception b =
        assertThrows(
            Exception.class,
            () -> ModelCatalog.parse(new ByteArrayInputStream(unknownField.getBytes(UTF_8))));

    assertTrue(a.getMessage().contains("must be marked synthetic"), a.getMessage());
    assertTrue(b.getMessage().contains("weights"), b.getMessage());
  }

  /**
   * Verifies that the models folder comes from DYNASPLIT_MODELS when set, else from the home
   * folder.
   */
  @Test
  void modelsFolderHonoursTheEnvironment() {
    assertEquals(
        Path.of("/data/m"), ModelsFolder.resolve(Map.of("DYNASPLIT_MODELS", "/data/m"), "/home/u"));
    assertEquals(Path.of("/home/u/.dynasplit/models"), ModelsFolder.resolve(Map.of(), "/home/u"));
  }
}
