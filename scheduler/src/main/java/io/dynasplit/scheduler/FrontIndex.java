package io.dynasplit.scheduler;

import io.dynasplit.schemas.Configuration;
import io.dynasplit.schemas.FrontEntry;
import io.dynasplit.schemas.ParetoFront;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Objects;

/**
 * A model's front prepared for fast decisions: entries sorted by front latency, with the cheapest
 * entry of every latency prefix precomputed, so that the paper's rule is one binary search.
 *
 * <p>Immutable and safe to share between threads. Built once per loaded front (O(n log n)).
 *
 * @implNote the per-entry figures are copied into primitive arrays so that the adaptive scan reads
 *     contiguous memory and allocates nothing.
 */
public final class FrontIndex {

  /** Orders entries by latency, then energy, so that ties in latency prefer the cheaper entry. */
  private static final Comparator<FrontEntry> BY_LATENCY_THEN_ENERGY =
      Comparator.comparingDouble(FrontEntry::latencyMs).thenComparingDouble(FrontEntry::energyJ);

  private final String model;
  private final FrontEntry[] entries;
  private final double[] latencyMs;
  private final double[] energyJ;
  private final double[] headMs;
  private final double[] transferMs;
  private final double[] tailMs;
  private final double[] bytes;
  private final double[] edgePowerW;
  private final double[] inverseProfiledTransferMs;
  private final int[] cheapestUpTo;
  private final int cloudIndex;
  private final int edgeIndex;
  private final double profileRttMs;
  private final double profileMsPerByte;

  private FrontIndex(String model, List<FrontEntry> list) {
    this.model = Objects.requireNonNull(model, "model");
    entries = list.toArray(FrontEntry[]::new);
    Arrays.sort(entries, BY_LATENCY_THEN_ENERGY);
    int n = entries.length;
    latencyMs = new double[n];
    energyJ = new double[n];
    headMs = new double[n];
    transferMs = new double[n];
    tailMs = new double[n];
    bytes = new double[n];
    edgePowerW = new double[n];
    inverseProfiledTransferMs = new double[n];
    cheapestUpTo = new int[n];
    for (int i = 0; i < n; i++) {
      FrontEntry e = entries[i];
      latencyMs[i] = e.latencyMs();
      energyJ[i] = e.energyJ();
      headMs[i] = e.headMs();
      transferMs[i] = e.transferMs();
      tailMs[i] = e.tailMs();
      bytes[i] = e.bytes();
      // the edge draws power for the whole request, waiting on the cloud included
      edgePowerW[i] = e.latencyMs() > 0 ? e.edgeEnergyJ() / (e.latencyMs() / 1000.0) : 0;
      // strict < keeps the earlier (faster) entry on an energy tie
      cheapestUpTo[i] =
          i == 0 || energyJ[i] < energyJ[cheapestUpTo[i - 1]] ? i : cheapestUpTo[i - 1];
    }
    List<FrontEntry> sorted = Arrays.asList(entries);
    cloudIndex = Baselines.cloud(sorted);
    edgeIndex = Baselines.edge(sorted);
    double[] fit = fitTransfer(entries);
    profileRttMs = fit[0];
    profileMsPerByte = fit[1];
    for (int i = 0; i < n; i++) {
      double profiled = profileRttMs + bytes[i] * profileMsPerByte;
      inverseProfiledTransferMs[i] = profiled > 0 ? 1 / profiled : 0;
    }
  }

  /** Indexes a front. */
  public static FrontIndex of(ParetoFront front) {
    Objects.requireNonNull(front, "front");
    return new FrontIndex(front.model(), front.entries());
  }

  /** Indexes a list of entries for a model. */
  public static FrontIndex of(String model, List<FrontEntry> entries) {
    return new FrontIndex(model, new ArrayList<>(Objects.requireNonNull(entries, "entries")));
  }

  /**
   * Whether an entry runs everything on the edge: its cloud accelerator is {@code none}, or it
   * sends nothing and runs nothing in the cloud.
   */
  public static boolean isAllEdge(FrontEntry e) {
    return Configuration.CLOUD_NONE.equals(e.config().cloudAccelerator())
        || (e.config().split() > 0 && e.bytes() == 0 && e.tailMs() == 0 && e.transferMs() == 0);
  }

