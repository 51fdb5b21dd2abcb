package io.dynasplit.schemas;

import java.util.Objects;
import java.util.Optional;

/**
 * The MQTT topic tree of ARCHITECTURE 4.1, the one place where topic strings are spelled.
 *
 * <p>Every topic starts with a prefix ({@value #DEFAULT_PREFIX} by default). Identifiers (edge ids,
 * worker ids, request ids, model ids) must be non-empty and free of MQTT's special characters
 * ({@code / + # $}) and of whitespace.
 *
 * {@snippet :
 * Topics topics = Topics.DEFAULT;
 * String requests = topics.edgeRequests("edge-1"); // dynasplit/v1/edge/edge-1/requests
 * TopicAddress address = topics.parse(requests).orElseThrow(); // kind EDGE_REQUESTS, edgeId edge-1
 * }
 *
 * @param prefix the topic prefix, without a trailing slash
 */
public record Topics(String prefix) {

  /** The prefix of every topic unless configured otherwise. */
  public static final String DEFAULT_PREFIX = "dynasplit/v1";

  /** The shared-subscription group of the cloud workers. */
  public static final String CLOUD_SHARE_GROUP = "dynasplit-cloud";

  /** The topic tree with the default prefix. */
  public static final Topics DEFAULT = new Topics(DEFAULT_PREFIX);

  /** Checks the prefix. */
  public Topics {
    Objects.requireNonNull(prefix, "prefix");
    if (prefix.isEmpty() || prefix.startsWith("/") || prefix.endsWith("/")) {
      throw new IllegalArgumentException(
          "prefix must be non-empty without leading or trailing '/': '" + prefix + "'");
    }
    if (prefix.contains("+") || prefix.contains("#") || prefix.startsWith("$")) {
      throw new IllegalArgumentException(
          "prefix must not contain MQTT wildcards or start with '$': '" + prefix + "'");
    }
  }

  /** Sensors publish inference requests here. */
  public String edgeRequests(String edgeId) {
    return prefix + "/edge/" + id("edgeId", edgeId) + "/requests";
  }

  /** The default reply topic of a request that names none. */
  public String edgeReply(String edgeId, String requestId) {
    return prefix + "/edge/" + id("edgeId", edgeId) + "/replies/" + id("requestId", requestId);
  }

  /** A filter for every default reply of one edge. */
  public String edgeRepliesFilter(String edgeId) {
    return prefix + "/edge/" + id("edgeId", edgeId) + "/replies/+";
  }

  /**
   * A reply topic in a sensor's own reply namespace, for the MQTT 5 Response Topic or {@code
   * replyTo} of a request when the broker enforces ACLs (only that sensor may read it, only edges
   * may write it).
   */
  public String sensorReply(String sensorId, String name) {
    return prefix + "/replies/" + id("sensorId", sensorId) + "/" + id("name", name);
  }

  /** A filter for every topic of one sensor's reply namespace. */
  public String sensorRepliesFilter(String sensorId) {
    return prefix + "/replies/" + id("sensorId", sensorId) + "/#";
  }

  /** A filter for the whole reply namespace, every sensor's custom reply topics. */
  public String replyNamespaceFilter() {
    return prefix + "/replies/#";
  }

  /**
   * Whether a concrete topic lies in the reply namespace: {@code <prefix>/replies/<sensorId>/} and
   * at least one more level, every level a valid identifier (no wildcards, no empty levels).
   */
  public boolean isReplyNamespace(String topic) {
    Objects.requireNonNull(topic, "topic");
    String root = prefix + "/replies/";
    if (!topic.startsWith(root)) {
      return false;
    }
    String[] levels = topic.substring(root.length()).split("/", -1);
    if (levels.length < 2) {
      return false;
    }
    for (String level : levels) {
      if (!isValidId(level)) {
        return false;
      }
    }
    return true;
  }

  /** Edges publish intermediate tensors here; cloud workers share it. */
  public String cloudTail() {
    return prefix + "/cloud/tail";
  }

  /** The shared subscription the cloud workers use, so N workers share the load. */
  public String cloudTailShared() {
    return "$share/" + CLOUD_SHARE_GROUP + "/" + cloudTail();
  }

  /** The MQTT 5 response topic an edge sets on its tail requests. */
  public String edgeTailResults(String edgeId) {
    return prefix + "/edge/" + id("edgeId", edgeId) + "/tail-results";
  }

  /** Periodic edge telemetry (QoS 0). */
  public String edgeTelemetry(String edgeId) {
    return prefix + "/edge/" + id("edgeId", edgeId) + "/telemetry";
  }

