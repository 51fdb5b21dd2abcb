package io.dynasplit.app.command;

import io.dynasplit.schemas.Codec;
import java.util.ArrayList;
import java.util.List;
import java.util.TreeSet;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.ParameterException;

/** Parses the knob lists of {@code dynasplit optimize --live}: splits, threads and codecs. */
public final class LiveSpaceOptions {

  private LiveSpaceOptions() {}

  /** What a codec list's help says it may hold: every {@link Codec}, described by its two parts. */
  static final String CODECS_HELP = "fp32, fp16 or int8, each alone or +lz4 or +zstd (lossless)";

  /** The codecs of a comma-separated list such as {@code fp32,int8+lz4}. */
  static List<Codec> codecs(CommandSpec spec, String text) {
    TreeSet<Codec> codecs = new TreeSet<>();
    for (String item : text.split(",")) {
      try {
        codecs.add(Codec.of(item.trim()));
      } catch (IllegalArgumentException e) {
        throw new ParameterException(
            spec.commandLine(), "--codecs must list codecs of " + Codec.names() + ": " + text);
      }
    }
    return List.copyOf(codecs);
  }

  /** The thread counts of a comma-separated list; null gives 1, 2 and {@code cores}. */
  static List<Integer> threads(CommandSpec spec, String text, int cores) {
    if (text == null) {
      return List.copyOf(new TreeSet<>(List.of(1, Math.min(2, cores), cores)));
    }
    TreeSet<Integer> counts = new TreeSet<>();
    for (String item : text.split(",")) {
      int n = integer(spec, "--threads", item, text);
      if (n < 0) {
        throw new ParameterException(
            spec.commandLine(),
            "--threads must list counts >= 0 (0: onnx runtime's default): " + text);
      }
      counts.add(n);
    }
    return List.copyOf(counts);
  }

  /**
   * The splits of {@code all} (the candidates) or a comma-separated list, each in {@code
   * 0..allEdge}.
   */
  static List<Integer> splits(
      CommandSpec spec, String text, List<Integer> candidates, int allEdge) {
    if (text.equals("all")) {
      return candidates;
    }
    List<Integer> splits = new ArrayList<>();
    for (String item : text.split(",")) {
      int s = integer(spec, "--splits", item, text);
      if (s < 0 || s > allEdge) {
        throw new ParameterException(
            spec.commandLine(), "--splits: split " + s + " must be in 0.." + allEdge);
      }
      splits.add(s);
    }
    return splits;
  }

  private static int integer(CommandSpec spec, String option, String item, String text) {
    try {
      return Integer.parseInt(item.trim());
    } catch (NumberFormatException e) {
      throw new ParameterException(
          spec.commandLine(), option + " must be a comma-separated list of integers: " + text);
    }
  }
}