  /** The model this front belongs to. */
  public String model() {
    return model;
  }

  /** Number of entries. */
  public int size() {
    return entries.length;
  }

  /** Whether the front has no entry. */
  public boolean isEmpty() {
    return entries.length == 0;
  }

  /** The entry at position {@code i} in latency order (0 is the fastest). */
  public FrontEntry entry(int i) {
    return entries[i];
  }

  /** The entries in latency order, as an unmodifiable list. */
  public List<FrontEntry> entries() {
    return List.of(entries);
  }

  /**
   * The paper's rule: position of the least-energy entry whose front latency is at most {@code
   * slaMs}, or -1 when none is (then the fastest, position 0, is the fallback).
   *
   * @implNote O(log n), no allocation.
   */
  public int cheapestWithin(double slaMs) {
    int lo = 0;
    int hi = entries.length - 1;
    int last = -1;
    while (lo <= hi) {
      int mid = (lo + hi) >>> 1;
      if (latencyMs[mid] <= slaMs) {
        last = mid;
        lo = mid + 1;
      } else {
        hi = mid - 1;
      }
    }
    return last < 0 ? -1 : cheapestUpTo[last];
  }

  /** Position of the fastest entry; -1 when empty. */
  public int fastest() {
    return entries.length == 0 ? -1 : 0;
  }

  /** Position of the cheapest entry (the faster one on a tie); -1 when empty. */
  public int cheapest() {
    return entries.length == 0 ? -1 : cheapestUpTo[entries.length - 1];
  }

  /**
   * Position of the {@link Baselines#cloud all-cloud baseline}; -1 when the front has no split-0
   * entry.
   */
  public int cloudOnly() {
    return cloudIndex;
  }

  /**
   * Position of the {@link Baselines#edge all-edge baseline}; -1 when the front has no all-edge
   * entry.
   */
  public int edgeOnly() {
    return edgeIndex;
  }

  double latencyMs(int i) {
    return latencyMs[i];
  }

  double energyJ(int i) {
    return energyJ[i];
  }

  double headMs(int i) {
    return headMs[i];
  }

  double transferMs(int i) {
    return transferMs[i];
  }

  double tailMs(int i) {
    return tailMs[i];
  }

  double bytes(int i) {
    return bytes[i];
  }

  /** Mean edge power of entry {@code i} over its request, in watts; 0 when unknown. */
  double edgePowerW(int i) {
    return edgePowerW[i];
  }

  /**
   * One over the transfer time the profiled channel line gives for entry {@code i}'s size; 0 when
   * the line gives none (the entry's transfer then keeps its front value).
   */
  double inverseProfiledTransferMs(int i) {
    return inverseProfiledTransferMs[i];
  }

  /**
   * Round trip of the channel the front was profiled on, from a line fit of transfer time on bytes.
   */
  public double profileRttMs() {
    return profileRttMs;
  }

  /**
   * Milliseconds per byte of the channel the front was profiled on; 0 when the front sends nothing.
   */
  public double profileMsPerByte() {
    return profileMsPerByte;
  }

  /**
   * Least-squares line {@code transferMs = rtt + bytes * msPerByte} over the entries that send
   * something; falls back to a line through the origin when the sizes do not vary or the fit is not
   * physical (negative round trip or slope).
   */
  private static double[] fitTransfer(FrontEntry[] entries) {
    double n = 0;
    double sx = 0;
    double sy = 0;
    double sxx = 0;
    double sxy = 0;
    for (FrontEntry e : entries) {
      if (e.bytes() > 0 && e.transferMs() > 0) {
        double x = e.bytes();
        double y = e.transferMs();
        n++;
        sx += x;
        sy += y;
        sxx += x * x;
        sxy += x * y;
      }
    }
    if (n == 0) {
      return new double[] {0, 0};
    }
    double den = n * sxx - sx * sx;
    if (n >= 2 && den > 1e-9 * sxx * n) {
      double slope = (n * sxy - sx * sy) / den;
      double intercept = (sy - slope * sx) / n;
      if (slope > 0 && intercept >= 0) {
        return new double[] {intercept, slope};
      }
    }
    return new double[] {0, sy / sx};
  }
}
