/**
 * The edge's request pipeline (ARCHITECTURE 3): the node verticle that deploys an edge, the
 * scheduler wrapper with front hot reload, the pipeline that runs a request across edge and cloud
 * with fallback, the tail client with its in-flight table, telemetry and status, and the records
 * they exchange on the event bus (passed by reference with {@link
 * io.dynasplit.edge.pipeline.LocalCodec}).
 */
package io.dynasplit.edge.pipeline;
