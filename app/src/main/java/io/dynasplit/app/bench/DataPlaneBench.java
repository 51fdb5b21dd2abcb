package io.dynasplit.app.bench;

import com.hivemq.client.mqtt.MqttClient;
import com.hivemq.client.mqtt.MqttGlobalPublishFilter;
import com.hivemq.client.mqtt.datatypes.MqttQos;
import com.hivemq.client.mqtt.mqtt5.Mqtt5AsyncClient;
import io.dynasplit.app.profile.LiveProfiler;
import io.dynasplit.app.profile.LiveProfiler.Sample;
import io.dynasplit.edge.StageTimes;
import io.dynasplit.models.runtime.SplitParts;
import io.dynasplit.schemas.Codec;
import io.dynasplit.schemas.Quantiles;
import io.dynasplit.schemas.RequestInput;
import io.dynasplit.schemas.Topics;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.function.ToDoubleFunction;

/**
 * The data plane next to its floor, in one run (issue 11, item 7): for a model at a split and a
 * codec, N requests one at a time through the real path (an in-process broker, cloud worker and
 * edge: {@link LiveProfiler}), then the same bytes out and back as a bare MQTT 5 echo through the
 * same broker ({@link MqttEcho}) and, when asked, through Mosquitto with TCP_NODELAY.
 */
public final class DataPlaneBench {

  /**
   * What one model, split and codec measured; times are p50 in milliseconds.
   *
   * @param bytesOut the tensor frame sent to the cloud
   * @param bytesBack the cloud's answer frame
   * @param transferMs the data plane's tail round trip minus the cloud's own time
   * @param ownFloorMs the echo of the same bytes through the same broker
   * @param mosquittoFloorMs the echo through Mosquitto, NaN when not measured
   * @param queueMs arrival to the start of inference: decoding and pre-processing, admission,
   *     scheduling
   * @param overhead the share of the total that is none of queue, head, tail and post-processing
   *     (frame encoding, the transfer, the cloud's queue, the hops between verticles), p50 of the
   *     per-request shares
   */
  public record Row(
      String model,
      int split,
      Codec codec,
      long bytesOut,
      long bytesBack,
      double transferMs,
      double ownFloorMs,
      double mosquittoFloorMs,
      double totalMs,
      double queueMs,
      double headMs,
      double tailMs,
      double postMs,
      double overhead) {

    /** Transfer over the own broker's floor. */
    public double ownRatio() {
      return transferMs / ownFloorMs;
    }

    /** Transfer over Mosquitto's floor (NaN when not measured). */
    public double mosquittoRatio() {
      return transferMs / mosquittoFloorMs;
    }
  }

  /** Work run on the data plane after the measurements, before it closes (a throughput run). */
  @FunctionalInterface
  public interface Probe {
    void run(LiveProfiler profiler, List<Row> measured) throws Exception;
  }

  private DataPlaneBench() {}

  /**
   * Measures {@code model} at {@code split} for each codec.
   *
   * @param mosquitto a Mosquitto broker for its floor, or null
   * @param onRequest called after each measured request (a progress bar's step)
   * @param after run on the data plane at the end, in the last codec's configuration, or null
   */
  public static List<Row> measure(
      SplitParts parts,
      String model,
      int split,
      List<Codec> codecs,
      List<RequestInput> inputs,
      int n,
      int warmup,
      MosquittoBroker mosquitto,
      Runnable onRequest,
      Probe after)
      throws Exception {
    List<Row> rows = new ArrayList<>();
    try (LiveProfiler profiler =
            LiveProfiler.start(
                parts, model, inputs, new LiveProfiler.Settings(n, warmup), onRequest);
        MqttEcho own = MqttEcho.start(profiler.brokerHost(), profiler.brokerPort());
        MqttEcho mosq = mosquitto == null ? null : MqttEcho.start("127.0.0.1", mosquitto.port())) {
      for (Codec codec : codecs) {
        List<Sample> samples = profiler.measure(profiler.atSplit(split, codec)).samples();
        long bytesOut = (long) p50(samples, s -> s.times().bytes());
        long bytesBack = answerBytes(profiler);
        double ownFloor = p50(own.roundTripsMs((int) bytesOut, (int) bytesBack, 5, n));
        double mosqFloor =
            mosq == null
                ? Double.NaN
                : p50(mosq.roundTripsMs((int) bytesOut, (int) bytesBack, 5, n));
        rows.add(
            new Row(
                model,
                split,
                codec,
                bytesOut,
                bytesBack,
                p50(samples, s -> s.times().transferMs()),
                ownFloor,
                mosqFloor,
                p50(samples, s -> s.times().totalMs()),
                p50(samples, s -> s.times().queueMs()),
                p50(samples, s -> s.times().headMs()),
                p50(samples, s -> s.times().tailMs()),
                p50(samples, s -> s.times().finishMs()),
                p50(samples, DataPlaneBench::overhead)));
      }
      if (after != null) {
        after.run(profiler, List.copyOf(rows));
      }
    }
    return rows;
  }

  /** The share of a request's total that is none of queue, head, tail and post-processing. */
  static double overhead(Sample s) {
    StageTimes t = s.times();
    double compute = t.queueMs() + t.headMs() + t.tailMs() + t.finishMs();
    return t.totalMs() <= 0 ? 0 : Math.max(0, t.totalMs() - compute) / t.totalMs();
  }

  /** The size of the cloud's answer to one more request, heard on the edge's tail-results topic. */
  private static long answerBytes(LiveProfiler profiler) throws Exception {
    BlockingQueue<Integer> sizes = new ArrayBlockingQueue<>(16);
    Mqtt5AsyncClient monitor =
        MqttClient.builder()
            .useMqttVersion5()
            .identifier("dynasplit-bench-monitor-" + UUID.randomUUID())
            .serverHost(profiler.brokerHost())
            .serverPort(profiler.brokerPort())
            .buildAsync();
    monitor.publishes(
        MqttGlobalPublishFilter.ALL,
        p -> sizes.offer(p.getPayload().map(b -> b.remaining()).orElse(0)));
    monitor.connect().get(10, TimeUnit.SECONDS);
    try {
      monitor
          .subscribeWith()
          .topicFilter(Topics.DEFAULT.edgeTailResults(profiler.edgeId()))
          .qos(MqttQos.AT_LEAST_ONCE)
          .send()
          .get(10, TimeUnit.SECONDS);
      profiler.sendOne();
      Integer size = sizes.poll(30, TimeUnit.SECONDS);
      if (size == null) {
        throw new IllegalStateException("no cloud answer heard on the tail-results topic");
      }
      return size;
    } finally {
      monitor.disconnect().get(10, TimeUnit.SECONDS);
    }
  }

  private static double p50(List<Sample> samples, ToDoubleFunction<Sample> f) {
    return Quantiles.ofSorted(LiveProfiler.sorted(samples, f), 0.5);
  }

  private static double p50(double[] values) {
    double[] v = values.clone();
    Arrays.sort(v);
    return Quantiles.ofSorted(v, 0.5);
  }
}
