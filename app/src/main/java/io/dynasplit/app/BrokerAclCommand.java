package io.dynasplit.app;

import io.dynasplit.broker.MosquittoAcl;
import io.dynasplit.schemas.Topics;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code dynasplit broker acl}: prints the Mosquitto ACL of the roles, generated from the topic tree. */
@Command(
    name = "acl",
    mixinStandardHelpOptions = true,
    description = {
      "Print the Mosquitto ACL of the roles sensor, edge, cloud and observer, generated from the topic tree.",
      "",
      "broker-config/mosquitto/acl is its output for the default prefix:",
      "  ./dynasplit broker acl > broker-config/mosquitto/acl"
    })
public final class BrokerAclCommand implements Callable<Integer> {

  @CommandLine.Spec CommandLine.Model.CommandSpec spec;

  @Option(names = "--prefix", paramLabel = "PREFIX", defaultValue = Topics.DEFAULT_PREFIX,
      description = "Topic prefix of the deployment (default: ${DEFAULT-VALUE}).")
  String prefix;

  @Override
  public Integer call() {
    Topics topics;
    try {
      topics = new Topics(prefix);
    } catch (IllegalArgumentException e) {
      throw new CommandLine.ParameterException(spec.commandLine(), "--prefix: " + e.getMessage(), e);
    }
    spec.commandLine().getOut().print(MosquittoAcl.render(topics));
    spec.commandLine().getOut().flush();
    return 0;
  }
}
