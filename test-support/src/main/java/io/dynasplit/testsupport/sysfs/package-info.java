/**
 * Fake sysfs trees in a folder of the test's choosing: cpufreq policies and Intel RAPL powercap
 * zones laid out as the kernel lays them out, so hardware code runs against them unchanged.
 */
package io.dynasplit.testsupport.sysfs;
