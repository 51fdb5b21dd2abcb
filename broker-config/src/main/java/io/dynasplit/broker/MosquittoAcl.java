package io.dynasplit.broker;

import io.dynasplit.schemas.Topics;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;
import java.util.stream.Collectors;

/**
 * The access control list of a Mosquitto broker for DynaSplit, derived from {@link Topics}.
 *
 * <p>{@code broker-config/mosquitto/acl} is this class's output for the default prefix ({@code
 * dynasplit broker acl} prints it; a test checks that the file is up to date), so the ACL never
 * spells a topic by hand. Each role has one account ({@link Role#userName()}); {@code +} in a
 * filter stands for any edge, worker, request or model.
 *
 * {@snippet :
 * String acl = MosquittoAcl.render(Topics.DEFAULT); // write it to /etc/mosquitto/dynasplit/acl
 * }
 */
public final class MosquittoAcl {

  /** The identifier handed to the topic builders where the ACL wants {@code +}. */
  static final String ANY = "any-id-0f3c9a";

  private MosquittoAcl() {}

  /** What a role may publish and subscribe, in ACL order. */
  public static List<AclGrant> grants(Role role, Topics topics) {
    Objects.requireNonNull(role, "role");
    Objects.requireNonNull(topics, "topics");
    return switch (role) {
      case SENSOR -> List.of(
          write(topics.edgeRequests(ANY)),
          read(topics.edgeRepliesFilter(ANY)),
          read(topics.edgeStatus(ANY)));
      case EDGE -> List.of(
          read(topics.edgeRequests(ANY)),
          write(topics.edgeRepliesFilter(ANY)),
          write(topics.cloudTail()),
          read(topics.edgeTailResults(ANY)),
          write(topics.edgeTelemetry(ANY)),
          write(topics.edgeStatus(ANY)),
          // the optimizer runs beside the edge and publishes the fronts the edge schedules from
          new AclGrant(AclGrant.Access.READWRITE, wildcard(topics.edgeParetoFilter(ANY))),
          read(topics.cloudStatusFilter()),
          read(topics.cloudTelemetryFilter()));
      case CLOUD -> List.of(
          read(topics.cloudTail()),
          write(topics.edgeTailResults(ANY)),
          write(topics.cloudStatus(ANY)),
          write(topics.cloudTelemetry(ANY)));
      case OBSERVER -> List.of(read(topics.everything()));
    };
  }

  /** The ACL file for every role, with a header that says where it came from. */
  public static String render(Topics topics) {
    Objects.requireNonNull(topics, "topics");
    StringBuilder out = new StringBuilder();
    out.append("# Mosquitto ACL of DynaSplit, one account per role, topic prefix ").append(topics.prefix()).append('\n');
    out.append("# Generated from io.dynasplit.schemas.Topics; do not edit by hand. Regenerate with\n");
    out.append("#   ./dynasplit broker acl > broker-config/mosquitto/acl\n");
    out.append("# '+' stands for any edge id, worker id, request id or model.\n");
    for (Role role : Role.values()) {
      out.append('\n').append("# ").append(role.userName()).append(": ").append(purpose(role)).append('\n');
      out.append("user ").append(role.userName()).append('\n');
      for (AclGrant grant : grants(role, topics)) {
        out.append(grant.toAclLine()).append('\n');
      }
    }
    return out.toString();
  }

  private static String purpose(Role role) {
    return switch (role) {
      case SENSOR -> "publishes requests, reads the default replies and edge status";
      case EDGE -> "serves requests, sends tails to the cloud, publishes telemetry, status and fronts";
      case CLOUD -> "runs tails (shared subscription), answers the edge, publishes its load";
      case OBSERVER -> "dashboards and alerting, read only";
    };
  }

  private static AclGrant read(String topic) {
    return new AclGrant(AclGrant.Access.READ, wildcard(topic));
  }

  private static AclGrant write(String topic) {
    return new AclGrant(AclGrant.Access.WRITE, wildcard(topic));
  }

  /** Replaces each level that is the placeholder identifier by {@code +}. */
  private static String wildcard(String topic) {
    return Arrays.stream(topic.split("/", -1))
        .map(level -> level.equals(ANY) ? "+" : level)
        .collect(Collectors.joining("/"));
  }
}
