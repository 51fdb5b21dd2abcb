package io.dynasplit.broker;

import java.util.Locale;
import java.util.Objects;

/**
 * One line of a Mosquitto ACL file: an access on a topic filter, for one account or, as a pattern,
 * for every account.
 *
 * @param line {@code topic} (the account the line stands under) or {@code pattern} (every account,
 *     with {@code %u} replaced by the user name and {@code %c} by the client id)
 * @param access read (subscribe and receive), write (publish), both, or deny (neither, checked
 *     before any grant)
 * @param topicFilter an MQTT topic filter; {@code %u} and {@code %c} only in patterns, each as a
 *     whole level
 */
public record AclGrant(Line line, Access access, String topicFilter) {

  /** The two kinds of access lines of Mosquitto's ACL file. */
  public enum Line {
    /** {@code topic}: applies to the account of the {@code user} line above it. */
    TOPIC,
    /** {@code pattern}: applies to every account, with {@code %u} and {@code %c} substituted. */
    PATTERN
  }

  /** The access kinds of Mosquitto's ACL lines. */
  public enum Access {
    /** Subscribe to and receive messages on the filter. */
    READ,
    /** Publish to topics the filter matches. */
    WRITE,
    /** Both. */
    READWRITE,
    /** Neither, even where another line grants it; Mosquitto checks denials first. */
    DENY
  }

  /** Checks the parts, and that substitutions appear only in patterns and only as whole levels. */
  public AclGrant {
    Objects.requireNonNull(line, "line");
    Objects.requireNonNull(access, "access");
    Objects.requireNonNull(topicFilter, "topicFilter");
    if (topicFilter.isBlank() || topicFilter.chars().anyMatch(Character::isWhitespace)) {
      throw new IllegalArgumentException(
          "topicFilter must be non-empty without whitespace: '" + topicFilter + "'");
    }
    for (String level : topicFilter.split("/", -1)) {
      if (level.contains("%")) {
        if (line != Line.PATTERN) {
          throw new IllegalArgumentException(
              "topicFilter may use %u or %c only in a pattern line: '" + topicFilter + "'");
        }
        if (!level.equals("%u") && !level.equals("%c")) {
          throw new IllegalArgumentException(
              "topicFilter must use %u or %c as a whole level: '" + topicFilter + "'");
        }
      }
    }
  }

  /** A {@code topic} line. */
  public static AclGrant topic(Access access, String topicFilter) {
    return new AclGrant(Line.TOPIC, access, topicFilter);
  }

  /** A {@code pattern} line. */
  public static AclGrant pattern(Access access, String topicFilter) {
    return new AclGrant(Line.PATTERN, access, topicFilter);
  }

  /** The line as Mosquitto's acl_file reads it. */
  public String toAclLine() {
    return line.name().toLowerCase(Locale.ROOT)
        + " "
        + access.name().toLowerCase(Locale.ROOT)
        + " "
        + topicFilter;
  }
}
