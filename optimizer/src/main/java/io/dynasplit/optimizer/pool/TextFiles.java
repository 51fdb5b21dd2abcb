package io.dynasplit.optimizer.pool;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Reads the project's input files as UTF-8 text, with an error that says what is wrong with the
 * file.
 */
public final class TextFiles {

  private TextFiles() {}

  /**
   * Reads a whole file as UTF-8.
   *
   * @param file the file
   * @return its text
   * @throws IllegalArgumentException when the file does not exist, is not a regular file, or is not
   *     UTF-8 text (naming the file and the offset of the first bad byte)
   * @throws IOException if reading fails otherwise (permissions, I/O)
   */
  public static String readUtf8(Path file) throws IOException {
    requireRegularFile(file);
    byte[] bytes = Files.readAllBytes(file);
    CharsetDecoder decoder =
        StandardCharsets.UTF_8
            .newDecoder()
            .onMalformedInput(CodingErrorAction.REPORT)
            .onUnmappableCharacter(CodingErrorAction.REPORT);
    ByteBuffer in = ByteBuffer.wrap(bytes);
    try {
      return decoder.decode(in).toString();
    } catch (CharacterCodingException e) {
      throw new IllegalArgumentException(
          file + ": not UTF-8 text (invalid byte at offset " + in.position() + ")", e);
    }
  }

  /**
   * Checks that a file exists and is a regular file.
   *
   * @throws IllegalArgumentException naming the file and the problem
   */
  public static void requireRegularFile(Path file) {
    if (!Files.exists(file)) {
      throw new IllegalArgumentException(file + ": no such file");
    }
    if (!Files.isRegularFile(file)) {
      throw new IllegalArgumentException(file + ": not a regular file");
    }
  }
}
