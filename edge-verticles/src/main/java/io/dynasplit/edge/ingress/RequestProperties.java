package io.dynasplit.edge.ingress;

/**
 * The MQTT 5 properties of a request that the edge reads (ARCHITECTURE 4.2).
 *
 * @param responseTopic the Response Topic, or null
 * @param correlation the Correlation Data, or null
 * @param expirySeconds the Message Expiry Interval as it reached the edge (a broker forwards what
 *     is left of it after the message waited), or {@link #NO_EXPIRY}
 * @param traceParent the {@code traceparent} user property as sent, or null; not yet validated
 */
public record RequestProperties(
    String responseTopic, byte[] correlation, long expirySeconds, String traceParent) {

  /** The request carried no message expiry. */
  public static final long NO_EXPIRY = -1;

  /** A request with none of the properties (an MQTT 3.1.1 publish). */
  public static final RequestProperties NONE = new RequestProperties(null, null, NO_EXPIRY, null);

  /** Whether the request's message expiry ran out before it reached the edge. */
  public boolean expired() {
    return expirySeconds == 0;
  }
}
