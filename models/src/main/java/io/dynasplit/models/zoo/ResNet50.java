package io.dynasplit.models.zoo;

/**
 * ResNet-50 (He et al. 2016), torchvision's v1.5 layout (stride on the 3x3 convolution), 224x224,
 * 1000 classes, batch norm as separate nodes (25,557,032 parameters).
 */
public final class ResNet50 implements ReferenceModel {

  private static final int[] BLOCKS = {3, 4, 6, 3};
  private static final int[] WIDTHS = {64, 128, 256, 512};
  private static final int EXPANSION = 4;

  @Override
  public String id() {
    return "resnet50";
  }

  @Override
  public String architecture() {
    return "ResNet-50 v1.5 (He et al. 2016), 224x224, 1000 classes";
  }

  @Override
  public long publishedParameters() {
    return 25_557_032;
  }

  @Override
  public long[] inputShape() {
    return new long[] {1, 3, 224, 224};
  }

  @Override
  public GraphPlan plan() {
    GraphPlan plan = new GraphPlan("resnet50");
    Layers l = new Layers(plan);
    String x = plan.input("input", inputShape());
    x = l.relu(l.batchNorm("bn1", l.conv("conv1", x, 3, 64, 7, 2, 3, 1, false), 64, 1));
    x = l.maxPool(x, 3, 2, 1);
    int in = 64;
    for (int stage = 0; stage < BLOCKS.length; stage++) {
      for (int b = 0; b < BLOCKS[stage]; b++) {
        int stride = b == 0 && stage > 0 ? 2 : 1;
        x = bottleneck("layer" + (stage + 1) + "." + b, l, x, in, WIDTHS[stage], stride);
        in = WIDTHS[stage] * EXPANSION;
      }
    }
    x = l.flatten(l.globalAveragePool(x));
    String logits = l.linear("fc", x, 2048, 1000, WeightInit.lecun(2048));
    plan.output(logits, 1, 1000);
    return plan;
  }

  private static String bottleneck(String p, Layers l, String x, int in, int width, int stride) {
    int out = width * EXPANSION;
    String y =
        l.relu(
            l.batchNorm(
                p + ".bn1", l.conv(p + ".conv1", x, in, width, 1, 1, 0, 1, false), width, 1));
    y =
        l.relu(
            l.batchNorm(
                p + ".bn2",
                l.conv(p + ".conv2", y, width, width, 3, stride, 1, 1, false),
                width,
                1));
    // a small gain on the last norm keeps the residual sum's scale steady with random weights
    y = l.batchNorm(p + ".bn3", l.conv(p + ".conv3", y, width, out, 1, 1, 0, 1, false), out, 0.3);
    String shortcut = x;
    if (stride != 1 || in != out) {
      shortcut =
          l.batchNorm(
              p + ".downsample.1",
              l.conv(p + ".downsample.0", x, in, out, 1, stride, 0, 1, false),
              out,
              1);
    }
    return l.relu(l.add(y, shortcut));
  }
}
