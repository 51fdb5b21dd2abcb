package io.dynasplit.schemas;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.FloatBuffer;
import java.nio.LongBuffer;
import java.util.Objects;
import java.util.function.IntFunction;

/**
 * A named tensor: element type, shape and little-endian bytes, as carried by a tensor frame
 * (ARCHITECTURE 4.3).
 *
 * <p>The buffer is <em>not</em> copied: a tensor shares the bytes of the buffer it was made from
 * (from that buffer's position to its limit), and a decoded tensor shares the bytes of the frame it
 * was decoded from. Whoever changes those bytes changes the tensor. {@link #data()} returns a fresh
 * view each time, so reading it never moves another reader's position.
 *
 * {@snippet :
 * Tensor x = Tensor.ofFloats("x", Shape.of(1, 3), new float[] {1f, 2f, 3f}); // copies the array
 * FloatBuffer forOrt = x.toFloat32().asFloatBuffer(); // direct, little-endian; no copy here
 * }
 *
 * @param name the tensor's name (an ONNX value name)
 * @param dtype the element type of the bytes
 * @param shape the shape
 * @param quant the affine quantization of an int8 tensor that encodes floats; null otherwise
 * @param data the bytes, exactly {@code shape.elements() * dtype.size()} of them
 */
public record Tensor(String name, DType dtype, Shape shape, Quantization quant, ByteBuffer data) {

  /** Checks the fields and that the buffer holds exactly the bytes the shape needs; slices it. */
  public Tensor {
    Checks.id("tensor name", name);
    Objects.requireNonNull(dtype, "dtype");
    Objects.requireNonNull(shape, "shape");
    Objects.requireNonNull(data, "data");
    if (quant != null && dtype != DType.INT8) {
      throw new IllegalArgumentException(
          "quant is only for int8 tensors, not " + dtype + " (tensor " + name + ")");
    }
    long need = shape.elements() * dtype.size();
    if (data.remaining() != need) {
      throw new IllegalArgumentException(
          "tensor "
              + name
              + " of shape "
              + shape
              + " and dtype "
              + dtype
              + " needs "
              + need
              + " bytes: "
              + data.remaining());
    }
    data = data.slice().order(ByteOrder.LITTLE_ENDIAN);
  }

  /** A tensor of raw little-endian bytes (not copied), without quantization. */
  public static Tensor of(String name, DType dtype, Shape shape, ByteBuffer data) {
    return new Tensor(name, dtype, shape, null, data);
  }

  /** A float32 tensor holding a copy of the values in a new direct buffer. */
  public static Tensor ofFloats(String name, Shape shape, float[] values) {
    ByteBuffer b = ByteBuffer.allocateDirect(values.length * 4).order(ByteOrder.LITTLE_ENDIAN);
    b.asFloatBuffer().put(values);
    return of(name, DType.FLOAT32, shape, b);
  }

  /** A float32 tensor holding a copy of the buffer's remaining values in a new direct buffer. */
  public static Tensor ofFloats(String name, Shape shape, FloatBuffer values) {
    ByteBuffer b = ByteBuffer.allocateDirect(values.remaining() * 4).order(ByteOrder.LITTLE_ENDIAN);
    b.asFloatBuffer().put(values.duplicate());
    return of(name, DType.FLOAT32, shape, b);
  }

  /** An int64 tensor holding a copy of the values in a new direct buffer. */
  public static Tensor ofLongs(String name, Shape shape, long[] values) {
    ByteBuffer b = ByteBuffer.allocateDirect(values.length * 8).order(ByteOrder.LITTLE_ENDIAN);
    b.asLongBuffer().put(values);
    return of(name, DType.INT64, shape, b);
  }

  /** A fresh little-endian view of the bytes (position 0, limit the byte length); not a copy. */
  @Override
  public ByteBuffer data() {
    return data.duplicate().order(ByteOrder.LITTLE_ENDIAN);
  }

  /** The byte length of the data. */
  public int byteLength() {
    return data.capacity();
  }

  /** The element count. */
  public long elements() {
    return shape.elements();
  }

  /**
   * A little-endian float view of a float32 tensor; direct when the bytes are. Not a copy.
   *
   * @throws IllegalStateException when the tensor is not float32
   */
  public FloatBuffer asFloatBuffer() {
    requireDtype(DType.FLOAT32);
    return data().asFloatBuffer();
  }

  /**
   * A little-endian long view of an int64 tensor. Not a copy.
   *
   * @throws IllegalStateException when the tensor is not int64
   */
  public LongBuffer asLongBuffer() {
    requireDtype(DType.INT64);
    return data().asLongBuffer();
  }

  /** Allocates a new direct buffer of the given size: the default allocator of conversions. */
  public static final IntFunction<ByteBuffer> DIRECT = ByteBuffer::allocateDirect;

  /**
   * This tensor as float32 in a direct little-endian buffer, what ONNX Runtime takes without a
   * copy. A direct float32 tensor is returned as it is; a heap float32 tensor is copied once;
   * float16 and int8 (dequantized with its quantization, or as plain integers without one) are
   * converted into a new buffer of {@code elements * 4} bytes.
   *
   * @throws IllegalStateException for uint8 and int64 tensors, which are passed through unconverted
   */
  public Tensor toFloat32() {
    return toFloat32(DIRECT);
  }

  /**
   * As {@link #toFloat32()}, with the buffer of a conversion or copy taken from an allocator (for
   * example a slice of a reused scratch buffer): it is called with the byte count and must return a
   * writable buffer with at least that many bytes remaining; the tensor uses them from its
   * position.
   *
   * @throws IllegalStateException for uint8 and int64 tensors, which are passed through unconverted
   */
  public Tensor toFloat32(IntFunction<ByteBuffer> allocator) {
    return switch (dtype) {
      case FLOAT32 ->
          data.isDirect()
              ? this
              : of(
                  name,
                  DType.FLOAT32,
                  shape,
                  TensorConversions.copy(data, TensorConversions.take(allocator, data.capacity())));
      case FLOAT16 ->
          of(
              name,
              DType.FLOAT32,
              shape,
              TensorConversions.float16ToFloat32(
                  data, TensorConversions.take(allocator, floatBytes())));
      case INT8 ->
          of(
              name,
              DType.FLOAT32,
              shape,
              TensorConversions.dequantize(
                  data,
                  quant == null ? Quantization.IDENTITY : quant,
                  TensorConversions.take(allocator, floatBytes())));
      case UINT8, INT64 ->
          throw new IllegalStateException(
              "tensor "
                  + name
                  + " of dtype "
                  + dtype
                  + " is passed through, not converted to float32");
    };
  }

  private int floatBytes() {
    return (int) (shape.elements() * 4); // elements <= 2^28 (WireLimits), so this fits
  }

  /**
   * The values of a float32, float16 or int8 tensor as a new float array (for tests and
   * post-processing).
   */
  public float[] toFloatArray() {
    FloatBuffer f = toFloat32().asFloatBuffer();
    float[] out = new float[f.remaining()];
    f.get(out);
    return out;
  }

  /** A copy under another name (sharing the bytes). */
  public Tensor withName(String newName) {
    return new Tensor(newName, dtype, shape, quant, data);
  }

  private void requireDtype(DType expected) {
    if (dtype != expected) {
      throw new IllegalStateException("tensor " + name + " is " + dtype + ", not " + expected);
    }
  }

  @Override
  public String toString() {
    return "Tensor["
        + name
        + ", "
        + dtype
        + shape
        + (quant == null ? "" : ", " + quant)
        + ", "
        + data.capacity()
        + " bytes]";
  }
}
