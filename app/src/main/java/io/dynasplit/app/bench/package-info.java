/**
 * {@code dynasplit bench}: measurements of the data plane next to the floor of the same work (the
 * same bytes through the same broker, a bare MQTT 5 echo; Mosquitto with TCP_NODELAY).
 */
package io.dynasplit.app.bench;
