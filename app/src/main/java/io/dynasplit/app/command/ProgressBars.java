package io.dynasplit.app.command;

import java.io.PrintWriter;
import java.util.Objects;
import me.tongfei.progressbar.ProgressBar;
import me.tongfei.progressbar.ProgressBarBuilder;
import me.tongfei.progressbar.ProgressBarConsumer;
import me.tongfei.progressbar.ProgressBarStyle;

/**
 * The commands' progress bars: drawn on the command's own error writer (picocli's {@code err}, so a
 * test or an embedding program that gives the command a writer sees them there), plain ASCII,
 * redrawn every 200 ms, so that they read the same in a terminal, a CI log or a file stderr is
 * piped to (no Unicode blocks, no ANSI colours).
 */
public final class ProgressBars {

  /** The widest a bar is drawn: it is redrawn with a carriage return, so it must fit a line. */
  static final int MAX_WIDTH = 100;

  private ProgressBars() {}

  /**
   * A progress bar on the given writer.
   *
   * @param err where the bar is drawn: the command's error writer
   * @param task the name shown before the bar
   * @param max the number of steps
   * @param unit the unit after the counts (such as {@code " evals"}), or empty
   */
  static ProgressBar ascii(PrintWriter err, String task, long max, String unit) {
    return builder(err, task, max).setUnit(unit, 1).build();
  }

  /** A builder with the commands' style and writer, for bars with another unit or finish. */
  static ProgressBarBuilder builder(PrintWriter err, String task, long max) {
    return new ProgressBarBuilder()
        .setTaskName(task)
        .setInitialMax(max)
        .setStyle(ProgressBarStyle.ASCII)
        .setConsumer(new WriterConsumer(err))
        .setUpdateIntervalMillis(200);
  }

  /** Redraws the bar on one line of a writer: a carriage return, the bar, a flush. */
  private static final class WriterConsumer implements ProgressBarConsumer {
    private final PrintWriter err;

    WriterConsumer(PrintWriter err) {
      this.err = Objects.requireNonNull(err, "err");
    }

    @Override
    public int getMaxRenderedLength() {
      return MAX_WIDTH;
    }

    @Override
    public void accept(String rendered) {
      err.print('\r');
      err.print(rendered);
      err.flush();
    }

    @Override
    public void clear() {
      err.print('\r');
      err.print(" ".repeat(MAX_WIDTH));
      err.print('\r');
      err.flush();
    }

    @Override
    public void close() {
      err.println();
      err.flush();
    }
  }
}
