package io.dynasplit.app.profile;

import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import sun.misc.Signal;

/**
 * Stops a serving command on Ctrl-C (SIGINT) or SIGTERM before the JVM's shutdown hooks run, then
 * exits with 128 + the signal's number as the JVM would.
 *
 * <p>Why not a plain shutdown hook: hooks run all at once, and ONNX Runtime registers one that
 * releases its native environment; an inference or a session being created at that moment (a served
 * request, the warm-up after a front arrives, the autoprofiler's measurements) then crashes the JVM
 * (SIGSEGV in {@code libonnxruntime.so}, an {@code hs_err} file, exit 134). Stopping the nodes
 * first on the signal leaves ONNX Runtime idle when its hook runs. The stop also runs as a shutdown
 * hook, once, for the other ways the JVM ends.
 */
public final class OrderlyStop {

  private static final Logger LOG = LoggerFactory.getLogger(OrderlyStop.class);

  private OrderlyStop() {}

  /**
   * Runs {@code stop} once: on SIGINT or SIGTERM (then exits), or else from a shutdown hook named
   * {@code dynasplit-COMMAND-shutdown}.
   */
  public static void install(String command, Runnable stop) {
    AtomicBoolean stopped = new AtomicBoolean();
    Runnable once =
        () -> {
          if (stopped.compareAndSet(false, true)) {
            stop.run();
          }
        };
    Runtime.getRuntime().addShutdownHook(new Thread(once, "dynasplit-" + command + "-shutdown"));
    for (String name : List.of("INT", "TERM")) {
      try {
        Signal.handle(
            new Signal(name),
            signal -> {
              once.run();
              System.exit(128 + signal.getNumber());
            });
      } catch (IllegalArgumentException e) {
        // the signal is not there or the JVM leaves it alone (-Xrs): the shutdown hook still runs
        LOG.debug("no handler for SIG{}: {}", name, e.getMessage());
      }
    }
  }
}
