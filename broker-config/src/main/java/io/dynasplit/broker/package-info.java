/**
 * The embedded MQTT broker of DynaSplit (HiveMQ Community Edition in this JVM) and the Mosquitto
 * access control list generated from the topic tree.
 *
 * <p>{@link io.dynasplit.broker.EmbeddedBroker} is what {@code dynasplit broker} runs and what
 * tests start, one per test class, on free ports.
 */
package io.dynasplit.broker;
