package io.dynasplit.energy;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Iterator;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.function.LongSupplier;

/**
 * The CPU time of some of this process's threads, chosen by name prefix: for a {@link
 * ModelEnergyMeter} that meters one component (the edge) of a process that also runs another (a
 * cloud worker) rather than the whole process.
 *
 * <p>It reads Linux's per-thread accounting ({@code /proc/self/task/<tid>/comm} and {@code
 * schedstat}, nanoseconds on the CPU) rather than {@code ThreadMXBean}, because it must also count
 * native threads: ONNX Runtime's intra-op thread pools are not Java threads, and they inherit the
 * name of the thread that created their session. Linux keeps 15 characters of a thread's name, so
 * the prefix is matched on at most that many. The sum stays monotonic when a matching thread exits
 * (its last reading is kept). It suits long-lived threads (worker pools, session thread pools): a
 * thread that starts and ends between two readings is never seen.
 *
 * @implNote thread-safe (one lock); a reading lists {@code /proc/self/task} and reads the schedstat
 *     of the matching threads; names are read once per thread.
 */
public final class ThreadCpuTime implements LongSupplier {

  /** How many characters of a thread's name Linux keeps. */
  public static final int LINUX_NAME_LENGTH = 15;

  private static final Path TASKS = Path.of("/proc/self/task");

  private final Path tasks;
  private final String prefix;
  private final Map<String, Long> lastByThread = new HashMap<>();
  private final Set<String> otherThreads = new HashSet<>();
  private long exitedNanos;

  ThreadCpuTime(Path tasks, String prefix) {
    this.tasks = Objects.requireNonNull(tasks, "tasks");
    Objects.requireNonNull(prefix, "prefix");
    if (prefix.isEmpty()) {
      throw new IllegalArgumentException("prefix must not be empty");
    }
    this.prefix =
        prefix.length() > LINUX_NAME_LENGTH ? prefix.substring(0, LINUX_NAME_LENGTH) : prefix;
  }

  /**
   * The CPU time of this process's threads whose names start with {@code prefix}.
   *
   * @throws IllegalStateException when this system has no per-thread accounting ({@code
   *     /proc/self/task/<tid>/schedstat}); the caller then meters the whole process
   */
  public static ThreadCpuTime ofThreadsNamed(String prefix) {
    ThreadCpuTime t = new ThreadCpuTime(TASKS, prefix);
    if (!Files.isReadable(
        TASKS.resolve(String.valueOf(ProcessHandle.current().pid())).resolve("schedstat"))) {
      throw new IllegalStateException(
          "this system has no per-thread cpu accounting (/proc/self/task/*/schedstat)");
    }
    return t;
  }

  /** The prefix matched, cut to {@link #LINUX_NAME_LENGTH} characters. */
  public String prefix() {
    return prefix;
  }

  @Override
  public synchronized long getAsLong() {
    Set<String> seen = new HashSet<>();
    long live = 0;
    try (DirectoryStream<Path> dir = Files.newDirectoryStream(tasks)) {
      for (Path task : dir) {
        String tid = task.getFileName().toString();
        if (otherThreads.contains(tid)) {
          continue;
        }
        try {
          if (!lastByThread.containsKey(tid) && !read(task.resolve("comm")).startsWith(prefix)) {
            otherThreads.add(tid);
            continue;
          }
          long ns = Long.parseLong(read(task.resolve("schedstat")).split(" ", 2)[0]);
          lastByThread.put(tid, ns);
          seen.add(tid);
          live += ns;
        } catch (NoSuchFileException e) {
          // the thread exited between the listing and the read
        }
      }
    } catch (IOException | RuntimeException e) {
      throw new IllegalStateException(
          "cannot read per-thread cpu time from " + tasks + ": " + e, e);
    }
    for (Iterator<Map.Entry<String, Long>> it = lastByThread.entrySet().iterator();
        it.hasNext(); ) {
      Map.Entry<String, Long> e = it.next();
      if (!seen.contains(e.getKey())) {
        exitedNanos += e.getValue();
        it.remove();
      }
    }
    if (otherThreads.size() > 4096) {
      // threads come and go: forget the ids (their names are read again once)
      otherThreads.clear();
    }
    return exitedNanos + live;
  }

  private static String read(Path file) throws IOException {
    return new String(Files.readAllBytes(file), StandardCharsets.US_ASCII).trim();
  }
}
