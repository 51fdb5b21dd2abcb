package io.dynasplit.models.zoo;

import java.util.List;

/**
 * ViT-B/16 (Dosovitskiy et al. 2021), torchvision's layout: 16x16 patches of a 224x224 image, a
 * class token, learned position embeddings, 12 pre-norm encoder layers (12 heads, width 768, MLP
 * 3072, exact GELU decomposed into Erf), 1000 classes (86,567,656 parameters).
 */
public final class VitB16 implements ReferenceModel {

  private static final int WIDTH = 768;
  private static final int HEADS = 12;
  private static final int HEAD_DIM = WIDTH / HEADS;
  private static final int MLP = 3072;
  private static final int LAYERS = 12;
  private static final int PATCH = 16;
  private static final int TOKENS = (224 / PATCH) * (224 / PATCH) + 1;
  private static final WeightInit TRUNC = new WeightInit.Normal(0.02);

  @Override
  public String id() {
    return "vit-b16";
  }

  @Override
  public String architecture() {
    return "ViT-B/16 (Dosovitskiy et al. 2021), 224x224, 1000 classes";
  }

  @Override
  public long publishedParameters() {
    return 86_567_656;
  }

  @Override
  public long[] inputShape() {
    return new long[] {1, 3, 224, 224};
  }

  @Override
  public GraphPlan plan() {
    GraphPlan plan = new GraphPlan("vit_b16");
    Layers l = new Layers(plan);
    String x = plan.input("input", inputShape());
    x = l.conv("conv_proj", x, 3, WIDTH, PATCH, PATCH, 0, 1, true);
    x = l.transpose(l.reshape(x, 1, WIDTH, TOKENS - 1), 0, 2, 1);
    String classToken = plan.weight("class_token", TRUNC, 1, 1, WIDTH);
    x =
        plan.node(
            "Concat", "concat_class_token", List.of(classToken, x), GraphPlan.attr("axis", 1L));
    x = l.add(x, plan.weight("encoder.pos_embedding", TRUNC, 1, TOKENS, WIDTH));
    for (int i = 0; i < LAYERS; i++) {
      x = encoderLayer("encoder.layers." + i, l, x);
    }
    x = l.layerNorm("encoder.ln", x, WIDTH, 1e-6f);
    String cls =
        plan.node(
            "Gather",
            "class_token_out",
            List.of(x, plan.ints("index", new long[0], 0)),
            GraphPlan.attr("axis", 1L));
    String logits = l.linear("heads.head", cls, WIDTH, 1000, TRUNC);
    plan.output(logits, 1, 1000);
    return plan;
  }

  private static String encoderLayer(String p, Layers l, String x) {
    GraphPlan plan = l.plan();
    String y = l.layerNorm(p + ".ln_1", x, WIDTH, 1e-6f);
    String q = heads(l, l.dense(p + ".attn.q", y, WIDTH, WIDTH, TRUNC), 0, 2, 1, 3);
    String k = heads(l, l.dense(p + ".attn.k", y, WIDTH, WIDTH, TRUNC), 0, 2, 3, 1);
    String v = heads(l, l.dense(p + ".attn.v", y, WIDTH, WIDTH, TRUNC), 0, 2, 1, 3);
    String scores = plan.node("MatMul", p + ".attn.scores", List.of(q, k));
    scores =
        plan.node(
            "Mul",
            p + ".attn.scale",
            List.of(scores, plan.scalar("attn_scale", (float) (1 / Math.sqrt(HEAD_DIM)))));
    String weights =
        plan.node("Softmax", p + ".attn.softmax", List.of(scores), GraphPlan.attr("axis", -1L));
    String context = plan.node("MatMul", p + ".attn.context", List.of(weights, v));
    context = l.reshape(l.transpose(context, 0, 2, 1, 3), 1, TOKENS, WIDTH);
    String attended = l.add(x, l.dense(p + ".attn.out_proj", context, WIDTH, WIDTH, TRUNC));
    y = l.layerNorm(p + ".ln_2", attended, WIDTH, 1e-6f);
    y = l.gelu(p + ".mlp.gelu", l.dense(p + ".mlp.0", y, WIDTH, MLP, TRUNC));
    y = l.dense(p + ".mlp.3", y, MLP, WIDTH, TRUNC);
    return l.add(attended, y);
  }

  /** {@code [1, tokens, 768]} to {@code [1, 12, tokens, 64]} permuted by {@code perm}. */
  private static String heads(Layers l, String x, long... perm) {
    return l.transpose(l.reshape(x, 1, TOKENS, HEADS, HEAD_DIM), perm);
  }
}
