/** Helpers of the embedded broker that nobody outside {@code io.dynasplit.broker} should use. */
package io.dynasplit.broker.internal;
