/**
 * Recorded measurements and the space they live in: the paper's simulation pool CSV and our own
 * profile formats ({@link io.dynasplit.edge.offline.pool.PoolFiles}), the configuration space with
 * its validity rules ({@link io.dynasplit.edge.offline.pool.ConfigurationSpace}), the SLA workloads
 * ({@link io.dynasplit.edge.offline.pool.SlaWorkloadCsv}) and the optimizer's trials file ({@link
 * io.dynasplit.edge.offline.pool.TrialsFile}).
 *
 * <p>Readers throw {@link io.dynasplit.edge.offline.pool.CsvFormatException} (or an {@link
 * java.lang.IllegalArgumentException} for JSON) naming the file, line and column of bad input.
 */
package io.dynasplit.edge.offline.pool;
