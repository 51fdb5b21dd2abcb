/**
 * The edge node as a whole: {@link io.dynasplit.edge.node.EdgeNodeVerticle} deploys the ingress,
 * scheduler, hardware, head inference, tail client, pipeline and telemetry verticles of one edge
 * and joins their start. It sits above every other edge package, so none of them depends on it.
 */
package io.dynasplit.edge.node;
