/**
 * The MQTT 5 client every DynaSplit node connects to its broker with (one factory for edge and
 * cloud), and the properties every publish carries ({@link io.dynasplit.schemas.mqtt.MqttContent},
 * {@link io.dynasplit.schemas.mqtt.TraceParent}).
 */
package io.dynasplit.schemas.mqtt;
