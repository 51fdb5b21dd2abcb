package io.dynasplit.energy;

import io.dynasplit.schemas.EnergySource;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.TimeUnit;

/**
 * NVIDIA GPU power from {@code nvidia-smi --query-gpu=power.draw --format=csv,noheader,nounits}
 * (which reads NVML): the sum over all GPUs, source {@link EnergySource#NVML}.
 *
 * @implNote each read starts a process (tens of milliseconds); sample it every 100 ms or slower
 */
public final class NvidiaSmiPowerSensor implements PowerSensor {

  /** The query command. */
  public static final List<String> QUERY =
      List.of("nvidia-smi", "--query-gpu=power.draw", "--format=csv,noheader,nounits");

  private final List<String> command;

  /** A sensor running {@link #QUERY}. */
  public NvidiaSmiPowerSensor() {
    this(QUERY);
  }

  /** A sensor running another command that prints one wattage per line (for tests and wrappers). */
  public NvidiaSmiPowerSensor(List<String> command) {
    this.command = List.copyOf(Objects.requireNonNull(command, "command"));
    if (this.command.isEmpty()) {
      throw new IllegalArgumentException("command must not be empty");
    }
  }

  /** Whether {@code nvidia-smi} is an executable on the {@code PATH}. */
  public static boolean onPath() {
    String path = System.getenv("PATH");
    if (path == null) {
      return false;
    }
    for (String dir : path.split(java.io.File.pathSeparator)) {
      if (!dir.isEmpty() && Files.isExecutable(Path.of(dir, "nvidia-smi"))) {
        return true;
      }
    }
    return false;
  }

  @Override
  public EnergySource source() {
    return EnergySource.NVML;
  }

  @Override
  public String description() {
    return "nvidia-smi (power.draw of every gpu)";
  }

  @Override
  public double readWatts() throws IOException {
    Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
    p.getOutputStream().close();
    try { // wait first: a wedged driver can hang nvidia-smi with its output open; a few lines fit
      // the pipe
      if (!p.waitFor(5, TimeUnit.SECONDS)) {
        p.destroyForcibly();
        throw new IOException("nvidia-smi did not finish within 5 s");
      }
    } catch (InterruptedException e) {
      p.destroyForcibly();
      Thread.currentThread().interrupt();
      throw new IOException("interrupted while running nvidia-smi", e);
    }
    String out = new String(p.getInputStream().readNBytes(64 * 1024), StandardCharsets.UTF_8);
    if (p.exitValue() != 0) {
      throw new IOException("nvidia-smi exited with " + p.exitValue() + ": " + out.strip());
    }
    return parse(out);
  }

  /** Sums one wattage per line; refuses {@code [N/A]} and anything else that is not a number. */
  static double parse(String output) throws IOException {
    double sum = 0;
    int gpus = 0;
    for (String line : output.strip().split("\\R")) {
      String v = line.strip();
      if (v.isEmpty()) {
        continue;
      }
      try {
        sum += Double.parseDouble(v);
        gpus++;
      } catch (NumberFormatException e) {
        throw new IOException("nvidia-smi printed no power figure: '" + v + "'", e);
      }
    }
    if (gpus == 0) {
      throw new IOException("nvidia-smi printed no gpu");
    }
    return sum;
  }
}
