/**
 * Recorded measurements: the paper's simulation pool CSV and our own profile formats ({@link
 * io.dynasplit.optimizer.pool.PoolFiles}), checked against the configuration space of {@link
 * io.dynasplit.scheduler.ConfigurationSpace}, the SLA workloads ({@link
 * io.dynasplit.optimizer.pool.SlaWorkloadCsv}) and the optimizer's trials file ({@link
 * io.dynasplit.optimizer.pool.TrialsFile}).
 *
 * <p>Readers throw {@link io.dynasplit.optimizer.pool.CsvFormatException} (or an {@link
 * java.lang.IllegalArgumentException} for JSON) naming the file, line and column of bad input.
 */
package io.dynasplit.optimizer.pool;
