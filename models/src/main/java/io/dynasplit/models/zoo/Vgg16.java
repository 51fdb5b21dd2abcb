package io.dynasplit.models.zoo;

/**
 * VGG-16 (Simonyan and Zisserman 2015), configuration D without batch norm, 224x224, 1000 classes
 * (138,357,544 parameters; about 553 MB of float32 weights).
 */
public final class Vgg16 implements ReferenceModel {

  /** Output channels of each 3x3 convolution; 0 is a 2x2 max pool. */
  private static final int[] CONFIG = {
    64, 64, 0, 128, 128, 0, 256, 256, 256, 0, 512, 512, 512, 0, 512, 512, 512, 0
  };

  @Override
  public String id() {
    return "vgg16";
  }

  @Override
  public String architecture() {
    return "VGG-16 (Simonyan and Zisserman 2015), 224x224, 1000 classes";
  }

  @Override
  public long publishedParameters() {
    return 138_357_544;
  }

  @Override
  public long[] inputShape() {
    return new long[] {1, 3, 224, 224};
  }

  @Override
  public GraphPlan plan() {
    GraphPlan plan = new GraphPlan("vgg16");
    Layers l = new Layers(plan);
    String x = plan.input("input", inputShape());
    int in = 3;
    int index = 0;
    for (int c : CONFIG) {
      if (c == 0) {
        x = l.maxPool(x, 2, 2, 0);
        index++;
      } else {
        x = l.relu(l.conv("features." + index, x, in, c, 3, 1, 1, 1, true));
        in = c;
        index += 2;
      }
    }
    // at 224x224 the feature map is already 7x7, so torchvision's adaptive pooling is the identity
    x = l.flatten(x);
    x = l.relu(l.linear("classifier.0", x, 512 * 7 * 7, 4096, WeightInit.he(512 * 7 * 7)));
    x = l.relu(l.linear("classifier.3", x, 4096, 4096, WeightInit.he(4096)));
    String logits = l.linear("classifier.6", x, 4096, 1000, WeightInit.lecun(4096));
    plan.output(logits, 1, 1000);
    return plan;
  }
}
