package io.dynasplit.app.command;

import static io.dynasplit.app.command.CliRun.run;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.dynasplit.models.catalog.ModelCatalog;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ModelsCommandTest {

  @TempDir Path dir;

  /**
   * Verifies that `models list` shows every catalog id, marks generated models SYNTHETIC and tells
   * present from missing.
   */
  @Test
  void listShowsTheCatalog() {
    CliRun r = run("models", "list", "--models-dir", dir.toString());

    assertEquals(0, r.exit(), r.err());
    for (String id : ModelCatalog.builtIn(dir).ids()) {
      assertTrue(r.out().contains(id), id + " missing from\n" + r.out());
    }
    String vgg = r.out().lines().filter(l -> l.startsWith("vgg16 ")).findFirst().orElseThrow();
    assertTrue(vgg.contains("SYNTHETIC") && vgg.contains(" no "), vgg);
    String det = r.out().lines().filter(l -> l.startsWith("ppocr-det ")).findFirst().orElseThrow();
    assertTrue(det.contains("trained") && det.contains(" yes "), det);
  }

  /**
   * Verifies that `models generate --only tiny-cnn --out DIR` writes the model, and `list` then
   * shows it present from that folder.
   */
  @Test
  void generateWritesTheModel() {
    CliRun r = run("models", "generate", "--only", "tiny-cnn", "--out", dir.toString());

    assertEquals(0, r.exit(), r.err());
    assertTrue(Files.isRegularFile(dir.resolve("tiny-cnn.onnx")));
    assertTrue(r.out().contains("SYNTHETIC"), r.out());
    assertArrayEquals(
        ModelCatalog.builtIn(dir.resolve("none")).resolve("tiny-cnn").bytes(),
        ModelCatalog.builtIn(dir).resolve("tiny-cnn").bytes());
  }

  /**
   * Verifies that `models generate --only` with a model that is not generated fails with exit code
   * 2 naming the generated ones.
   */
  @Test
  void generateRefusesAnUnknownModel() {
    CliRun r = run("models", "generate", "--only", "ppocr-det", "--out", dir.toString());

    assertEquals(2, r.exit());
    assertTrue(r.err().contains("not a generated model") && r.err().contains("vit-b16"), r.err());
  }

  /**
   * Verifies that `models export` writes a real model's bytes, and that an unknown id fails with
   * exit code 1 naming it.
   */
  @Test
  void exportWritesTheModelOrNamesTheProblem() throws Exception {
    Path target = dir.resolve("out/cls.onnx");

    CliRun ok =
        run(
            "models",
            "export",
            "ppocr-cls",
            "--out",
            target.toString(),
            "--models-dir",
            dir.toString());
    CliRun bad =
        run(
            "models",
            "export",
            "no-such-model",
            "--out",
            target.toString(),
            "--models-dir",
            dir.toString());
    CliRun notGenerated =
        run(
            "models",
            "export",
            "vgg16",
            "--out",
            target.toString(),
            "--models-dir",
            dir.toString());

    assertEquals(0, ok.exit(), ok.err());
    assertArrayEquals(
        ModelCatalog.builtIn(dir).resolve("ppocr-cls").bytes(), Files.readAllBytes(target));
    assertEquals(1, bad.exit());
    assertTrue(bad.err().contains("unknown model 'no-such-model'"), bad.err());
    assertEquals(1, notGenerated.exit());
    assertTrue(
        notGenerated.err().contains("dynasplit models generate --only vgg16"), notGenerated.err());
  }
}
