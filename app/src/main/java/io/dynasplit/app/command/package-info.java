/**
 * The picocli commands of {@code dynasplit} ({@code edge}, {@code cloud}, {@code optimize}, ...)
 * and the option mixins and small helpers they share.
 */
package io.dynasplit.app.command;
