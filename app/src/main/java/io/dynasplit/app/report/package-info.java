/** The reports of a simulation: its summary and request tables (CSV and text) and its charts. */
package io.dynasplit.app.report;