  /** Retained edge status, {@code online} or {@code offline} (the last will). */
  public String edgeStatus(String edgeId) {
    return prefix + "/edge/" + id("edgeId", edgeId) + "/status";
  }

  /** Retained Pareto front of one model for one edge. */
  public String edgePareto(String edgeId, String model) {
    return prefix + "/edge/" + id("edgeId", edgeId) + "/pareto/" + id("model", model);
  }

  /** A filter for every Pareto front of one edge. */
  public String edgeParetoFilter(String edgeId) {
    return prefix + "/edge/" + id("edgeId", edgeId) + "/pareto/+";
  }

  /** Retained cloud worker status. */
  public String cloudStatus(String workerId) {
    return prefix + "/cloud/" + id("workerId", workerId) + "/status";
  }

  /** Cloud worker load telemetry. */
  public String cloudTelemetry(String workerId) {
    return prefix + "/cloud/" + id("workerId", workerId) + "/telemetry";
  }

  /** A filter for the status of every cloud worker. */
  public String cloudStatusFilter() {
    return prefix + "/cloud/+/status";
  }

  /** A filter for the telemetry of every cloud worker. */
  public String cloudTelemetryFilter() {
    return prefix + "/cloud/+/telemetry";
  }

  /** A filter for everything under the prefix (observers, bridges). */
  public String everything() {
    return prefix + "/#";
  }

  /**
   * Parses a concrete topic of this tree.
   *
   * @return the address, or empty when the topic is not one of ours
   */
  public Optional<TopicAddress> parse(String topic) {
    Objects.requireNonNull(topic, "topic");
    if (!topic.startsWith(prefix + "/")) {
      return Optional.empty();
    }
    String[] p = topic.substring(prefix.length() + 1).split("/", -1);
    for (String part : p) {
      if (!isValidId(part)) {
        return Optional.empty();
      }
    }
    if (p.length == 3 && p[0].equals("edge")) {
      return switch (p[2]) {
        case "requests" -> Optional.of(TopicAddress.edge(TopicAddress.Kind.EDGE_REQUESTS, p[1]));
        case "tail-results" ->
            Optional.of(TopicAddress.edge(TopicAddress.Kind.EDGE_TAIL_RESULTS, p[1]));
        case "telemetry" -> Optional.of(TopicAddress.edge(TopicAddress.Kind.EDGE_TELEMETRY, p[1]));
        case "status" -> Optional.of(TopicAddress.edge(TopicAddress.Kind.EDGE_STATUS, p[1]));
        default -> Optional.empty();
      };
    }
    if (p.length == 4 && p[0].equals("edge") && p[2].equals("replies")) {
      return Optional.of(new TopicAddress(TopicAddress.Kind.EDGE_REPLY, p[1], null, p[3], null));
    }
    if (p.length == 4 && p[0].equals("edge") && p[2].equals("pareto")) {
      return Optional.of(new TopicAddress(TopicAddress.Kind.EDGE_PARETO, p[1], null, null, p[3]));
    }
    if (p.length == 2 && p[0].equals("cloud") && p[1].equals("tail")) {
      return Optional.of(new TopicAddress(TopicAddress.Kind.CLOUD_TAIL, null, null, null, null));
    }
    if (p.length == 3 && p[0].equals("cloud")) {
      return switch (p[2]) {
        case "status" ->
            Optional.of(new TopicAddress(TopicAddress.Kind.CLOUD_STATUS, null, p[1], null, null));
        case "telemetry" ->
            Optional.of(
                new TopicAddress(TopicAddress.Kind.CLOUD_TELEMETRY, null, p[1], null, null));
        default -> Optional.empty();
      };
    }
    return Optional.empty();
  }

  /** Whether a string may be used as an identifier inside a topic. */
  public static boolean isValidId(String id) {
    if (id == null || id.isEmpty() || id.length() > 256 || !WireLimits.isWellFormed(id)) {
      return false;
    }
    for (int i = 0; i < id.length(); i++) {
      char c = id.charAt(i);
      if (c == '/'
          || c == '+'
          || c == '#'
          || c == '$'
          || Character.isWhitespace(c)
          || Character.isISOControl(c)) {
        return false;
      }
    }
    return true;
  }

  private static String id(String what, String value) {
    if (!isValidId(value)) {
      throw new IllegalArgumentException(
          what
              + " must be 1..256 characters without '/', '+', '#', '$' or whitespace: '"
              + value
              + "'");
    }
    return value;
  }
}
