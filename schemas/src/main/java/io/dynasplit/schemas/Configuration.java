package io.dynasplit.schemas;

import java.util.Objects;

/**
 * One point of the configuration space (ARCHITECTURE 5): where to split and how the edge and the
 * cloud are set up. It is what the scheduler picks, what the hardware verticle applies and what a
 * reply reports in {@code config}.
 *
 * @param split the split index: 0 runs everything in the cloud; the model's last candidate runs
 *     everything on the edge
 * @param cpuFreqMHz the edge CPU frequency in MHz; 0 when the frequency is not managed
 * @param edgeAccelerator the edge accelerator: {@code off}, an ONNX Runtime execution provider, or
 *     a USB accelerator mode such as {@code std} or {@code max}
 * @param threads the head session's intra-op threads; 0 for ONNX Runtime's default
 * @param codec the encoding of the intermediate tensor
 * @param cloudAccelerator {@code cpu} or {@code gpu}; {@code none} when everything runs on the edge
 */
public record Configuration(
    int split,
    int cpuFreqMHz,
    String edgeAccelerator,
    int threads,
    Codec codec,
    String cloudAccelerator) {

  /** The edge accelerator value meaning none is used. */
  public static final String ACCELERATOR_OFF = "off";

  /** The cloud accelerator value of a configuration that runs nothing in the cloud. */
  public static final String CLOUD_NONE = "none";

  /** Checks every field. */
  public Configuration {
    if (split < 0) {
      throw new IllegalArgumentException("split must be >= 0: " + split);
    }
    if (cpuFreqMHz < 0) {
      throw new IllegalArgumentException("cpuFreqMHz must be >= 0: " + cpuFreqMHz);
    }
    if (threads < 0) {
      throw new IllegalArgumentException("threads must be >= 0: " + threads);
    }
    Objects.requireNonNull(edgeAccelerator, "edgeAccelerator");
    Objects.requireNonNull(codec, "codec");
    Objects.requireNonNull(cloudAccelerator, "cloudAccelerator");
    if (edgeAccelerator.isBlank()) {
      throw new IllegalArgumentException("edgeAccelerator must not be blank");
    }
    if (cloudAccelerator.isBlank()) {
      throw new IllegalArgumentException("cloudAccelerator must not be blank");
    }
  }

  /** A configuration at the given split with every other knob at its default. */
  public static Configuration atSplit(int split) {
    return new Configuration(split, 0, ACCELERATOR_OFF, 0, Codec.FP32, "cpu");
  }

  /** A copy at another split. */
  public Configuration withSplit(int newSplit) {
    return new Configuration(
        newSplit, cpuFreqMHz, edgeAccelerator, threads, codec, cloudAccelerator);
  }

  /** A copy at another CPU frequency. */
  public Configuration withCpuFreqMHz(int mhz) {
    return new Configuration(split, mhz, edgeAccelerator, threads, codec, cloudAccelerator);
  }

  /** A copy with another edge accelerator. */
  public Configuration withEdgeAccelerator(String accelerator) {
    return new Configuration(split, cpuFreqMHz, accelerator, threads, codec, cloudAccelerator);
  }

  /** A copy with another thread count. */
  public Configuration withThreads(int n) {
    return new Configuration(split, cpuFreqMHz, edgeAccelerator, n, codec, cloudAccelerator);
  }

  /** A copy with another codec. */
  public Configuration withCodec(Codec c) {
    return new Configuration(split, cpuFreqMHz, edgeAccelerator, threads, c, cloudAccelerator);
  }

  /** A copy with another cloud accelerator. */
  public Configuration withCloudAccelerator(String accelerator) {
    return new Configuration(split, cpuFreqMHz, edgeAccelerator, threads, codec, accelerator);
  }

  /** Whether the edge hardware part (frequency, accelerator, threads) equals another's. */
  public boolean sameEdgeHardware(Configuration other) {
    return cpuFreqMHz == other.cpuFreqMHz
        && threads == other.threads
        && edgeAccelerator.equals(other.edgeAccelerator);
  }
}
