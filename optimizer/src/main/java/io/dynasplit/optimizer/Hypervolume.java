package io.dynasplit.optimizer;

import io.dynasplit.schemas.FrontEntry;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;

/**
 * The hypervolume of a front: the volume of objective space (on the objectives' scales, so decades
 * of latency times decades of energy, times fidelity loss where it counts) that the front
 * dominates, bounded by a {@link ReferencePoint}. Larger is better.
 *
 * <p>Entries not better than the reference point in every objective contribute nothing. Two or
 * three objectives are supported: an exact sweep in two, slices along the third in three.
 *
 * @implNote O(n log n) for two objectives and O(n^2 log n) for three.
 */
public final class Hypervolume {

  private Hypervolume() {}

  /**
   * The hypervolume of the entries with respect to the reference point (its objectives are used).
   */
  public static double of(List<FrontEntry> entries, ReferencePoint reference) {
    Objectives objectives = reference.objectives();
    double[] ref = reference.scaled().stream().mapToDouble(Double::doubleValue).toArray();
    List<double[]> points = new ArrayList<>();
    for (FrontEntry e : entries) {
      double[] v = objectives.scaled(e);
      boolean inside = true;
      for (int i = 0; i < v.length; i++) {
        inside &= v[i] < ref[i];
      }
      if (inside) {
        points.add(v);
      }
    }
    return switch (objectives.size()) {
      case 2 -> area(points, ref[0], ref[1]);
      case 3 -> volume(points, ref);
      default ->
          throw new IllegalArgumentException(
              "hypervolume supports 2 or 3 objectives: " + objectives);
    };
  }

  /** Area dominated by 2-d points (minimized) below the reference (rx, ry). */
  static double area(List<double[]> points, double rx, double ry) {
    double[][] p = points.toArray(double[][]::new);
    Arrays.sort(p, Comparator.<double[]>comparingDouble(a -> a[0]).thenComparingDouble(a -> a[1]));
    double area = 0;
    double bestY = ry;
    // strips between consecutive x values, each at the height of the best y so far
    for (int i = 0; i < p.length; i++) {
      bestY = Math.min(bestY, p[i][1]);
      double nextX = i + 1 < p.length ? p[i + 1][0] : rx;
      area += (nextX - p[i][0]) * (ry - bestY);
    }
    return area;
  }

  /**
   * Volume dominated by 3-d points (minimized) below the reference: 2-d slices along the third
   * axis.
   */
  static double volume(List<double[]> points, double[] ref) {
    double[][] p = points.toArray(double[][]::new);
    Arrays.sort(p, Comparator.comparingDouble(a -> a[2]));
    double volume = 0;
    List<double[]> slice = new ArrayList<>();
    for (int i = 0; i < p.length; i++) {
      slice.add(p[i]);
      double nextZ = i + 1 < p.length ? p[i + 1][2] : ref[2];
      if (nextZ > p[i][2]) {
        volume += area(slice, ref[0], ref[1]) * (nextZ - p[i][2]);
      }
    }
    return volume;
  }
}
