/**
 * The {@code dynasplit} command line's entry point: the root command, which lists the commands of
 * {@link io.dynasplit.app.command}, and the one-line error handling all of them fail through.
 */
package io.dynasplit.app;
