package io.dynasplit.models.zoo;

/**
 * A tiny CNN for fast tests: three 3x3 convolutions with ReLU and max pooling on a 32x32 RGB input,
 * global average pooling and a 10-class linear layer (about 6.4 k parameters, 26 KB).
 */
public final class TinyCnn implements ReferenceModel {

  @Override
  public String id() {
    return "tiny-cnn";
  }

  @Override
  public String architecture() {
    return "tiny CNN (3 conv + linear, 10 classes), for tests";
  }

  @Override
  public long publishedParameters() {
    return 6_362;
  }

  @Override
  public long[] inputShape() {
    return new long[] {1, 3, 32, 32};
  }

  @Override
  public GraphPlan plan() {
    GraphPlan plan = new GraphPlan("tiny_cnn");
    Layers l = new Layers(plan);
    String x = plan.input("input", inputShape());
    x = l.maxPool(l.relu(l.conv("conv1", x, 3, 8, 3, 1, 1, 1, true)), 2, 2, 0);
    x = l.maxPool(l.relu(l.conv("conv2", x, 8, 16, 3, 1, 1, 1, true)), 2, 2, 0);
    x = l.relu(l.conv("conv3", x, 16, 32, 3, 1, 1, 1, true));
    x = l.flatten(l.globalAveragePool(x));
    String logits = l.linear("fc", x, 32, 10, WeightInit.lecun(32));
    plan.output(logits, 1, 10);
    return plan;
  }
}
