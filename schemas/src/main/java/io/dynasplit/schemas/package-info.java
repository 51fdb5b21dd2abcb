/**
 * The wire contract of DynaSplit: topics, message records, JSON Schemas and the tensor frame codec.
 */
package io.dynasplit.schemas;
