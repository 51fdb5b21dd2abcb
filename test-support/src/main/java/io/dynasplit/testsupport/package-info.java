/**
 * Shared test fixtures: an embedded MQTT broker per test class ({@link
 * io.dynasplit.testsupport.EmbeddedBrokerExtension}), a real Mosquitto process ({@link
 * io.dynasplit.testsupport.MosquittoProcess}) and the {@code mosquitto_pub} / {@code mosquitto_sub}
 * command line clients ({@link io.dynasplit.testsupport.MosquittoClients}).
 *
 * <p>Add {@code dynasplit-test-support} with test scope. It also brings a {@code logback-test.xml}
 * that keeps HiveMQ's logging at warnings.
 */
package io.dynasplit.testsupport;
