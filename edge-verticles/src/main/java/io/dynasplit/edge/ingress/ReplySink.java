package io.dynasplit.edge.ingress;

import io.vertx.core.Future;

/** Where an ingress path publishes replies: the broker client, or a directly connected sensor. */
@FunctionalInterface
public interface ReplySink {

  /**
   * Publishes a JSON reply payload on its route with its properties; completes when the receiver
   * (or broker) took it.
   */
  Future<Void> publish(ReplyRoute route, byte[] payload, ReplyProperties properties);
}
