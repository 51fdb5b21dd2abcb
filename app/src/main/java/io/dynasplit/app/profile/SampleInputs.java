package io.dynasplit.app.profile;

import io.dynasplit.schemas.InputEncoding;
import io.dynasplit.schemas.RequestInput;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/** The sample inputs the live profiler sends: a given image file, or seeded synthetic pages. */
public final class SampleInputs {

  /** The seed of the first synthetic page (the next ones count up). */
  public static final long FIRST_SEED = 7;

  private SampleInputs() {}

  /**
   * The inputs: the image file alone if one is given, else {@code count} synthetic text pages of
   * size {@code WxH} with seeds {@link #FIRST_SEED} and up.
   *
   * @throws IllegalArgumentException if the size is not {@code WxH} or the count is below 1
   * @throws IOException if the image cannot be read
   */
  public static List<RequestInput> of(Path image, String size, int count) throws IOException {
    if (image != null) {
      byte[] bytes = Files.readAllBytes(image);
      boolean png = bytes.length > 4 && (bytes[0] & 0xff) == 0x89 && bytes[1] == 'P';
      return List.of(
          RequestInput.image(png ? InputEncoding.IMAGE_PNG : InputEncoding.IMAGE_JPEG, bytes));
    }
    if (count < 1) {
      throw new IllegalArgumentException("sample count must be >= 1: " + count);
    }
    String[] wh = size.toLowerCase(Locale.ROOT).split("x");
    int width;
    int height;
    try {
      width = Integer.parseInt(wh[0]);
      height = wh.length == 2 ? Integer.parseInt(wh[1]) : -1;
    } catch (NumberFormatException e) {
      height = -1;
      width = -1;
    }
    if (wh.length != 2 || width < 1 || height < 1) {
      throw new IllegalArgumentException("--size must be WxH, for example 640x480: " + size);
    }
    List<RequestInput> inputs = new ArrayList<>();
    for (int i = 0; i < count; i++) {
      inputs.add(
          RequestInput.image(
              InputEncoding.IMAGE_PNG, SyntheticImages.textPage(width, height, FIRST_SEED + i)));
    }
    return inputs;
  }
}
