package io.dynasplit.models.zoo;

/**
 * MobileNetV2 (Sandler et al. 2018), width 1.0, 224x224, 1000 classes, torchvision's layout:
 * inverted residual blocks with linear bottlenecks, ReLU6 as {@code Clip}, batch norm as separate
 * nodes (3,504,872 parameters).
 */
public final class MobileNetV2 implements ReferenceModel {

  /** Expansion t, output channels c, repeats n, first stride s (the paper's table 2). */
  private static final int[][] SETTINGS = {
    {1, 16, 1, 1},
    {6, 24, 2, 2},
    {6, 32, 3, 2},
    {6, 64, 4, 2},
    {6, 96, 3, 1},
    {6, 160, 3, 2},
    {6, 320, 1, 1},
  };

  @Override
  public String id() {
    return "mobilenetv2";
  }

  @Override
  public String architecture() {
    return "MobileNetV2 1.0 (Sandler et al. 2018), 224x224, 1000 classes";
  }

  @Override
  public long publishedParameters() {
    return 3_504_872;
  }

  @Override
  public long[] inputShape() {
    return new long[] {1, 3, 224, 224};
  }

  @Override
  public GraphPlan plan() {
    GraphPlan plan = new GraphPlan("mobilenetv2");
    Layers l = new Layers(plan);
    String x = plan.input("input", inputShape());
    x =
        l.relu6(
            l.batchNorm(
                "features.0.1", l.conv("features.0.0", x, 3, 32, 3, 2, 1, 1, false), 32, 1));
    int in = 32;
    int block = 1;
    for (int[] s : SETTINGS) {
      for (int i = 0; i < s[2]; i++) {
        x = invertedResidual("features." + block, l, x, in, s[1], i == 0 ? s[3] : 1, s[0]);
        in = s[1];
        block++;
      }
    }
    String p = "features." + block;
    x = l.relu6(l.batchNorm(p + ".1", l.conv(p + ".0", x, in, 1280, 1, 1, 0, 1, false), 1280, 1));
    x = l.flatten(l.globalAveragePool(x));
    String logits = l.linear("classifier.1", x, 1280, 1000, WeightInit.lecun(1280));
    plan.output(logits, 1, 1000);
    return plan;
  }

  private static String invertedResidual(
      String p, Layers l, String x, int in, int out, int stride, int expand) {
    int hidden = in * expand;
    boolean residual = stride == 1 && in == out;
    String y = x;
    int i = 0;
    if (expand != 1) {
      y =
          l.relu6(
              l.batchNorm(
                  p + ".pw.bn", l.conv(p + ".pw", y, in, hidden, 1, 1, 0, 1, false), hidden, 1));
      i++;
    }
    y =
        l.relu6(
            l.batchNorm(
                p + ".dw.bn",
                l.conv(p + ".dw", y, hidden, hidden, 3, stride, 1, hidden, false),
                hidden,
                1));
    // linear bottleneck; a small gain keeps the residual stream's scale steady with random weights
    y =
        l.batchNorm(
            p + ".pwl.bn",
            l.conv(p + ".pwl", y, hidden, out, 1, 1, 0, 1, false),
            out,
            residual ? 0.3 : 1);
    return residual ? l.add(x, y) : y;
  }
}
