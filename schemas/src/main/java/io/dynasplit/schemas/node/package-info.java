/**
 * What every node (edge or cloud worker) has besides its wire formats: its readiness ({@link
 * io.dynasplit.schemas.node.NodeHealth}) and its tagged meter registry ({@link
 * io.dynasplit.schemas.node.NodeMeters}).
 */
package io.dynasplit.schemas.node;
