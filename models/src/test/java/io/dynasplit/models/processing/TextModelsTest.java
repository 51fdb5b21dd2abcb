package io.dynasplit.models.processing;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.dynasplit.models.catalog.CatalogEntry;
import io.dynasplit.models.catalog.ModelCatalog;
import io.dynasplit.models.catalog.PreProcessing;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class TextModelsTest {

  @TempDir Path modelsDir;

  private static WordPieceTokenizer tokenizer(ModelCatalog catalog) {
    return WordPieceTokenizer.fromResource(
        ((PreProcessing.Text) catalog.get("minilm-l6").preProcessing()).tokenizer());
  }

  /**
   * Verifies that the WordPiece tokenizer gives BERT-uncased's well-known ids for a known sentence.
   */
  @Test
  void tokenizerGivesKnownIds() {
    WordPieceTokenizer tokenizer = tokenizer(ModelCatalog.builtIn(modelsDir));

    assertEquals(30522, tokenizer.vocabularySize());
    assertArrayEquals(
        new long[] {101, 7592, 1010, 2026, 3899, 2003, 10140, 102},
        tokenizer.encode("Hello, my dog is cute", 128));
  }

  /**
   * Verifies that unknown words split into the longest vocabulary pieces, accents are stripped and
   * truncation keeps [SEP].
   */
  @Test
  void tokenizerSplitsWordsIntoPieces() {
    WordPieceTokenizer tokenizer = tokenizer(ModelCatalog.builtIn(modelsDir));

    assertEquals(List.of("una", "##ffa", "##ble"), tokenizer.tokenize("unaffable"));
    assertEquals(List.of("token", "##ization"), tokenizer.tokenize("Tokenization"));
    assertEquals(List.of("cafe", "!"), tokenizer.tokenize("  Café!\t"));
    long[] truncated = tokenizer.encode("one two three four five", 4);
    assertEquals(4, truncated.length);
    assertEquals(101, truncated[0]);
    assertEquals(102, truncated[3]);
  }

  /**
   * Verifies that MiniLM embeddings (tokenizer, model, mean pooling, L2 norm) put similar sentences
   * closer than unrelated ones.
   */
  @Test
  void embeddingsRankSimilarSentencesCloser() throws Exception {
    ModelCatalog catalog = ModelCatalog.builtIn(modelsDir);
    CatalogEntry entry = catalog.get("minilm-l6");
    Preprocessor pre = new Preprocessor();
    Postprocessor post = new Postprocessor();
    ModelOutput.Embedding cat;
    ModelOutput.Embedding kitten;
    ModelOutput.Embedding stocks;
    try (OnnxRunner runner = new OnnxRunner(catalog, "minilm-l6")) {
      cat = embed(runner, pre, post, entry, "A cat sits on the mat.");
      kitten = embed(runner, pre, post, entry, "A kitten is sitting on a rug.");
      stocks = embed(runner, pre, post, entry, "The stock market fell sharply today.");
    }

    assertEquals(384, cat.dimension());
    double norm = 0;
    for (float v : cat.vector()) {
      norm += v * v;
    }
    assertEquals(1.0, norm, 1e-4);
    assertTrue(
        cat.cosine(kitten) > cat.cosine(stocks) + 0.2,
        cat.cosine(kitten) + " vs " + cat.cosine(stocks));
  }

  private static ModelOutput.Embedding embed(
      OnnxRunner runner, Preprocessor pre, Postprocessor post, CatalogEntry entry, String text)
      throws Exception {
    PreparedInput input = pre.prepare(entry, new ModelInput.Text(text));
    return (ModelOutput.Embedding) post.process(entry, input, runner.run(input));
  }
}
