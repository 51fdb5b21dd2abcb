package io.dynasplit.models.processing;

import io.dynasplit.models.catalog.PostProcessing;
import io.dynasplit.schemas.Shape;
import io.dynasplit.schemas.Tensor;
import java.nio.FloatBuffer;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Objects;

/**
 * Text boxes from a text detector's probability map ({@code [1, 1, H, W]}, DB convention): pixels
 * above the threshold, 4-connected components, each component's bounding box grown by DB's unclip
 * distance, filtered by mean probability and area, scaled back to the original image.
 */
public final class TextBoxExtractor {

  private final PostProcessing.TextBoxes spec;

  /** An extractor for this spec. */
  public TextBoxExtractor(PostProcessing.TextBoxes spec) {
    this.spec = Objects.requireNonNull(spec, "spec");
  }

  /**
   * The boxes of a probability map.
   *
   * @param map the detector's float32 output, {@code [1, 1, H, W]} or {@code [1, H, W]}
   * @param geometry the original and the model-input sizes of the image
   */
  public ModelOutput.TextBoxes extract(Tensor map, PreparedInput.ImageGeometry geometry) {
    Shape shape = map.shape();
    int rank = shape.rank();
    if (rank < 2 || shape.elements() != shape.dim(rank - 1) * shape.dim(rank - 2)) {
      throw new InvalidInputException("probability map must be [1, 1, H, W], got " + shape);
    }
    int h = (int) shape.dim(rank - 2);
    int w = (int) shape.dim(rank - 1);
    FloatBuffer p = map.asFloatBuffer(); // read in place: no copy of the map
    float threshold = (float) spec.threshold();
    int[] label = new int[w * h];
    int[] stack = new int[w * h];
    // the map covers the model input; only the part covering resized content maps back
    double sx =
        geometry.originalWidth() / (double) geometry.contentWidth() * geometry.inputWidth() / w;
    double sy =
        geometry.originalHeight() / (double) geometry.contentHeight() * geometry.inputHeight() / h;
    List<ModelOutput.TextBox> boxes = new ArrayList<>();
    int next = 0;
    int n = p.remaining();
    for (int start = 0; start < n; start++) {
      if (p.get(start) <= threshold || label[start] != 0) {
        continue;
      }
      next++;
      int top = 0;
      stack[top++] = start;
      label[start] = next;
      int minX = w;
      int minY = h;
      int maxX = -1;
      int maxY = -1;
      int area = 0;
      double sum = 0;
      while (top > 0) {
        int i = stack[--top];
        int x = i % w;
        int y = i / w;
        area++;
        sum += p.get(i);
        minX = Math.min(minX, x);
        maxX = Math.max(maxX, x);
        minY = Math.min(minY, y);
        maxY = Math.max(maxY, y);
        if (x > 0) {
          top = visit(i - 1, p, threshold, label, next, stack, top);
        }
        if (x < w - 1) {
          top = visit(i + 1, p, threshold, label, next, stack, top);
        }
        if (y > 0) {
          top = visit(i - w, p, threshold, label, next, stack, top);
        }
        if (y < h - 1) {
          top = visit(i + w, p, threshold, label, next, stack, top);
        }
      }
      double score = sum / area;
      if (area < spec.minArea() || score < spec.boxThreshold()) {
        continue;
      }
      double bw = maxX - minX + 1;
      double bh = maxY - minY + 1;
      double grow = bw * bh * spec.unclipRatio() / (2 * (bw + bh));
      int x0 = clamp((int) Math.floor((minX - grow) * sx), geometry.originalWidth());
      int y0 = clamp((int) Math.floor((minY - grow) * sy), geometry.originalHeight());
      int x1 = clamp((int) Math.ceil((maxX + 1 + grow) * sx), geometry.originalWidth());
      int y1 = clamp((int) Math.ceil((maxY + 1 + grow) * sy), geometry.originalHeight());
      if (x1 > x0 && y1 > y0) {
        boxes.add(new ModelOutput.TextBox(x0, y0, x1 - x0, y1 - y0, score));
      }
    }
    List<ModelOutput.TextBox> kept =
        boxes.stream()
            .sorted(Comparator.comparingDouble(ModelOutput.TextBox::score).reversed())
            .limit(spec.maxBoxes())
            .sorted(
                Comparator.comparingInt(ModelOutput.TextBox::y)
                    .thenComparingInt(ModelOutput.TextBox::x))
            .toList();
    return new ModelOutput.TextBoxes(geometry.originalWidth(), geometry.originalHeight(), kept);
  }

  private static int visit(
      int i, FloatBuffer p, float threshold, int[] label, int id, int[] stack, int top) {
    if (p.get(i) > threshold && label[i] == 0) {
      label[i] = id;
      stack[top++] = i;
    }
    return top;
  }

  private static int clamp(int v, int max) {
    return Math.max(0, Math.min(max, v));
  }
}
