package io.dynasplit.models.runtime;

import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Sessions cached per {@link SessionKey}, each created once from a {@link PartSource} and warmed up
 * before first use.
 *
 * @implNote {@link #get} blocks while a session loads (seconds for a large model): call it from a
 *     worker thread. Concurrent callers of the same key wait for one load.
 */
public final class SessionCache implements AutoCloseable {

  private final PartSource source;
  private final Map<SessionKey, ModelSession> sessions = new ConcurrentHashMap<>();
  private volatile boolean closed;

  /** A cache that loads parts from a source. */
  public SessionCache(PartSource source) {
    this.source = Objects.requireNonNull(source, "source");
  }

  /**
   * The session of a key, loaded and warmed up on first use.
   *
   * @throws InferenceException when the part cannot be loaded
   */
  public ModelSession get(SessionKey key) {
    Objects.requireNonNull(key, "key");
    if (closed) {
      throw new IllegalStateException("session cache is closed");
    }
    return sessions.computeIfAbsent(key, this::load);
  }

  /** Whether a key's session is loaded. */
  public boolean isLoaded(SessionKey key) {
    return sessions.containsKey(key);
  }

  /** How many sessions are loaded. */
  public int size() {
    return sessions.size();
  }

  private ModelSession load(SessionKey key) {
    byte[] bytes = source.bytes(key.model(), key.split(), key.part());
    ModelSession session = ModelSession.load(key, bytes);
    session.warmUp();
    return session;
  }

  /** Closes every session; safe to call twice. */
  @Override
  public void close() {
    closed = true;
    sessions.values().forEach(ModelSession::close);
    sessions.clear();
  }
}
