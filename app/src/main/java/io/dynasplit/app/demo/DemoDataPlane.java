package io.dynasplit.app.demo;

import io.dynasplit.app.profile.InProcessDataPlane;
import io.dynasplit.app.profile.PendingReplies;
import io.dynasplit.cloud.EmulatedConditions;
import io.dynasplit.models.runtime.SplitParts;
import io.dynasplit.scheduler.Policy;
import io.dynasplit.schemas.ErrorReply;
import io.dynasplit.schemas.InferenceReply;
import io.dynasplit.schemas.InferenceRequest;
import io.dynasplit.schemas.Json;
import io.dynasplit.schemas.ParetoFront;
import io.dynasplit.schemas.Reply;
import io.dynasplit.schemas.RequestInput;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;

/**
 * The demo's data plane: an {@link InProcessDataPlane} (embedded broker, cloud worker, edge node;
 * every request and tensor crosses the broker) serving the fronts' models, and the driver that
 * sends a workload through it for one policy while the cloud worker's {@link EmulatedConditions}
 * follow the scenario's phases.
 *
 * @implNote blocking; drive it from one thread.
 */
public final class DemoDataPlane implements AutoCloseable {

  private static final long WARM_UP_SLA_MS = 60_000;
  private static final long DRAIN_GRACE_MS = 30_000;

  private final InProcessDataPlane plane;
  private final EmulatedConditions emulation;
  private final List<RequestInput> inputs;
  private final PendingReplies<Reply> replies;
  private final Set<String> energySources = new TreeSet<>();
  private int warmUps;

  private DemoDataPlane(
      InProcessDataPlane plane,
      EmulatedConditions emulation,
      List<RequestInput> inputs,
      PendingReplies<Reply> replies) {
    this.plane = plane;
    this.emulation = emulation;
    this.inputs = List.copyOf(inputs);
    this.replies = replies;
  }

  /**
   * Starts the data plane serving the fronts' models and publishes the fronts to the edge.
   *
   * @param inputs the sample inputs requests carry ({@link DemoWorkload.Request#input})
   */
  public static DemoDataPlane start(
      SplitParts parts, Collection<ParetoFront> fronts, List<RequestInput> inputs)
      throws Exception {
    EmulatedConditions emulation = EmulatedConditions.none();
    PendingReplies<Reply> replies = new PendingReplies<>();
    InProcessDataPlane plane =
        InProcessDataPlane.start(
            parts,
            fronts.stream().map(ParetoFront::model).toList(),
            (reply, times, publishMs) -> replies.heard(reply.id(), reply),
            1,
            emulation);
    try {
      for (ParetoFront f : fronts) {
        plane.publishFront(f);
      }
    } catch (Exception | Error e) {
      plane.close();
      throw e;
    }
    return new DemoDataPlane(plane, emulation, inputs, replies);
  }

  /**
   * Sends {@code count} requests of the workload for a policy one after another under normal
   * conditions, not recorded: they load the policy's sessions, warm the code paths and refresh the
   * edge's live estimates.
   */
  public void warmUp(Policy policy, DemoWorkload workload, int count) throws Exception {
    emulation.set(EmulatedConditions.Setting.NONE);
    for (int i = 0; i < count; i++) {
      DemoWorkload.Request r = workload.requests().get(i % workload.size());
      String id = "demo-" + policy.wireName() + "-warm-" + (warmUps++);
      plane.request(payload(id, r.model(), WARM_UP_SLA_MS, r.input(), policy));
      await(id, WARM_UP_SLA_MS);
    }
  }

  /**
   * Runs a workload for one policy: first {@code warmUp} requests (see {@link #warmUp}), then the
   * workload as an open loop, the emulated conditions switching at each phase's first request, and
   * waits for every reply.
   *
   * @param onSent called after each workload request is sent (a progress bar's step)
   * @return the outcome of every workload request, in order
   */
  public List<DemoOutcome> run(
      Policy policy, DemoWorkload workload, DemoScenario scenario, int warmUp, Runnable onSent)
      throws Exception {
    String prefix = "demo-" + policy.wireName() + "-";
    warmUp(policy, workload, warmUp);
    int n = workload.size();
    List<byte[]> payloads = new ArrayList<>(n);
    for (DemoWorkload.Request r : workload.requests()) {
      payloads.add(payload(prefix + r.index(), r.model(), r.slaMs(), r.input(), policy));
    }
    long next = System.nanoTime();
    int phase = -1;
    long lastSla = 0;
    for (DemoWorkload.Request r : workload.requests()) {
      next += TimeUnit.MILLISECONDS.toNanos(r.gapMs());
      for (long wait = next - System.nanoTime(); wait > 0; wait = next - System.nanoTime()) {
        LockSupport.parkNanos(wait);
      }
      int p = scenario.phaseOf(r.index(), n);
      if (p != phase) {
        emulation.set(scenario.phases().get(p).setting());
        phase = p;
      }
      plane.request(payloads.get(r.index()));
      lastSla = Math.max(lastSla, r.slaMs());
      onSent.run();
    }
    List<DemoOutcome> outcomes = new ArrayList<>(n);
    long deadline = System.currentTimeMillis() + lastSla + DRAIN_GRACE_MS;
    for (DemoWorkload.Request r : workload.requests()) {
      Reply reply = replies.awaitUntil(prefix + r.index(), deadline);
      outcomes.add(outcome(policy, r, scenario.phaseOf(r.index(), n), reply));
    }
    emulation.set(EmulatedConditions.Setting.NONE);
    return outcomes;
  }

  /** The energy sources the replies named, each as {@code edge/cloud} (such as {@code model}). */
  public List<String> energySources() {
    return List.copyOf(energySources);
  }

  private byte[] payload(String id, String model, long slaMs, int input, Policy policy) {
    return Json.toBytes(
        InferenceRequest.of(id, model, slaMs, inputs.get(input)).withPolicy(policy.wireName()));
  }

  private Reply await(String id, long timeoutMs) throws Exception {
    Reply r = replies.awaitUntil(id, System.currentTimeMillis() + timeoutMs);
    if (r == null) {
      throw new IllegalStateException("no reply to " + id + " within " + timeoutMs + " ms");
    }
    return r;
  }

  private DemoOutcome outcome(Policy policy, DemoWorkload.Request r, int phase, Reply reply) {
    if (reply instanceof InferenceReply ok) {
      energySources.add(
          ok.energyJ().source()
              + (ok.energyJ().cloudSource() != null ? "/" + ok.energyJ().cloudSource() : ""));
      return new DemoOutcome(
          policy.wireName(),
          r.index(),
          phase,
          r.model(),
          r.slaMs(),
          "ok",
          ok.slaMet(),
          ok.timing().totalMs(),
          ok.timing().queueMs(),
          ok.timing().edgeMs(),
          ok.timing().transferMs(),
          ok.timing().cloudMs(),
          ok.config().split(),
          ok.config().codec().wireName(),
          Boolean.TRUE.equals(ok.fallback()),
          ok.energyJ().edge(),
          ok.energyJ().cloud());
    }
    String status = reply instanceof ErrorReply e ? e.code().name() : "NO_REPLY";
    return new DemoOutcome(
        policy.wireName(),
        r.index(),
        phase,
        r.model(),
        r.slaMs(),
        status,
        false,
        0,
        0,
        0,
        0,
        0,
        -1,
        "",
        false,
        0,
        0);
  }

  @Override
  public void close() throws Exception {
    plane.close();
  }
}
