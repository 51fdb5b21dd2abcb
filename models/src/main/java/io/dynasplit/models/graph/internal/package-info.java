/** Helpers of the graph tooling that nobody outside {@code io.dynasplit.models.graph} should use. */
package io.dynasplit.models.graph.internal;
