package io.dynasplit.app.command;

import io.dynasplit.broker.MosquittoAcl;
import io.dynasplit.schemas.Topics;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code dynasplit broker acl}: prints the Mosquitto ACL of a deployment, generated from the topic
 * tree.
 */
@Command(
    name = "acl",
    mixinStandardHelpOptions = true,
    description = {
      "Print the Mosquitto ACL of a deployment, generated from the topic tree.",
      "Sensors log in with their sensor id, edges with their edge id (one",
      "section per --edge); cloud workers, observers and site bridges share",
      "the accounts cloud, observer and bridge.",
      "",
      "broker-config/mosquitto/acl is its output for the default prefix and",
      "two edges:",
      "  ./dynasplit broker acl --edge edge-1 --edge edge-2 \\",
      "    > broker-config/mosquitto/acl"
    })
public final class BrokerAclCommand implements Callable<Integer> {

  @CommandLine.Spec CommandLine.Model.CommandSpec spec;

  @Option(
      names = "--prefix",
      paramLabel = "PREFIX",
      defaultValue = Topics.DEFAULT_PREFIX,
      description = "Topic prefix of the deployment (default: ${DEFAULT-VALUE}).")
  String prefix;

  @Option(
      names = "--edge",
      paramLabel = "EDGE_ID",
      description = "An edge of the deployment; its user name is this id. Repeat for each edge.")
  List<String> edgeIds = new ArrayList<>();

  @Override
  public Integer call() {
    Topics topics;
    try {
      topics = new Topics(prefix);
    } catch (IllegalArgumentException e) {
      throw new CommandLine.ParameterException(
          spec.commandLine(), "--prefix: " + e.getMessage(), e);
    }
    String acl;
    try {
      acl = MosquittoAcl.render(topics, edgeIds);
    } catch (IllegalArgumentException e) {
      throw new CommandLine.ParameterException(spec.commandLine(), "--edge: " + e.getMessage(), e);
    }
    spec.commandLine().getOut().print(acl);
    spec.commandLine().getOut().flush();
    return 0;
  }
}
