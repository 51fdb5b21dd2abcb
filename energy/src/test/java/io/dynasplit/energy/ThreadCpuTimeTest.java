package io.dynasplit.energy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * Tests of the CPU time of a process's threads chosen by name, on Linux's per-thread accounting.
 */
class ThreadCpuTimeTest {

  private static volatile long sink;

  /** Burns CPU on the calling thread for a fixed amount of work. */
  private static void burn() {
    long x = 1;
    for (int i = 0; i < 50_000_000; i++) {
      x = x * 6364136223846793005L + 1442695040888963407L;
    }
    sink = x;
  }

  private static void assumeLinux() {
    assumeTrue(Files.isReadable(Path.of("/proc/self/task")), "needs Linux per-thread accounting");
  }

  /**
   * Verifies that the CPU time of a named thread is counted while another thread's is not, and that
   * the sum keeps a thread's time after it exits.
   */
  @Test
  void countsOnlyThreadsWithThePrefix() throws Exception {
    assumeLinux();
    ThreadCpuTime edge = ThreadCpuTime.ofThreadsNamed("ds-test-edge-worker-that-is-long");
    assertEquals("ds-test-edge-wo", edge.prefix());
    CountDownLatch burnt = new CountDownLatch(1);
    CountDownLatch done = new CountDownLatch(1);
    Thread worker =
        new Thread(
            () -> {
              burn();
              burnt.countDown();
              try {
                done.await();
              } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
              }
            },
            "ds-test-edge-worker-1");
    long before = edge.getAsLong();
    worker.start();
    assertTrue(burnt.await(60, TimeUnit.SECONDS));
    // the worker still runs for a moment after counting down (until it parks): wait for that
    while (worker.getState() != Thread.State.WAITING) {
      Thread.sleep(1);
    }
    long afterBurn = edge.getAsLong();
    assertTrue(
        afterBurn > before,
        "the named thread's cpu time was not counted: " + before + " -> " + afterBurn);

    // another thread burns while the named one waits: at most the parking's few microseconds more
    ThreadCpuTime cloud = ThreadCpuTime.ofThreadsNamed("ds-test-cloud");
    long cloudBefore = cloud.getAsLong();
    Thread other =
        new Thread(
            () -> {
              burn();
              try {
                done.await();
              } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
              }
            },
            "ds-test-cloud-1");
    other.start();
    // it must still be alive when read: a thread born and gone between two readings is not seen
    while (other.getState() != Thread.State.WAITING) {
      Thread.sleep(1);
    }
    long cloudBurnt = cloud.getAsLong() - cloudBefore;
    long afterOther = edge.getAsLong();
    assertTrue(cloudBurnt > 0, "the other thread's cpu time was not seen by its own prefix");
    assertTrue(
        afterOther - afterBurn < cloudBurnt / 100,
        "another thread's cpu time was counted: "
            + (afterOther - afterBurn)
            + " ns of its "
            + cloudBurnt
            + " ns");

    done.countDown();
    worker.join();
    other.join();
    assertTrue(edge.getAsLong() >= afterOther, "the sum went down when the named thread exited");
  }

  /** Verifies that a model meter over a thread's CPU time charges that thread's work. */
  @Test
  void modelMeterOverThreadsChargesTheirWork() throws Exception {
    assumeLinux();
    PowerModel model = new PowerModel(2.0, 1.0, 4);
    ModelEnergyMeter meter =
        new ModelEnergyMeter(model).withCpuTime(ThreadCpuTime.ofThreadsNamed("ds-test-meter"));
    EnergyMeter.Window window = meter.open();
    CountDownLatch burnt = new CountDownLatch(1);
    CountDownLatch closed = new CountDownLatch(1);
    // a pool thread: it outlives the window (a thread born and gone inside a window is not seen)
    Thread t =
        new Thread(
            () -> {
              burn();
              burnt.countDown();
              try {
                closed.await();
              } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
              }
            },
            "ds-test-meter-1");
    t.start();
    assertTrue(burnt.await(60, TimeUnit.SECONDS));
    EnergyReading r = window.close();
    closed.countDown();
    t.join();
    double wallSeconds = (r.endNanos() - r.startNanos()) / 1e9;
    assertTrue(r.joules() > model.joules(wallSeconds, 0), "no cpu charged: " + r);
  }
}
