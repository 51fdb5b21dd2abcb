package io.dynasplit.energy;

import io.dynasplit.schemas.EnergySource;
import java.lang.management.ManagementFactory;
import java.util.Objects;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.LongSupplier;

/**
 * Estimates energy from a {@link PowerModel} and this process's CPU time: source {@link
 * EnergySource#MODEL}.
 *
 * <p>A window costs two reads of the process CPU time ({@code
 * OperatingSystemMXBean.getProcessCpuTime}) and two of {@link System#nanoTime()}. The estimate
 * counts the whole process's CPU time in the window, so concurrent requests share it, as they would
 * share a sensor's reading. {@link #withCpuTime} meters part of the process instead.
 */
public final class ModelEnergyMeter implements EnergyMeter {

  private final PowerModel model;
  private final LongSupplier cpuTimeNanos;
  private final LongSupplier clockNanos;

  /** A meter over this process's CPU time and the system clock. */
  public ModelEnergyMeter(PowerModel model) {
    this(model, processCpuTime(), System::nanoTime);
  }

  /**
   * A meter over given clocks.
   *
   * @param cpuTimeNanos cumulative CPU time in nanoseconds
   * @param clockNanos monotonic wall clock in nanoseconds
   */
  public ModelEnergyMeter(PowerModel model, LongSupplier cpuTimeNanos, LongSupplier clockNanos) {
    this.model = Objects.requireNonNull(model, "model");
    this.cpuTimeNanos = Objects.requireNonNull(cpuTimeNanos, "cpuTimeNanos");
    this.clockNanos = Objects.requireNonNull(clockNanos, "clockNanos");
  }

  /**
   * The process CPU time of this JVM in nanoseconds.
   *
   * @throws IllegalStateException if the JVM cannot report it
   */
  public static LongSupplier processCpuTime() {
    if (ManagementFactory.getOperatingSystemMXBean()
            instanceof com.sun.management.OperatingSystemMXBean os
        && os.getProcessCpuTime() >= 0) {
      return os::getProcessCpuTime;
    }
    throw new IllegalStateException(
        "this jvm does not report process cpu time; the power model cannot run");
  }

  /**
   * The same model and clock over another CPU time, e.g. {@link ThreadCpuTime#ofThreadsNamed} for
   * one component of a process that runs several (an edge and a cloud worker together).
   */
  public ModelEnergyMeter withCpuTime(LongSupplier cpuTimeNanos) {
    return new ModelEnergyMeter(model, cpuTimeNanos, clockNanos);
  }

  /** The model this meter applies. */
  public PowerModel model() {
    return model;
  }

  @Override
  public EnergySource source() {
    return EnergySource.MODEL;
  }

  @Override
  public Window open() {
    return new ModelWindow(clockNanos.getAsLong(), cpuTimeNanos.getAsLong());
  }

  private final class ModelWindow implements Window {
    private final long startNanos;
    private final long startCpu;
    private final AtomicBoolean closed = new AtomicBoolean();

    ModelWindow(long startNanos, long startCpu) {
      this.startNanos = startNanos;
      this.startCpu = startCpu;
    }

    @Override
    public EnergyReading close() {
      if (!closed.compareAndSet(false, true)) {
        throw new IllegalStateException("energy window already closed");
      }
      long cpu = cpuTimeNanos.getAsLong();
      long end = Math.max(clockNanos.getAsLong(), startNanos);
      double joules = model.joules((end - startNanos) / 1e9, (cpu - startCpu) / 1e9);
      return new EnergyReading(joules, EnergySource.MODEL, startNanos, end);
    }
  }
}
