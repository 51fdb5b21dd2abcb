package io.dynasplit.app.command;

import me.tongfei.progressbar.ConsoleProgressBarConsumer;
import me.tongfei.progressbar.ProgressBar;
import me.tongfei.progressbar.ProgressBarBuilder;
import me.tongfei.progressbar.ProgressBarStyle;

/**
 * The commands' one progress bar style: plain ASCII on stderr, redrawn every 200 ms, so that it
 * reads the same in a terminal, a CI log or a file stderr is piped to (no Unicode blocks, no ANSI
 * colours).
 */
public final class ProgressBars {

  private ProgressBars() {}

  /**
   * A progress bar on stderr.
   *
   * @param task the name shown before the bar
   * @param max the number of steps
   * @param unit the unit after the counts (such as {@code " evals"}), or empty
   */
  static ProgressBar ascii(String task, long max, String unit) {
    return new ProgressBarBuilder()
        .setTaskName(task)
        .setInitialMax(max)
        .setUnit(unit, 1)
        .setStyle(ProgressBarStyle.ASCII)
        .setConsumer(new ConsoleProgressBarConsumer(System.err))
        .setUpdateIntervalMillis(200)
        .build();
  }
}
