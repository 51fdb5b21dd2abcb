package io.dynasplit.cloud;

import io.dynasplit.schemas.Topics;
import io.dynasplit.schemas.mqtt.BrokerConnection;
import java.util.Objects;

/**
 * How a cloud worker runs.
 *
 * @param workerId the worker's id in topics and client ids
 * @param brokerHost MQTT broker host
 * @param brokerPort MQTT broker port
 * @param username broker user name, or null for none
 * @param password broker password, or null for none
 * @param topics the topic tree
 * @param instances how many tail verticles share the work in this process (one MQTT client each)
 * @param maxQueue how many tail jobs may wait or run at once in this process; past it a job is
 *     answered {@code OVERLOADED}
 * @param accelerator {@code cpu} or {@code gpu}
 * @param threads intra-op threads per tail session; 0 for ONNX Runtime's default
 * @param energy how each tail's energy is metered (nvidia-smi, RAPL or the power model)
 * @param telemetryPeriodMs how often load telemetry is published
 * @param emulation emulated link and load conditions ({@link EmulatedConditions#none()} in
 *     production: nothing is added); an emulation, for demos on one machine, never a measurement
 */
public record CloudSettings(
    String workerId,
    String brokerHost,
    int brokerPort,
    String username,
    String password,
    Topics topics,
    int instances,
    int maxQueue,
    String accelerator,
    int threads,
    EnergySettings energy,
    long telemetryPeriodMs,
    EmulatedConditions emulation) {

  /** Checks every value. */
  public CloudSettings {
    Objects.requireNonNull(workerId, "workerId");
    Objects.requireNonNull(brokerHost, "brokerHost");
    Objects.requireNonNull(topics, "topics");
    Objects.requireNonNull(accelerator, "accelerator");
    Objects.requireNonNull(energy, "energy");
    Objects.requireNonNull(emulation, "emulation");
    if (!Topics.isValidId(workerId)) {
      throw new IllegalArgumentException("workerId must be a valid topic id: '" + workerId + "'");
    }
    if (brokerPort < 1 || brokerPort > 65535) {
      throw new IllegalArgumentException("brokerPort must be in 1..65535: " + brokerPort);
    }
    if (instances < 1) {
      throw new IllegalArgumentException("instances must be >= 1: " + instances);
    }
    if (maxQueue < 1) {
      throw new IllegalArgumentException("maxQueue must be >= 1: " + maxQueue);
    }
    if (!accelerator.equals("cpu") && !accelerator.equals("gpu")) {
      throw new IllegalArgumentException("accelerator must be cpu or gpu: " + accelerator);
    }
    if (threads < 0) {
      throw new IllegalArgumentException("threads must be >= 0: " + threads);
    }
    if (telemetryPeriodMs < 100) {
      throw new IllegalArgumentException("telemetryPeriodMs must be >= 100: " + telemetryPeriodMs);
    }
  }

  /** The broker this worker connects to, with its credentials. */
  public BrokerConnection broker() {
    return new BrokerConnection(brokerHost, brokerPort, username, password);
  }

  /**
   * Defaults for a worker on a broker: one instance, a queue of 64, CPU, energy from RAPL where
   * readable else the uncalibrated model ({@link EnergySettings#defaults()}).
   */
  public static CloudSettings defaults(String workerId, String host, int port) {
    return new CloudSettings(
        workerId,
        host,
        port,
        null,
        null,
        Topics.DEFAULT,
        1,
        64,
        "cpu",
        0,
        EnergySettings.defaults(),
        1000,
        EmulatedConditions.none());
  }

  /** A copy with another instance count. */
  public CloudSettings withInstances(int n) {
    return new CloudSettings(
        workerId,
        brokerHost,
        brokerPort,
        username,
        password,
        topics,
        n,
        maxQueue,
        accelerator,
        threads,
        energy,
        telemetryPeriodMs,
        emulation);
  }

  /** A copy with another queue bound. */
  public CloudSettings withMaxQueue(int n) {
    return new CloudSettings(
        workerId,
        brokerHost,
        brokerPort,
        username,
        password,
        topics,
        instances,
        n,
        accelerator,
        threads,
        energy,
        telemetryPeriodMs,
        emulation);
  }

  /** A copy with broker credentials. */
  public CloudSettings withCredentials(String user, String pass) {
    return new CloudSettings(
        workerId,
        brokerHost,
        brokerPort,
        user,
        pass,
        topics,
        instances,
        maxQueue,
        accelerator,
        threads,
        energy,
        telemetryPeriodMs,
        emulation);
  }

  /** A copy with another intra-op thread count per tail session (0 for ONNX Runtime's default). */
  public CloudSettings withThreads(int n) {
    return new CloudSettings(
        workerId,
        brokerHost,
        brokerPort,
        username,
        password,
        topics,
        instances,
        maxQueue,
        accelerator,
        n,
        energy,
        telemetryPeriodMs,
        emulation);
  }

  /** A copy with another accelerator. */
  public CloudSettings withAccelerator(String a) {
    return new CloudSettings(
        workerId,
        brokerHost,
        brokerPort,
        username,
        password,
        topics,
        instances,
        maxQueue,
        a,
        threads,
        energy,
        telemetryPeriodMs,
        emulation);
  }

  /** A copy with other energy metering. */
  public CloudSettings withEnergy(EnergySettings e) {
    return new CloudSettings(
        workerId,
        brokerHost,
        brokerPort,
        username,
        password,
        topics,
        instances,
        maxQueue,
        accelerator,
        threads,
        e,
        telemetryPeriodMs,
        emulation);
  }

  /** A copy on another topic tree. */
  public CloudSettings withTopics(Topics t) {
    return new CloudSettings(
        workerId,
        brokerHost,
        brokerPort,
        username,
        password,
        t,
        instances,
        maxQueue,
        accelerator,
        threads,
        energy,
        telemetryPeriodMs,
        emulation);
  }

  /**
   * A copy with emulated conditions: a slow uplink or a busy cloud, changed at run time through the
   * object (demos on one machine; see {@link EmulatedConditions}).
   */
  public CloudSettings withEmulation(EmulatedConditions e) {
    return new CloudSettings(
        workerId,
        brokerHost,
        brokerPort,
        username,
        password,
        topics,
        instances,
        maxQueue,
        accelerator,
        threads,
        energy,
        telemetryPeriodMs,
        e);
  }
}
