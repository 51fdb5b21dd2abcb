/**
 * The MQTT 5 client every DynaSplit node connects to its broker with: one factory for edge and
 * cloud.
 */
package io.dynasplit.schemas.mqtt;
