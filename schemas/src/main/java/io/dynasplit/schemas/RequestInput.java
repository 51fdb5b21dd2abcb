package io.dynasplit.schemas;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.util.Base64;
import java.util.Objects;

/**
 * The input of a JSON request envelope (ARCHITECTURE 4.2): an encoded image, or a raw little-endian
 * tensor with its dtype and shape, as base64.
 *
 * <p>The base64 text is bounded by {@link WireLimits#MAX_BASE64_CHARS} on construction; for a
 * tensor the decoded size implied by the text length must equal the shape's element count times the
 * dtype's size, so {@link #decodeData()} never allocates more than the shape announces.
 *
 * @param encoding {@code image/png}, {@code image/jpeg} or {@code tensor}
 * @param dtype the element type; required for {@code tensor}, else optional
 * @param shape the shape; required for {@code tensor}, else optional (what the model expects)
 * @param data the bytes, standard base64 with padding
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record RequestInput(InputEncoding encoding, DType dtype, Shape shape, String data) {

  /** Checks the fields, the base64 size and, for tensors, that the size matches the shape. */
  public RequestInput {
    Objects.requireNonNull(encoding, "input.encoding");
    Objects.requireNonNull(data, "input.data");
    if (data.length() > WireLimits.MAX_BASE64_CHARS) {
      throw new IllegalArgumentException(
          "input.data must be at most "
              + WireLimits.MAX_BASE64_CHARS
              + " base64 characters: "
              + data.length());
    }
    if (data.isEmpty()) {
      throw new IllegalArgumentException("input.data must not be empty");
    }
    if (encoding == InputEncoding.TENSOR) {
      Objects.requireNonNull(dtype, "input.dtype (required for encoding tensor)");
      Objects.requireNonNull(shape, "input.shape (required for encoding tensor)");
      long expected = shape.elements() * dtype.size();
      long announced = decodedLength(data);
      if (announced != expected) {
        throw new IllegalArgumentException(
            "input.data holds "
                + announced
                + " bytes but shape "
                + shape
                + " of "
                + dtype
                + " needs "
                + expected);
      }
    }
  }

  /** A tensor input from raw little-endian bytes. */
  public static RequestInput tensor(DType dtype, Shape shape, byte[] bytes) {
    return new RequestInput(
        InputEncoding.TENSOR, dtype, shape, Base64.getEncoder().encodeToString(bytes));
  }

  /** An image input from the encoded file's bytes. */
  public static RequestInput image(InputEncoding encoding, byte[] bytes) {
    if (!encoding.isImage()) {
      throw new IllegalArgumentException("encoding must be an image encoding: " + encoding);
    }
    return new RequestInput(encoding, null, null, Base64.getEncoder().encodeToString(bytes));
  }

  /**
   * Decodes the base64 data.
   *
   * @throws IllegalArgumentException when the text is not valid base64
   */
  public byte[] decodeData() {
    try {
      return Base64.getDecoder().decode(data);
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException("input.data is not valid base64: " + e.getMessage(), e);
    }
  }

  /** The byte count a padded base64 text of this length decodes to (without decoding it). */
  static long decodedLength(String b64) {
    int n = b64.length();
    if (n % 4 != 0) {
      throw new IllegalArgumentException(
          "input.data is not padded base64: length " + n + " is not a multiple of 4");
    }
    int pad = 0;
    if (n >= 1 && b64.charAt(n - 1) == '=') {
      pad++;
    }
    if (n >= 2 && b64.charAt(n - 2) == '=') {
      pad++;
    }
    return (long) n / 4 * 3 - pad;
  }
}
