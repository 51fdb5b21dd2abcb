package io.dynasplit.app.channel;

/**
 * What one request of a throttled-channel run got on the real data plane.
 *
 * @param index the request's 0-based index in the run
 * @param phase the index of the phase it was sent in
 * @param status {@code ok}, an error code, or {@code NO_REPLY}
 * @param split the split it ran at; -1 without an answer
 * @param codec the intermediate tensor's codec; empty without an answer
 * @param bytes the bytes of the intermediate tensor it sent; 0 when nothing was sent
 * @param totalMs its end-to-end latency as the edge measured it; 0 without an answer
 * @param slaMet whether it met its SLA
 * @param fallback whether the edge ran the tail itself after the cloud failed it
 */
public record ChannelOutcome(
    int index,
    int phase,
    String status,
    int split,
    String codec,
    long bytes,
    double totalMs,
    boolean slaMet,
    boolean fallback) {}
