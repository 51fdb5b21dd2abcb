package io.dynasplit.edge.pipeline;

import java.util.HashMap;
import java.util.Map;
import java.util.Objects;

/**
 * Requests waiting for a cloud answer, by correlation key, each with the id of its deadline timer.
 * An answer or a timeout removes the entry; whichever comes second finds nothing, so each entry
 * completes exactly once. Answers that find nothing are late and counted.
 *
 * <p>Not thread-safe: confine it to one verticle's context.
 *
 * @param <T> what is kept per request
 */
public final class InFlightTable<T> {

  /** An entry and the id of its deadline timer. */
  public record Entry<T>(T value, long timerId) {}

  private final Map<String, Entry<T>> entries = new HashMap<>();
  private long late;
  private long timedOut;

  /**
   * Adds a request.
   *
   * @throws IllegalStateException when the key is already in flight
   */
  public void add(String key, T value, long timerId) {
    Objects.requireNonNull(key, "key");
    Objects.requireNonNull(value, "value");
    if (entries.putIfAbsent(key, new Entry<>(value, timerId)) != null) {
      throw new IllegalStateException("correlation key already in flight: " + key);
    }
  }

  /**
   * Removes the entry of an answer; null (and counted as late) when it already timed out or was
   * never here.
   */
  public Entry<T> answer(String key) {
    Entry<T> e = entries.remove(key);
    if (e == null) {
      late++;
    }
    return e;
  }

  /** Removes the entry of a timed-out request; null when it was already answered. */
  public Entry<T> timeout(String key) {
    Entry<T> e = entries.remove(key);
    if (e != null) {
      timedOut++;
    }
    return e;
  }

  /** Removes every entry (on shutdown), returning them. */
  public Map<String, Entry<T>> drain() {
    Map<String, Entry<T>> all = Map.copyOf(entries);
    entries.clear();
    return all;
  }

  /** Requests in flight now. */
  public int size() {
    return entries.size();
  }

  /** Answers that came after their request timed out (or for unknown keys). */
  public long late() {
    return late;
  }

  /** Requests whose deadline passed without an answer. */
  public long timedOut() {
    return timedOut;
  }
}
