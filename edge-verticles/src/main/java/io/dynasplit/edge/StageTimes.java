package io.dynasplit.edge;

/**
 * Where one request's time went, in milliseconds, for benchmarks and logs. Stages that did not run
 * are 0.
 *
 * @param queueMs from arrival to the start of inference (decoding, pre-processing, admission,
 *     scheduling, hardware switch) plus every wait of the request's jobs for an inference worker
 * @param headMs edge inference (the head, or the whole model when everything runs on the edge)
 * @param encodeMs encoding the intermediate tensors into a frame
 * @param transferMs the tail exchange's round trip minus the cloud's own time
 * @param cloudQueueMs the cloud's queue wait
 * @param tailMs the cloud's tail inference (or the edge's, after a fallback)
 * @param finishMs post-processing the outputs
 * @param totalMs from arrival until the reply was composed
 * @param fallback whether the tail ran on the edge because the cloud did not answer
 * @param bytes the size of the tensor frame sent to the cloud; 0 when nothing was sent
 */
public record StageTimes(
    double queueMs,
    double headMs,
    double encodeMs,
    double transferMs,
    double cloudQueueMs,
    double tailMs,
    double finishMs,
    double totalMs,
    boolean fallback,
    long bytes) {}
