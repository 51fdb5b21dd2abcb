package io.dynasplit.app.command;

import io.dynasplit.app.profile.DataPlaneSetup;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.IVersionProvider;

/** {@code dynasplit version}: the project version, the JVM and the platform. */
@Command(
    name = "version",
    mixinStandardHelpOptions = true,
    description = "Print the version of dynasplit, the JVM and the platform.")
public final class VersionCommand implements Callable<Integer> {

  @CommandLine.Spec CommandLine.Model.CommandSpec spec;

  /** The version of the running jar, from its manifest; {@code dev} when run from classes. */
  public static String projectVersion() {
    return DataPlaneSetup.projectVersion();
  }

  static String[] lines() {
    return new String[] {
      "dynasplit " + projectVersion(),
      "java " + System.getProperty("java.version") + " (" + System.getProperty("java.vendor") + ")",
      "os " + System.getProperty("os.name") + " " + System.getProperty("os.arch")
    };
  }

  @Override
  public Integer call() {
    for (String line : lines()) {
      spec.commandLine().getOut().println(line);
    }
    return 0;
  }

  /** Feeds {@code dynasplit --version}. */
  public static final class Provider implements IVersionProvider {
    @Override
    public String[] getVersion() {
      return lines();
    }
  }
}
