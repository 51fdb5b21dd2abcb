package io.dynasplit.models.graph;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Objects;

/**
 * A model cut in two: the serialized head and tail ONNX models and their manifest. Create ONNX
 * Runtime sessions straight from {@link #head()} and {@link #tail()}.
 *
 * <p>The byte arrays are <em>not</em> copied, neither here nor by the accessors: do not modify
 * them.
 *
 * @param head the head model (the model's inputs in, the crossing tensors out)
 * @param tail the tail model (the crossing tensors in, the model's outputs out)
 * @param manifest what the pair is
 */
public record SplitModels(byte[] head, byte[] tail, SplitManifest manifest) {

  /** File name of the head model in a split folder. */
  public static final String HEAD_FILE = "head.onnx";

  /** File name of the tail model in a split folder. */
  public static final String TAIL_FILE = "tail.onnx";

  /** File name of the manifest in a split folder. */
  public static final String MANIFEST_FILE = "manifest.json";

  /** Checks that nothing is null. */
  public SplitModels {
    Objects.requireNonNull(head, "head");
    Objects.requireNonNull(tail, "tail");
    Objects.requireNonNull(manifest, "manifest");
  }

  /**
   * Writes {@code head.onnx}, {@code tail.onnx} and {@code manifest.json} into a folder, creating
   * it if needed and replacing files of those names.
   */
  public void writeTo(Path dir) throws IOException {
    Files.createDirectories(dir);
    Files.write(dir.resolve(HEAD_FILE), head);
    Files.write(dir.resolve(TAIL_FILE), tail);
    Files.writeString(dir.resolve(MANIFEST_FILE), manifest.toJson() + "\n", StandardCharsets.UTF_8);
  }
}
