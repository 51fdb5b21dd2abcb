package io.dynasplit.models.processing;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.text.Normalizer;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;

/**
 * BERT's WordPiece tokenizer (uncased): clean the text, space out CJK characters, lower-case and
 * strip accents, split on whitespace and punctuation, then split each word greedily into the
 * longest vocabulary pieces, continuations prefixed with {@code ##}. The vocabulary is read from a
 * Hugging Face {@code tokenizer.json} whose model is WordPiece.
 */
public final class WordPieceTokenizer {

  private static final ObjectMapper JSON = new ObjectMapper();

  private final Map<String, Integer> vocab;
  private final String prefix;
  private final int maxCharsPerWord;
  private final String unkToken;
  private final int unkId;
  private final int clsId;
  private final int sepId;

  /**
   * A tokenizer with this vocabulary.
   *
   * @param vocab token to id
   * @param unkToken the unknown token ({@code [UNK]})
   * @param prefix the continuation prefix ({@code ##})
   * @param maxCharsPerWord longer words become the unknown token
   */
  public WordPieceTokenizer(
      Map<String, Integer> vocab, String unkToken, String prefix, int maxCharsPerWord) {
    this.vocab = Map.copyOf(Objects.requireNonNull(vocab, "vocab"));
    this.prefix = Objects.requireNonNull(prefix, "prefix");
    if (maxCharsPerWord <= 0) {
      throw new IllegalArgumentException("maxCharsPerWord must be > 0: " + maxCharsPerWord);
    }
    this.maxCharsPerWord = maxCharsPerWord;
    this.unkToken = Objects.requireNonNull(unkToken, "unkToken");
    this.unkId = id(unkToken);
    this.clsId = id("[CLS]");
    this.sepId = id("[SEP]");
  }

  private int id(String token) {
    Integer id = vocab.get(token);
    if (id == null) {
      throw new IllegalArgumentException("vocabulary has no " + token + " token");
    }
    return id;
  }

  /**
   * Reads the WordPiece vocabulary of a Hugging Face {@code tokenizer.json} resource.
   *
   * @throws UncheckedIOException when the resource is missing or unreadable
   * @throws IllegalArgumentException when its model is not WordPiece
   */
  public static WordPieceTokenizer fromResource(String resource) {
    try (InputStream in = WordPieceTokenizer.class.getClassLoader().getResourceAsStream(resource)) {
      if (in == null) {
        throw new IOException("classpath resource " + resource + " is missing");
      }
      JsonNode model = JSON.readTree(in).path("model");
      if (!"WordPiece".equals(model.path("type").asText())) {
        throw new IllegalArgumentException(
            resource + " is not a WordPiece tokenizer: " + model.path("type").asText());
      }
      Map<String, Integer> vocab = new HashMap<>();
      model.path("vocab").properties().forEach(e -> vocab.put(e.getKey(), e.getValue().asInt()));
      return new WordPieceTokenizer(
          vocab,
          model.path("unk_token").asText("[UNK]"),
          model.path("continuing_subword_prefix").asText("##"),
          model.path("max_input_chars_per_word").asInt(100));
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read tokenizer " + resource, e);
    }
  }

  /** The vocabulary size. */
  public int vocabularySize() {
    return vocab.size();
  }

  /** The word pieces of a text, without {@code [CLS]} and {@code [SEP]}. */
  public List<String> tokenize(String text) {
    List<String> pieces = new ArrayList<>();
    for (String word : basicTokens(text)) {
      wordPieces(word, pieces);
    }
    return pieces;
  }

  /**
   * The ids of {@code [CLS]}, the text's pieces and {@code [SEP]}, truncated to {@code maxLength}
   * ids in all.
   */
  public long[] encode(String text, int maxLength) {
    if (maxLength < 2) {
      throw new IllegalArgumentException("maxLength must be >= 2: " + maxLength);
    }
    List<String> pieces = tokenize(text);
    int n = Math.min(pieces.size(), maxLength - 2);
    long[] ids = new long[n + 2];
    ids[0] = clsId;
    for (int i = 0; i < n; i++) {
      ids[i + 1] = vocab.getOrDefault(pieces.get(i), unkId);
    }
    ids[n + 1] = sepId;
    return ids;
  }

