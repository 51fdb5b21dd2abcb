package io.dynasplit.broker.internal;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.Objects;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A text template with {@code ${name}} placeholders, read from the classpath.
 *
 * <p>Rendering is strict: a placeholder without a value, or a value without a placeholder, is an
 * error, so a template and its caller cannot drift apart unnoticed.
 *
 * @param name where the text came from, for error messages
 * @param text the template text
 */
public record ConfigTemplate(String name, String text) {

  private static final Pattern PLACEHOLDER = Pattern.compile("\\$\\{([a-zA-Z0-9_.-]+)}");

  /** Checks that both parts are present. */
  public ConfigTemplate {
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(text, "text");
  }

  /**
   * Reads a template from the classpath.
   *
   * @param resource an absolute resource path such as {@code
   *     /io/dynasplit/broker/hivemq/config.xml}
   * @throws IllegalStateException when the resource is not on the classpath (a packaging error)
   */
  public static ConfigTemplate fromClasspath(String resource) {
    try (InputStream in = ConfigTemplate.class.getResourceAsStream(resource)) {
      if (in == null) {
        throw new IllegalStateException("template " + resource + " is not on the classpath");
      }
      return new ConfigTemplate(resource, new String(in.readAllBytes(), StandardCharsets.UTF_8));
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read template " + resource, e);
    }
  }

  /**
   * Replaces every placeholder with its value.
   *
   * @throws IllegalArgumentException when a placeholder has no value or a value is not used
   */
  public String render(Map<String, String> values) {
    Objects.requireNonNull(values, "values");
    Matcher m = PLACEHOLDER.matcher(text);
    StringBuilder out = new StringBuilder(text.length());
    java.util.Set<String> used = new java.util.HashSet<>();
    while (m.find()) {
      String key = m.group(1);
      String value = values.get(key);
      if (value == null) {
        throw new IllegalArgumentException(
            "template " + name + " needs a value for ${" + key + "}");
      }
      used.add(key);
      m.appendReplacement(out, Matcher.quoteReplacement(value));
    }
    m.appendTail(out);
    for (String key : values.keySet()) {
      if (!used.contains(key)) {
        throw new IllegalArgumentException(
            "template " + name + " has no placeholder ${" + key + "}");
      }
    }
    return out.toString();
  }
}
