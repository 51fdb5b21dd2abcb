package io.dynasplit.app.channel;

import io.dynasplit.schemas.ParetoFront;
import java.util.List;

/**
 * What a throttled-channel run found.
 *
 * @param settings how it ran
 * @param slas the range the requests' SLAs were drawn from
 * @param front the front profiled through the channel under normal shaping
 * @param outcomes every live request, in order
 * @param phases the phases, in order
 * @param seconds how long the whole run took
 */
public record ChannelResult(
    ChannelExperiment.Settings settings,
    SlaRange slas,
    ParetoFront front,
    List<ChannelOutcome> outcomes,
    List<ChannelPhase> phases,
    double seconds) {

  /** Copies the lists. */
  public ChannelResult {
    outcomes = List.copyOf(outcomes);
    phases = List.copyOf(phases);
  }
}
