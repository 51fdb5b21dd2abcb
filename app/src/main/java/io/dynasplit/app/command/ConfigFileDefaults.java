package io.dynasplit.app.command;

import com.fasterxml.jackson.databind.JsonNode;
import io.dynasplit.schemas.Json;
import java.io.IOException;
import java.io.Reader;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.TreeSet;
import picocli.CommandLine.IDefaultValueProvider;
import picocli.CommandLine.Model.ArgSpec;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Model.OptionSpec;

/**
 * Default values from the file named by {@code --config} ({@link ConfigFileOption}): a {@code
 * .properties} file or a {@code .json} object whose keys are long option names without the leading
 * dashes ({@code edge-id}, {@code broker-port}, {@code models}); a JSON list becomes a
 * comma-separated value. picocli asks for defaults only for options not given on the command line,
 * so flags override the file. An unknown key is an error naming the key and the file.
 */
public final class ConfigFileDefaults implements IDefaultValueProvider {

  private Path readFrom;
  private Map<String, String> values = Map.of();

  @Override
  public String defaultValue(ArgSpec arg) {
    if (!(arg instanceof OptionSpec option) || option.longestName().equals(ConfigFileOption.NAME)) {
      return null;
    }
    CommandSpec command = arg.command();
    OptionSpec config = command == null ? null : command.findOption(ConfigFileOption.NAME);
    Path file = config == null ? null : config.getValue();
    if (file == null) {
      return null;
    }
    if (!file.equals(readFrom)) {
      values = read(file, command);
      readFrom = file;
    }
    return values.get(key(option));
  }

  /** The key of an option in a config file: its longest name without the leading dashes. */
  static String key(OptionSpec option) {
    return option.longestName().replaceFirst("^-+", "");
  }

  /**
   * Reads a config file and checks its keys against the command's options.
   *
   * @throws IllegalArgumentException naming the file and what is wrong with it
   */
  static Map<String, String> read(Path file, CommandSpec command) {
    Map<String, String> values;
    try {
      values =
          file.getFileName().toString().toLowerCase(java.util.Locale.ROOT).endsWith(".json")
              ? readJson(file)
              : readProperties(file);
    } catch (CharacterCodingException e) {
      throw new IllegalArgumentException("--config " + file + ": not UTF-8 text", e);
    } catch (IOException e) {
      throw new IllegalArgumentException("--config " + IoErrors.describe(e), e);
    }
    TreeSet<String> known = new TreeSet<>();
    for (OptionSpec o : command.options()) {
      if (!o.usageHelp() && !o.versionHelp() && !o.longestName().equals(ConfigFileOption.NAME)) {
        known.add(key(o));
      }
    }
    for (String k : values.keySet()) {
      if (!known.contains(k)) {
        throw new IllegalArgumentException(
            "--config "
                + file
                + ": unknown key '"
                + k
                + "'; "
                + command.qualifiedName()
                + " takes "
                + String.join(", ", known));
      }
    }
    return values;
  }

  private static Map<String, String> readProperties(Path file) throws IOException {
    Properties p = new Properties();
    try (Reader r =
        new java.io.InputStreamReader(
            Files.newInputStream(file), StandardCharsets.UTF_8.newDecoder())) {
      p.load(r);
    }
    Map<String, String> values = new LinkedHashMap<>();
    for (String name : p.stringPropertyNames()) {
      values.put(name.strip(), p.getProperty(name).strip());
    }
    return values;
  }

  private static Map<String, String> readJson(Path file) throws IOException {
    JsonNode root;
    try {
      root = Json.mapper().readTree(Files.readAllBytes(file));
    } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
      String at =
          e.getLocation() == null
              ? ""
              : " at line "
                  + e.getLocation().getLineNr()
                  + ", column "
                  + e.getLocation().getColumnNr();
      throw new IllegalArgumentException(
          "--config " + file + ": not valid JSON" + at + ": " + e.getOriginalMessage(), e);
    }
    if (root == null || !root.isObject()) {
      throw new IllegalArgumentException(
          "--config " + file + ": expected a JSON object of option names to values");
    }
    Map<String, String> values = new LinkedHashMap<>();
    for (Iterator<Map.Entry<String, JsonNode>> it = root.fields(); it.hasNext(); ) {
      Map.Entry<String, JsonNode> e = it.next();
      values.put(e.getKey(), text(file, e.getKey(), e.getValue()));
    }
    return values;
  }

  private static String text(Path file, String key, JsonNode v) {
    if (v.isArray()) {
      List<String> items = new ArrayList<>();
      v.forEach(item -> items.add(text(file, key, item)));
      return String.join(",", items);
    }
    if (v.isValueNode() && !v.isNull()) {
      return v.asText();
    }
    throw new IllegalArgumentException(
        "--config " + file + ": key '" + key + "' must be a string, number, boolean or list");
  }
}