  private void wordPieces(String word, List<String> out) {
    if (word.codePointCount(0, word.length()) > maxCharsPerWord) {
      out.add(unkToken);
      return;
    }
    List<String> pieces = new ArrayList<>();
    int start = 0;
    while (start < word.length()) {
      int end = word.length();
      String found = null;
      while (start < end) {
        String candidate = (start > 0 ? prefix : "") + word.substring(start, end);
        if (vocab.containsKey(candidate)) {
          found = candidate;
          break;
        }
        end =
            Character.isLowSurrogate(word.charAt(end - 1)) && end - 2 >= start ? end - 2 : end - 1;
      }
      if (found == null) {
        out.add(unkToken);
        return;
      }
      pieces.add(found);
      start = end;
    }
    out.addAll(pieces);
  }

  /** BERT's basic tokenization: normalize, then split on whitespace and punctuation. */
  private static List<String> basicTokens(String text) {
    StringBuilder clean = new StringBuilder(text.length() + 16);
    text.codePoints()
        .forEach(
            cp -> {
              if (cp == 0 || cp == 0xFFFD || isControl(cp)) {
                return;
              }
              if (isWhitespace(cp)) {
                clean.append(' ');
              } else if (isCjk(cp)) {
                clean.append(' ').appendCodePoint(cp).append(' ');
              } else {
                clean.appendCodePoint(cp);
              }
            });
    String lowered = clean.toString().toLowerCase(Locale.ROOT);
    String stripped = Normalizer.normalize(lowered, Normalizer.Form.NFD).replaceAll("\\p{Mn}", "");
    List<String> tokens = new ArrayList<>();
    StringBuilder current = new StringBuilder();
    stripped
        .codePoints()
        .forEach(
            cp -> {
              if (isWhitespace(cp)) {
                flush(current, tokens);
              } else if (isPunctuation(cp)) {
                flush(current, tokens);
                tokens.add(new String(Character.toChars(cp)));
              } else {
                current.appendCodePoint(cp);
              }
            });
    flush(current, tokens);
    return tokens;
  }

  private static void flush(StringBuilder current, List<String> tokens) {
    if (!current.isEmpty()) {
      tokens.add(current.toString());
      current.setLength(0);
    }
  }

  private static boolean isWhitespace(int cp) {
    return cp == ' '
        || cp == '\t'
        || cp == '\n'
        || cp == '\r'
        || Character.getType(cp) == Character.SPACE_SEPARATOR;
  }

  private static boolean isControl(int cp) {
    if (cp == '\t' || cp == '\n' || cp == '\r') {
      return false;
    }
    int type = Character.getType(cp);
    return type == Character.CONTROL
        || type == Character.FORMAT
        || type == Character.PRIVATE_USE
        || type == Character.SURROGATE;
  }

  private static boolean isPunctuation(int cp) {
    if ((cp >= 33 && cp <= 47)
        || (cp >= 58 && cp <= 64)
        || (cp >= 91 && cp <= 96)
        || (cp >= 123 && cp <= 126)) {
      return true;
    }
    int type = Character.getType(cp);
    return type == Character.CONNECTOR_PUNCTUATION
        || type == Character.DASH_PUNCTUATION
        || type == Character.START_PUNCTUATION
        || type == Character.END_PUNCTUATION
        || type == Character.INITIAL_QUOTE_PUNCTUATION
        || type == Character.FINAL_QUOTE_PUNCTUATION
        || type == Character.OTHER_PUNCTUATION;
  }

  private static boolean isCjk(int cp) {
    return (cp >= 0x4E00 && cp <= 0x9FFF)
        || (cp >= 0x3400 && cp <= 0x4DBF)
        || (cp >= 0x20000 && cp <= 0x2A6DF)
        || (cp >= 0x2A700 && cp <= 0x2B73F)
        || (cp >= 0x2B740 && cp <= 0x2B81F)
        || (cp >= 0x2B820 && cp <= 0x2CEAF)
        || (cp >= 0xF900 && cp <= 0xFAFF)
        || (cp >= 0x2F800 && cp <= 0x2FA1F);
  }
}
