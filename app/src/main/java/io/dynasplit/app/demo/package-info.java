/**
 * {@code dynasplit demo}: a workload of SLA requests under a scenario of changing conditions, run
 * for each policy through a real in-process data plane, and the report a person opens.
 */
package io.dynasplit.app.demo;
