package io.dynasplit.app.demo;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;

/**
 * The requests of a demo run, drawn with a seed, the same for every policy: each names a model, an
 * SLA (tight or loose), which sample input it carries and how long after the previous one it is
 * sent (an open loop: requests do not wait for replies).
 *
 * @param requests the requests in order
 */
public record DemoWorkload(List<Request> requests) {

  /**
   * One request.
   *
   * @param index its position, from 0
   * @param model the catalog model
   * @param slaMs its latency SLA
   * @param tight whether its SLA was drawn from the tight range
   * @param input the sample input it carries
   * @param gapMs how long after the previous request it is sent
   */
  public record Request(
      int index, String model, long slaMs, boolean tight, int input, long gapMs) {}

  /**
   * The SLA ranges of one model, from its front: tight SLAs near its fastest configuration, loose
   * ones several times that.
   *
   * @param model the model
   * @param fastestMs the front's fastest median latency
   */
  public record SlaRange(String model, double fastestMs) {
    /** The tight range: 1.5 to 3 times the fastest. */
    long tight(Random r) {
      return Math.max(1, Math.round(fastestMs * (1.5 + 1.5 * r.nextDouble())));
    }

    /** The loose range: 6 to 12 times the fastest. */
    long loose(Random r) {
      return Math.max(1, Math.round(fastestMs * (6 + 6 * r.nextDouble())));
    }
  }

  /** Copies the list. */
  public DemoWorkload {
    requests = List.copyOf(requests);
  }

  /**
   * Draws {@code n} requests: models uniformly among {@code ranges}, half the SLAs tight, inputs
   * uniformly among {@code inputs}, gaps uniform in [0.5, 1.5] times {@code intervalMs}.
   */
  public static DemoWorkload draw(
      long seed, int n, List<SlaRange> ranges, int inputs, long intervalMs) {
    if (n < 1 || ranges.isEmpty() || inputs < 1 || intervalMs < 1) {
      throw new IllegalArgumentException("n, ranges, inputs and intervalMs must be positive");
    }
    Random r = new Random(seed);
    List<Request> list = new ArrayList<>();
    for (int i = 0; i < n; i++) {
      SlaRange range = ranges.get(r.nextInt(ranges.size()));
      boolean tight = r.nextBoolean();
      long sla = tight ? range.tight(r) : range.loose(r);
      long gap = i == 0 ? 0 : Math.round(intervalMs * (0.5 + r.nextDouble()));
      list.add(new Request(i, range.model(), sla, tight, r.nextInt(inputs), gap));
    }
    return new DemoWorkload(list);
  }

  /** How many requests. */
  public int size() {
    return requests.size();
  }
}
