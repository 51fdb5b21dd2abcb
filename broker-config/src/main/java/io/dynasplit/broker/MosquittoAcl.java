package io.dynasplit.broker;

import io.dynasplit.schemas.Topics;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * The access control list of a Mosquitto broker for DynaSplit, derived from {@link Topics}.
 *
 * <p>Identities: a sensor logs in with its sensor id, an edge with its edge id; cloud workers,
 * observers and site bridges share one account per role ({@link Role#userName()}). Mosquitto's
 * {@code pattern} lines apply to every account, so they hold only what any account may do (send
 * requests, read edge status and default replies) and what is scoped by {@code %u} (a sensor reads
 * its own reply namespace {@code <prefix>/replies/<sensor id>/#}); the shared accounts deny
 * requests. Everything an edge owns is granted to that edge's account alone, by name, so an edge
 * cannot write another edge's replies, status or fronts: that is why the ACL needs the list of edge
 * ids. {@code broker-config/mosquitto/acl} is this class's output for the default prefix and the
 * edges {@code edge-1}, {@code edge-2} ({@code dynasplit broker acl --edge edge-1 --edge edge-2});
 * a test checks that the file is up to date.
 *
 * {@snippet :
 * String acl = MosquittoAcl.render(Topics.DEFAULT, List.of("edge-1", "edge-2"));
 * }
 */
public final class MosquittoAcl {

  /** The identifier handed to the topic builders where the ACL wants {@code +}. */
  static final String ANY = "any-id-0f3c9a";

  /** The identifier handed to the topic builders where the ACL wants the user name, {@code %u}. */
  static final String USER = "user-id-7d21e4";

  private MosquittoAcl() {}

  /**
   * The pattern lines: what every account may do, and each sensor's own reply namespace ({@code
   * %u}).
   */
  public static List<AclGrant> patterns(Topics topics) {
    Objects.requireNonNull(topics, "topics");
    return List.of(
        pattern(AclGrant.Access.WRITE, topics.edgeRequests(ANY)),
        pattern(AclGrant.Access.READ, topics.edgeRepliesFilter(ANY)),
        pattern(AclGrant.Access.READ, topics.edgeStatus(ANY)),
        pattern(AclGrant.Access.READ, topics.sensorRepliesFilter(USER)));
  }

  /**
   * What the account of one edge may do beyond the patterns, every edge topic spelled with its own
   * id.
   */
  public static List<AclGrant> edgeGrants(Topics topics, String edgeId) {
    Objects.requireNonNull(topics, "topics");
    checkEdgeId(edgeId);
    return List.of(
        topic(AclGrant.Access.READ, topics.edgeRequests(edgeId)),
        topic(AclGrant.Access.WRITE, topics.edgeRepliesFilter(edgeId)),
        // replies to a Response Topic or replyTo inside the reply namespace of any sensor
        topic(AclGrant.Access.WRITE, topics.replyNamespaceFilter()),
        topic(AclGrant.Access.WRITE, topics.cloudTail()),
        topic(AclGrant.Access.READ, topics.edgeTailResults(edgeId)),
        topic(AclGrant.Access.WRITE, topics.edgeTelemetry(edgeId)),
        topic(AclGrant.Access.WRITE, topics.edgeStatus(edgeId)),
        // the optimizer runs beside the edge and publishes the fronts the edge schedules from
        topic(AclGrant.Access.READWRITE, topics.edgeParetoFilter(edgeId)),
        topic(AclGrant.Access.READ, topics.cloudStatusFilter()),
        topic(AclGrant.Access.READ, topics.cloudTelemetryFilter()));
  }

  /** What a shared account (cloud, observer, bridge) may do, denials first. */
  public static List<AclGrant> sharedGrants(Role role, Topics topics) {
    Objects.requireNonNull(role, "role");
    Objects.requireNonNull(topics, "topics");
    // the patterns let every account send requests; none of the shared accounts has reason to
    AclGrant noRequests = topic(AclGrant.Access.DENY, topics.edgeRequests(ANY));
    return switch (role) {
      case SENSOR, EDGE ->
          throw new IllegalArgumentException(
              role.name().toLowerCase(Locale.ROOT)
                  + " has no shared account: its clients log in with their own id");
      case CLOUD ->
          List.of(
              noRequests,
              topic(AclGrant.Access.READ, topics.cloudTail()),
              topic(AclGrant.Access.WRITE, topics.edgeTailResults(ANY)),
              topic(AclGrant.Access.WRITE, topics.cloudStatus(ANY)),
              topic(AclGrant.Access.WRITE, topics.cloudTelemetry(ANY)));
      case OBSERVER -> List.of(noRequests, topic(AclGrant.Access.READ, topics.everything()));
      // exactly the topics of the bridge section of mosquitto.conf, for every edge of the site
      case BRIDGE ->
          List.of(
              noRequests,
              topic(AclGrant.Access.WRITE, topics.cloudTail()),
              topic(AclGrant.Access.READ, topics.edgeTailResults(ANY)),
              topic(AclGrant.Access.WRITE, topics.edgeTelemetry(ANY)),
              topic(AclGrant.Access.WRITE, topics.edgeStatus(ANY)),
              topic(AclGrant.Access.READWRITE, topics.edgeParetoFilter(ANY)),
              topic(AclGrant.Access.READ, topics.cloudStatusFilter()),
              topic(AclGrant.Access.READ, topics.cloudTelemetryFilter()));
    };
  }

  /**
   * The ACL file: the patterns, one section per edge, one per shared account, with a header that
   * says where it came from.
   *
   * @param edgeIds the edges of the deployment (their user names); may be empty
   */
  public static String render(Topics topics, List<String> edgeIds) {
    Objects.requireNonNull(topics, "topics");
    Objects.requireNonNull(edgeIds, "edgeIds");
    Set<String> seen = new HashSet<>();
    for (String edgeId : edgeIds) {
      checkEdgeId(edgeId);
      if (!seen.add(edgeId)) {
        throw new IllegalArgumentException("edge id given twice: '" + edgeId + "'");
      }
    }
    StringBuilder out = new StringBuilder();
    out.append("# Mosquitto ACL of DynaSplit, topic prefix ").append(topics.prefix()).append('\n');
    out.append(
        "# Generated from io.dynasplit.schemas.Topics; do not edit by hand. Regenerate with\n");
    out.append("#   ./dynasplit broker acl")
        .append(edgeIds.stream().map(id -> " --edge " + id).collect(Collectors.joining()))
        .append(" > broker-config/mosquitto/acl\n");
    out.append(
        "# Sensors log in with their sensor id, edges with their edge id; cloud workers,"
            + " observers\n");
    out.append(
        "# and site bridges share the accounts cloud, observer and bridge. '+' stands for any"
            + " id.\n");
    out.append(
        "\n"
            + "# every account (Mosquitto applies patterns to all users): send requests, read edge"
            + " status\n");
    out.append(
        "# and default replies; a sensor reads its own reply namespace (%u = its user name)\n");
    appendLines(out, patterns(topics));
    for (String edgeId : edgeIds) {
      out.append("\n# edge ")
          .append(edgeId)
          .append(": serves its requests, answers in its reply topics and the reply namespace,\n");
      out.append("# sends tails to the cloud, publishes its own telemetry, status and fronts\n");
      out.append("user ").append(edgeId).append('\n');
      appendLines(out, edgeGrants(topics, edgeId));
    }
    for (Role role : Role.values()) {
      if (role.sharesAccount()) {
        out.append('\n')
            .append("# ")
            .append(role.userName())
            .append(": ")
            .append(purpose(role))
            .append('\n');
        out.append("user ").append(role.userName()).append('\n');
        appendLines(out, sharedGrants(role, topics));
      }
    }
    return out.toString();
  }

  private static void appendLines(StringBuilder out, List<AclGrant> grants) {
    for (AclGrant grant : grants) {
      out.append(grant.toAclLine()).append('\n');
    }
  }

  private static String purpose(Role role) {
    return switch (role) {
      case CLOUD ->
          "every cloud worker; runs tails (shared subscription), answers the edge, publishes its"
              + " load";
      case OBSERVER ->
          "dashboards and alerting, read only (Mosquitto's deny also hides requests from it)";
      case BRIDGE -> "an edge-site broker's bridge on the cloud broker, for every edge of its site";
      case SENSOR, EDGE -> throw new IllegalArgumentException("no shared account: " + role);
    };
  }

  private static void checkEdgeId(String edgeId) {
    Objects.requireNonNull(edgeId, "edgeId");
    if (!Topics.isValidId(edgeId)) {
      throw new IllegalArgumentException(
          "edgeId must be 1..256 characters without '/', '+', '#', '$' or whitespace: '"
              + edgeId
              + "'");
    }
    for (Role role : Role.values()) {
      if (role.sharesAccount() && role.userName().equals(edgeId)) {
        throw new IllegalArgumentException(
            "edgeId must not be the shared account name '" + edgeId + "'");
      }
    }
  }

  private static AclGrant topic(AclGrant.Access access, String topic) {
    return AclGrant.topic(access, substitute(topic));
  }

  private static AclGrant pattern(AclGrant.Access access, String topic) {
    return AclGrant.pattern(access, substitute(topic));
  }

  /** Replaces each level that is a placeholder identifier by {@code +} or {@code %u}. */
  private static String substitute(String topic) {
    return Arrays.stream(topic.split("/", -1))
        .map(level -> level.equals(ANY) ? "+" : level.equals(USER) ? "%u" : level)
        .collect(Collectors.joining("/"));
  }
}
