package io.dynasplit.app;

import io.dynasplit.app.command.IoErrors;
import java.io.IOException;
import java.nio.file.FileSystemException;
import java.util.ArrayList;
import java.util.List;
import picocli.CommandLine;
import picocli.CommandLine.IExecutionExceptionHandler;
import picocli.CommandLine.ParseResult;

/**
 * Turns a command's failure into one line on stderr, {@code dynasplit <cmd>: <message>}, with the
 * cause chain condensed and no stack trace; exit code 2 for a bad parameter (an {@link
 * IllegalArgumentException} or picocli's {@link CommandLine.ParameterException}), 1 for anything
 * that failed while running. Set {@code -Ddynasplit.trace=true} to get the stack trace as well.
 */
public final class CliErrors implements IExecutionExceptionHandler {

  /** Exit code of a bad parameter (as picocli's own parse errors). */
  public static final int BAD_PARAMETER = 2;

  /** Exit code of a failure while running. */
  public static final int FAILED = 1;

  private static final int MAX_CAUSES = 4;

  @Override
  public int handleExecutionException(Exception ex, CommandLine cmd, ParseResult parseResult) {
    cmd.getErr().println(cmd.getCommandSpec().qualifiedName() + ": " + message(ex));
    if (Boolean.getBoolean("dynasplit.trace")) {
      ex.printStackTrace(cmd.getErr());
    }
    cmd.getErr().flush();
    return ex instanceof IllegalArgumentException || ex instanceof CommandLine.ParameterException
        ? BAD_PARAMETER
        : FAILED;
  }

  /**
   * The messages of a cause chain joined with {@code ": "}, skipping empty ones and ones that only
   * repeat their cause; the innermost exception's type when none has a message. Never "null".
   */
  public static String message(Throwable t) {
    List<String> parts = new ArrayList<>();
    Throwable innermost = t;
    for (Throwable c = t;
        c != null && parts.size() < MAX_CAUSES;
        c = c.getCause() == c ? null : c.getCause()) {
      innermost = c;
      String m = text(c);
      if (m == null || m.isBlank() || "null".equals(m)) {
        continue;
      }
      Throwable cause = c.getCause();
      if (cause != null && (m.equals(cause.toString()) || m.equals(cause.getMessage()))) {
        continue;
      }
      int colon = m.indexOf(": ");
      String head = colon >= 8 ? m.substring(0, colon) : m;
      if (parts.stream().noneMatch(p -> p.contains(m) || p.contains(head))) {
        parts.add(m);
      }
    }
    return parts.isEmpty() ? innermost.getClass().getSimpleName() : String.join(": ", parts);
  }

  /** An exception's own message; I/O failures in words with their file. */
  private static String text(Throwable t) {
    String m = t.getMessage();
    if (t instanceof IOException io && (m != null || io instanceof FileSystemException)) {
      return IoErrors.describe(io);
    }
    return m;
  }
}
