/**
 * DVFS through the cpufreq sysfs: discovery of the policies, their frequencies and governors, and
 * applying a frequency with the {@code userspace} governor or by pinning {@code
 * scaling_min_freq}/{@code scaling_max_freq}, confirmed by reading {@code scaling_cur_freq} back.
 * The sysfs root is configurable, so tests and {@code dynasplit hw --sysfs-root} run against a fake
 * tree.
 */
package io.dynasplit.edge.hardware.cpufreq;
