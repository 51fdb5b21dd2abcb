package io.dynasplit.broker;

import java.util.Objects;

/**
 * One line of a Mosquitto ACL: what a role may do on a topic filter.
 *
 * @param access read (subscribe and receive), write (publish) or both
 * @param topicFilter an MQTT topic filter, {@code +} standing for any edge, worker, request or model
 */
public record AclGrant(Access access, String topicFilter) {

  /** The access kinds of Mosquitto's {@code topic} lines. */
  public enum Access {
    /** Subscribe to and receive messages on the filter. */
    READ,
    /** Publish to topics the filter matches. */
    WRITE,
    /** Both. */
    READWRITE
  }

  /** Checks both parts. */
  public AclGrant {
    Objects.requireNonNull(access, "access");
    Objects.requireNonNull(topicFilter, "topicFilter");
    if (topicFilter.isBlank() || topicFilter.chars().anyMatch(Character::isWhitespace)) {
      throw new IllegalArgumentException("topicFilter must be non-empty without whitespace: '" + topicFilter + "'");
    }
  }

  /** The line as Mosquitto's acl_file reads it. */
  public String toAclLine() {
    return "topic " + access.name().toLowerCase(java.util.Locale.ROOT) + " " + topicFilter;
  }
}
