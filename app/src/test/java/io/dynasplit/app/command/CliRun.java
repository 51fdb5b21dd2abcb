package io.dynasplit.app.command;

import io.dynasplit.app.DynasplitCommand;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.util.List;
import picocli.CommandLine;

/**
 * What one in-process run of the {@code dynasplit} command line returned and printed, for the app's
 * tests.
 */
record CliRun(int exit, String out, String err) {

  /**
   * Runs {@code dynasplit ARGS} in this JVM, capturing what the command writes to picocli's out and
   * err.
   */
  static CliRun run(String... args) {
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    CommandLine cli = DynasplitCommand.commandLine();
    cli.setOut(new PrintWriter(out, true));
    cli.setErr(new PrintWriter(err, true));
    int exit = cli.execute(args);
    return new CliRun(exit, out.toString(), err.toString());
  }

  /**
   * Like {@link #run}, also capturing {@code System.out} and {@code System.err} (where {@code
   * simulate} prints): each holds what went to picocli's writer, then what went to the stream.
   */
  static CliRun runWithSystemStreams(String... args) {
    PrintStream oldOut = System.out;
    PrintStream oldErr = System.err;
    ByteArrayOutputStream sysOut = new ByteArrayOutputStream();
    ByteArrayOutputStream sysErr = new ByteArrayOutputStream();
    try {
      System.setOut(new PrintStream(sysOut, true, StandardCharsets.UTF_8));
      System.setErr(new PrintStream(sysErr, true, StandardCharsets.UTF_8));
      CliRun run = run(args);
      return new CliRun(
          run.exit(),
          run.out() + sysOut.toString(StandardCharsets.UTF_8),
          run.err() + sysErr.toString(StandardCharsets.UTF_8));
    } finally {
      System.setOut(oldOut);
      System.setErr(oldErr);
    }
  }

  /** The lines printed to out. */
  List<String> lines() {
    return out.lines().toList();
  }
}
