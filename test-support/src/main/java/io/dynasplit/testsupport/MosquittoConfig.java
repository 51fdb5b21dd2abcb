package io.dynasplit.testsupport;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * The text of a {@code mosquitto.conf}, changed by copy: read a deployment file, then point its
 * paths at a test's temporary folder.
 *
 * {@snippet :
 * MosquittoConfig config = MosquittoConfig.read(Path.of("broker-config/mosquitto/mosquitto.conf"))
 *     .with("password_file", passwd.toString())
 *     .with("acl_file", acl.toString());
 * }
 *
 * @param lines the lines of the file, comments included
 */
public record MosquittoConfig(List<String> lines) {

  /** Copies the lines. */
  public MosquittoConfig {
    lines = List.copyOf(Objects.requireNonNull(lines, "lines"));
  }

  /** Reads a configuration file. */
  public static MosquittoConfig read(Path file) throws IOException {
    return new MosquittoConfig(Files.readAllLines(file, StandardCharsets.UTF_8));
  }

  /** A broker that lets anyone in and publish anything: for interoperability tests. */
  public static MosquittoConfig anonymous() {
    return new MosquittoConfig(List.of("allow_anonymous true"));
  }

  /**
   * A copy where every active line of {@code directive} is replaced by one line {@code directive
   * value}, placed where the first one was (or at the end).
   */
  public MosquittoConfig with(String directive, String value) {
    Objects.requireNonNull(value, "value");
    List<String> out = new ArrayList<>(lines.size() + 1);
    boolean placed = false;
    for (String line : lines) {
      if (isDirective(line, directive)) {
        if (!placed) {
          out.add(directive + " " + value);
          placed = true;
        }
      } else {
        out.add(line);
      }
    }
    if (!placed) {
      out.add(directive + " " + value);
    }
    return new MosquittoConfig(out);
  }

  /** A copy without the active lines of {@code directive}. */
  public MosquittoConfig without(String directive) {
    return new MosquittoConfig(
        lines.stream().filter(line -> !isDirective(line, directive)).toList());
  }

  /** The value of the first active line of {@code directive}, or null. */
  public String value(String directive) {
    for (String line : lines) {
      if (isDirective(line, directive)) {
        String rest = line.strip().substring(directive.length()).strip();
        return rest;
      }
    }
    return null;
  }

  /** The file's text. */
  public String text() {
    return String.join("\n", lines) + "\n";
  }

  private static boolean isDirective(String line, String directive) {
    Objects.requireNonNull(directive, "directive");
    String s = line.strip();
    return s.equals(directive) || s.startsWith(directive + " ") || s.startsWith(directive + "\t");
  }
}
