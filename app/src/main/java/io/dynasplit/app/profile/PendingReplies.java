package io.dynasplit.app.profile;

import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * What an {@link InProcessDataPlane}'s reply listener heard, by request id, for a driver that sends
 * requests and waits for their replies: whichever comes first, the reply or the wait for it, finds
 * the same slot.
 *
 * @param <T> what is kept of a reply
 */
public final class PendingReplies<T> {

  private final Map<String, CompletableFuture<T>> replies = new ConcurrentHashMap<>();

  /** Records what was heard for {@code id}; call it from the reply listener. */
  public void heard(String id, T value) {
    slot(id).complete(value);
  }

  /**
   * Waits until {@link System#currentTimeMillis()} reaches {@code deadlineMs} for what was heard
   * for {@code id}, and forgets the id.
   *
   * @return what was heard, or null when nothing came by the deadline
   */
  public T awaitUntil(String id, long deadlineMs) throws Exception {
    try {
      return slot(id)
          .get(Math.max(1, deadlineMs - System.currentTimeMillis()), TimeUnit.MILLISECONDS);
    } catch (TimeoutException e) {
      return null;
    } finally {
      replies.remove(id);
    }
  }

  private CompletableFuture<T> slot(String id) {
    return replies.computeIfAbsent(id, k -> new CompletableFuture<>());
  }
}
