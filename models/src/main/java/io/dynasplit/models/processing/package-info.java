/**
 * Pre- and post-processing of catalog models: an image, a text or tensors become the model's input
 * tensors ({@link io.dynasplit.models.processing.Preprocessor}), and the output tensors become a
 * JSON-friendly {@link io.dynasplit.models.processing.ModelOutput} ({@link
 * io.dynasplit.models.processing.Postprocessor}), as each {@link
 * io.dynasplit.models.catalog.CatalogEntry} specifies.
 *
 * <p>Plain Java with no ONNX Runtime session in it: the caller runs the model between the two
 * steps, so the same code serves the edge (head), the cloud (tail) and tests.
 */
package io.dynasplit.models.processing;
