package io.dynasplit.app.demo;

/**
 * What one request of a demo run got.
 *
 * @param policy the policy it named
 * @param index its position in the workload
 * @param phase the index of the scenario phase it was sent in
 * @param model its model
 * @param slaMs its SLA
 * @param status {@code ok}, an error code, or {@code NO_REPLY}
 * @param slaMet whether it was answered ok within its SLA (the edge's verdict)
 * @param latencyMs the reply's total time at the edge; 0 without a reply
 * @param queueMs waiting at the edge
 * @param headMs edge inference, pre- and post-processing
 * @param transferMs the intermediate tensor's trip to the cloud and the answer back
 * @param tailMs the cloud's queue and tail
 * @param split the split it ran at; -1 without an ok reply
 * @param codec the intermediate tensor's codec, or empty
 * @param fallback whether the edge ran the tail itself
 * @param edgeJ edge energy
 * @param cloudJ cloud energy
 */
public record DemoOutcome(
    String policy,
    int index,
    int phase,
    String model,
    long slaMs,
    String status,
    boolean slaMet,
    double latencyMs,
    double queueMs,
    double headMs,
    double transferMs,
    double tailMs,
    int split,
    String codec,
    boolean fallback,
    double edgeJ,
    double cloudJ) {

  /** Whether the request was answered ok. */
  public boolean ok() {
    return status.equals("ok");
  }

  /** Edge plus cloud energy. */
  public double totalJ() {
    return edgeJ + cloudJ;
  }
}
