package io.dynasplit.app.channel;

/**
 * One phase of a throttled-channel run, and what the live edge and the simulator made of it.
 *
 * @param name what it is ({@code normal}, {@code bandwidth / 10})
 * @param bandwidthFactor the channel's bandwidth relative to the profiled one
 * @param requests requests sent in it
 * @param liveSlaMetPct share of the live requests that met their SLA, in percent
 * @param liveMeanBytes mean intermediate bytes of the live requests answered ok
 * @param channelBytesPerRequest bytes the edge's tail link carried up the throttled channel during
 *     the phase, per request sent in it (MQTT framing included; error replies count too)
 * @param liveConfigurations the configurations the live edge chose, most used first, with their
 *     share (such as {@code 12/int8 80%, 0/fp32 20%})
 * @param oracleSlaMetPct the simulator's oracle on the profiled runs under the same conditions
 * @param oracleMeanBytes mean bytes of the oracle's choices
 * @param simulatedAdaptiveSlaMetPct the simulator's adaptive policy on the same runs
 */
public record ChannelPhase(
    String name,
    double bandwidthFactor,
    int requests,
    double liveSlaMetPct,
    double liveMeanBytes,
    double channelBytesPerRequest,
    String liveConfigurations,
    double oracleSlaMetPct,
    double oracleMeanBytes,
    double simulatedAdaptiveSlaMetPct) {}
