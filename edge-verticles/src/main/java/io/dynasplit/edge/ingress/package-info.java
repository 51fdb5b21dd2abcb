/**
 * Edge ingress: the MQTT 5 client that takes inference requests (JSON envelopes and tensor frames),
 * validates and admits them, routes each final reply (response topic, {@code replyTo}, or the
 * default reply topic) and guarantees exactly one reply per request; the direct sensor endpoint;
 * the edge's settings.
 */
package io.dynasplit.edge.ingress;
