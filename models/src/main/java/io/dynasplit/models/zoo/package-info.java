/**
 * Reference architectures of the DynaSplit paper (MobileNetV2, ResNet-50, VGG-16, ViT-B/16) and a
 * tiny CNN for fast tests, generated as ONNX with seeded synthetic weights.
 *
 * <p>A {@link io.dynasplit.models.zoo.ReferenceModel} describes its graph as a {@link
 * io.dynasplit.models.zoo.GraphPlan}: nodes plus the shapes of the weights, without their values,
 * so parameter counts come for free. {@link io.dynasplit.models.zoo.ModelGenerator} fills the
 * weights from a seed and writes the ONNX model. The weights are random numbers: the models have
 * the compute, the tensor sizes and the split points of the real ones, not their accuracy, and
 * their metadata says so.
 */
package io.dynasplit.models.zoo;
