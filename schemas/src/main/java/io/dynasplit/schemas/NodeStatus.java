package io.dynasplit.schemas;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonValue;
import java.util.List;
import java.util.Objects;

/**
 * The retained status of an edge or a cloud worker (ARCHITECTURE 4.1, {@code edge/{edgeId}/status}
 * and {@code cloud/{workerId}/status}); the {@code offline} form is the MQTT last will.
 *
 * @param state {@code online} or {@code offline}
 * @param role {@code edge} or {@code cloud}
 * @param id the edge id or worker id
 * @param version the software version
 * @param models the model ids served; empty when offline
 * @param timestamp epoch milliseconds when the message was built
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record NodeStatus(
    State state, Role role, String id, String version, List<String> models, long timestamp) {

  /** Whether a node is serving. */
  public enum State {
    /** Connected and serving. */
    ONLINE("online"),
    /** Gone (cleanly, or the broker published the last will). */
    OFFLINE("offline");

    private final String wireName;

    State(String wireName) {
      this.wireName = wireName;
    }

    /** The name used in JSON. */
    @JsonValue
    public String wireName() {
      return wireName;
    }

    /** Parses a wire name. */
    @JsonCreator
    public static State of(String name) {
      for (State s : values()) {
        if (s.wireName.equals(name)) {
          return s;
        }
      }
      throw new IllegalArgumentException("state must be online or offline: " + name);
    }
  }

  /** What a node does. */
  public enum Role {
    /** An edge node. */
    EDGE("edge"),
    /** A cloud worker. */
    CLOUD("cloud");

    private final String wireName;

    Role(String wireName) {
      this.wireName = wireName;
    }

    /** The name used in JSON. */
    @JsonValue
    public String wireName() {
      return wireName;
    }

    /** Parses a wire name. */
    @JsonCreator
    public static Role of(String name) {
      for (Role r : values()) {
        if (r.wireName.equals(name)) {
          return r;
        }
      }
      throw new IllegalArgumentException("role must be edge or cloud: " + name);
    }
  }

  /** Checks every field and freezes the model list. */
  public NodeStatus {
    Objects.requireNonNull(state, "state");
    Objects.requireNonNull(role, "role");
    Checks.id("id", id);
    Checks.id("version", version);
    models = List.copyOf(models == null ? List.of() : models);
    if (models.size() > WireLimits.MAX_MODELS) {
      throw new IllegalArgumentException(
          "models must list at most " + WireLimits.MAX_MODELS + ": " + models.size());
    }
    for (int i = 0; i < models.size(); i++) {
      Checks.id("models[" + i + "]", models.get(i));
    }
    Checks.nonNegative("timestamp", timestamp);
  }

  /** An online status. */
  public static NodeStatus online(
      Role role, String id, String version, List<String> models, long timestamp) {
    return new NodeStatus(State.ONLINE, role, id, version, models, timestamp);
  }

  /** The offline status (the last will). */
  public static NodeStatus offline(Role role, String id, String version, long timestamp) {
    return new NodeStatus(State.OFFLINE, role, id, version, List.of(), timestamp);
  }

  /** Whether the node is online. */
  public boolean isOnline() {
    return state == State.ONLINE;
  }
}
