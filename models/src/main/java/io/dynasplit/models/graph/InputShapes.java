package io.dynasplit.models.graph;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * The input shapes an analysis runs the model on: shapes given per input name, and the rule for the
 * dynamic dimensions of the others.
 *
 * <p>A dynamic dimension of an input that is not given takes {@code 1} when it is the first
 * dimension (the batch) and {@link #defaultDim()} otherwise (64 unless changed), so a detector with
 * a {@code [?, 3, ?, ?]} input is analysed at {@code 1x3x64x64} and a transformer with {@code
 * [batch, sequence]} token ids at {@code 1x64}. Fixed dimensions are always kept.
 *
 * @param shapes full shapes by input name
 * @param defaultDim the value of a dynamic dimension other than the first, {@code >= 1}
 */
public record InputShapes(Map<String, List<Long>> shapes, long defaultDim) {

  /** The default value of a dynamic dimension other than the batch. */
  public static final long DEFAULT_DIM = 64;

  /** Checks the fields and copies the map. */
  public InputShapes {
    Objects.requireNonNull(shapes, "shapes");
    Map<String, List<Long>> copy = new LinkedHashMap<>();
    shapes.forEach(
        (name, dims) -> {
          Objects.requireNonNull(name, "input name");
          for (Long d : Objects.requireNonNull(dims, "dims of " + name)) {
            if (d == null || d < 1) {
              throw new IllegalArgumentException(
                  "dims of input " + name + " must be >= 1: " + dims);
            }
          }
          copy.put(name, List.copyOf(dims));
        });
    shapes = java.util.Collections.unmodifiableMap(copy);
    if (defaultDim < 1) {
      throw new IllegalArgumentException("defaultDim must be >= 1: " + defaultDim);
    }
  }

  /** No shapes given: batch 1, other dynamic dimensions {@value #DEFAULT_DIM}. */
  public static InputShapes defaults() {
    return new InputShapes(Map.of(), DEFAULT_DIM);
  }

  /** A copy with the full shape of one input set. */
  public InputShapes with(String input, List<Long> dims) {
    Map<String, List<Long>> m = new LinkedHashMap<>(shapes);
    m.put(input, dims);
    return new InputShapes(m, defaultDim);
  }

  /** A copy with another value for dynamic dimensions that are not the batch. */
  public InputShapes withDefaultDim(long dim) {
    return new InputShapes(shapes, dim);
  }

  /**
   * Parses {@code NAME=DIMS} items such as {@code x=1x3x320x320}.
   *
   * @throws IllegalArgumentException naming the item that does not parse
   */
  public static InputShapes parse(List<String> items) {
    InputShapes result = defaults();
    for (String item : items) {
      int eq = item.lastIndexOf('=');
      if (eq <= 0 || eq == item.length() - 1) {
        throw new IllegalArgumentException("input shape must look like NAME=1x3x224x224: " + item);
      }
      String name = item.substring(0, eq);
      List<Long> dims = new ArrayList<>();
      for (String d : item.substring(eq + 1).split("[x,]")) {
        try {
          dims.add(Long.parseLong(d.trim()));
        } catch (NumberFormatException e) {
          throw new IllegalArgumentException(
              "input shape must look like NAME=1x3x224x224: " + item, e);
        }
      }
      result = result.with(name, dims);
    }
    return result;
  }
}
