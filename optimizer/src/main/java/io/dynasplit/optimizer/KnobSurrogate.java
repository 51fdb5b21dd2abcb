package io.dynasplit.optimizer;

import io.dynasplit.scheduler.ConfigurationSpace;
import io.dynasplit.scheduler.ConfigurationSpace.Knob;
import io.dynasplit.schemas.Configuration;
import io.dynasplit.schemas.FrontEntry;
import java.util.List;
import java.util.Objects;

/**
 * A cheap model of what an unmeasured configuration would measure: log latency and log energy as a
 * sum of one effect per knob value (ridge regression on one-hot knob values), fitted to the
 * configurations measured so far.
 *
 * <p>The knobs of a split-inference configuration act roughly independently on these figures (a
 * later split moves work to the edge, a lower frequency slows the head and saves edge power, the
 * cloud accelerator speeds the tail), which is what an additive model in log space captures. The
 * residual spread of the fit is kept as the model's uncertainty, so a search can weigh how likely
 * an unmeasured configuration is to beat what it has.
 *
 * @implNote fitting solves a (1 + sum of knob values)-square system by Cholesky: about 35 unknowns
 *     for the paper's space, microseconds for a hundred trials. Immutable.
 */
final class KnobSurrogate {

  /** The ridge penalty on each knob value's effect (the intercept is not penalized). */
  static final double RIDGE = 1.0;

  /**
   * The least figure taken as it is (1e-9 ms or J): a zero (an energy nobody metered) is fitted as
   * this rather than as minus infinity.
   */
  static final double MIN_FIGURE = 1e-9;

  /** The least uncertainty the model claims, in log units (0.1%). */
  static final double MIN_SIGMA = 1e-3;

  private final ConfigurationSpace space;
  private final int[] offset;
  private final double[] latencyWeights;
  private final double[] energyWeights;
  private final double energySigma;

  private KnobSurrogate(
      ConfigurationSpace space,
      int[] offset,
      double[] latencyWeights,
      double[] energyWeights,
      double energySigma) {
    this.space = space;
    this.offset = offset;
    this.latencyWeights = latencyWeights;
    this.energyWeights = energyWeights;
    this.energySigma = energySigma;
  }

  /**
   * Fits a model to measured entries.
   *
   * @param space the space the configurations belong to
   * @param measured entries of valid configurations of the space; at least one
   * @throws IllegalArgumentException if {@code measured} is empty
   */
  static KnobSurrogate fit(ConfigurationSpace space, List<FrontEntry> measured) {
    Objects.requireNonNull(space, "space");
    if (measured.isEmpty()) {
      throw new IllegalArgumentException("cannot fit a model to no measurements");
    }
    int[] offset = new int[Knob.values().length];
    int p = 1;
    for (Knob k : Knob.values()) {
      offset[k.ordinal()] = p;
      p += space.valueCount(k);
    }
    double[][] gram = new double[p][p];
    double[] xl = new double[p];
    double[] xe = new double[p];
    int[][] rows = new int[measured.size()][];
    for (int r = 0; r < rows.length; r++) {
      FrontEntry e = measured.get(r);
      int[] cols = columns(space, offset, e.config());
      rows[r] = cols;
      double yl = log(e.latencyMs());
      double ye = log(e.energyJ());
      for (int a : cols) {
        xl[a] += yl;
        xe[a] += ye;
        for (int b : cols) {
          gram[a][b] += 1;
        }
      }
    }
    for (int j = 1; j < p; j++) {
      gram[j][j] += RIDGE;
    }
    double[][] chol = cholesky(gram);
    double[] wl = solve(chol, xl);
    double[] we = solve(chol, xe);
    double sse = 0;
    for (int r = 0; r < rows.length; r++) {
      double d = log(measured.get(r).energyJ()) - dot(we, rows[r]);
      sse += d * d;
    }
    double sigma = Math.max(MIN_SIGMA, Math.sqrt(sse / rows.length));
    return new KnobSurrogate(space, offset, wl, we, sigma);
  }

  /** The model's guess for a valid configuration of the space. */
  Prediction predict(Configuration c) {
    int[] cols = columns(space, offset, c);
    return new Prediction(
        Math.exp(dot(latencyWeights, cols)), dot(energyWeights, cols), energySigma);
  }

  /**
   * A guess.
   *
   * @param latencyMs the expected latency
   * @param logEnergyMean the mean of the natural log of the energy in joules
   * @param logEnergySigma its standard deviation (the fit's residual spread)
   */
  record Prediction(double latencyMs, double logEnergyMean, double logEnergySigma) {}

  private static int[] columns(ConfigurationSpace space, int[] offset, Configuration c) {
    int[] idx = space.encode(c);
    int[] cols = new int[idx.length + 1];
    cols[0] = 0;
    for (Knob k : Knob.values()) {
      cols[k.ordinal() + 1] = offset[k.ordinal()] + idx[k.ordinal()];
    }
    return cols;
  }

  private static double log(double figure) {
    return Math.log(Math.max(figure, MIN_FIGURE));
  }

  private static double dot(double[] w, int[] cols) {
    double s = 0;
    for (int c : cols) {
      s += w[c];
    }
    return s;
  }

  /** The lower triangle L of a symmetric positive definite matrix, A = L L^T. */
  private static double[][] cholesky(double[][] a) {
    int n = a.length;
    double[][] l = new double[n][n];
    for (int i = 0; i < n; i++) {
      for (int j = 0; j <= i; j++) {
        double s = a[i][j];
        for (int k = 0; k < j; k++) {
          s -= l[i][k] * l[j][k];
        }
        if (i == j) {
          // a knob value no trial has gets only the ridge: s stays positive
          l[i][i] = Math.sqrt(Math.max(s, 1e-12));
        } else {
          l[i][j] = s / l[j][j];
        }
      }
    }
    return l;
  }

  private static double[] solve(double[][] l, double[] b) {
    int n = b.length;
    double[] y = new double[n];
    for (int i = 0; i < n; i++) {
      double s = b[i];
      for (int k = 0; k < i; k++) {
        s -= l[i][k] * y[k];
      }
      y[i] = s / l[i][i];
    }
    double[] x = new double[n];
    for (int i = n - 1; i >= 0; i--) {
      double s = y[i];
      for (int k = i + 1; k < n; k++) {
        s -= l[k][i] * x[k];
      }
      x[i] = s / l[i][i];
    }
    return x;
  }
}
