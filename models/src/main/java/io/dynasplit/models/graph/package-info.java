/**
 * Graph tooling for split inference: load an ONNX model ({@link
 * io.dynasplit.models.graph.OnnxModel}), analyse it ({@link
 * io.dynasplit.models.graph.ModelAnalyzer}), list its candidate split points ({@link
 * io.dynasplit.models.graph.ModelAnalysis#candidates(int)}), cut it into a head and a tail ({@link
 * io.dynasplit.models.graph.ModelSplitter}) and check that the two compose to the model ({@link
 * io.dynasplit.models.graph.SplitVerifier}).
 *
 * {@snippet :
 * ModelAnalysis analysis = ModelAnalyzer.analyze(OnnxModel.fromBytes("ppocr-det", bytes));
 * SplitPoint middle = analysis.candidates(1).get(10);
 * SplitModels pair = ModelSplitter.split(analysis, middle.index());
 * // pair.head() and pair.tail() are ONNX bytes for OrtEnvironment.createSession(byte[])
 * }
 */
package io.dynasplit.models.graph;
