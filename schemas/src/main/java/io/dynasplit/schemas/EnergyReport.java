package io.dynasplit.schemas;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.util.Objects;

/**
 * The energy a request cost (ARCHITECTURE 4.5, {@code energyJ}), in joules, with where the figures
 * came from.
 *
 * @param edge joules spent on the edge over the request's window
 * @param cloud joules spent on the cloud worker; 0 when nothing ran there
 * @param source where the edge figure (and the cloud figure, unless {@code cloudSource} says
 *     otherwise) came from
 * @param cloudSource where the cloud figure came from when it differs from {@code source}; else
 *     null
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record EnergyReport(
    double edge, double cloud, EnergySource source, EnergySource cloudSource) {

  /** Checks the figures and the source. */
  public EnergyReport {
    Checks.nonNegative("energyJ.edge", edge);
    Checks.nonNegative("energyJ.cloud", cloud);
    Objects.requireNonNull(source, "energyJ.source");
  }

  /** Edge and cloud figures from one source. */
  public static EnergyReport of(double edge, double cloud, EnergySource source) {
    return new EnergyReport(edge, cloud, source, null);
  }

  /** The total, edge plus cloud. */
  public double total() {
    return edge + cloud;
  }
}
