package io.dynasplit.models.graph;

import ai.onnxruntime.OnnxJavaType;
import ai.onnxruntime.OnnxTensor;
import ai.onnxruntime.OrtEnvironment;
import ai.onnxruntime.OrtException;
import io.dynasplit.models.graph.ModelGraphException.Reason;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.SplittableRandom;

/**
 * Seeded random input tensors for a model, owned until {@link #close()}.
 *
 * <p>Values by element type and input name: floating point inputs are uniform in [0, 1); integer
 * inputs whose name contains {@code mask} are all ones (an attention mask), those whose name
 * contains {@code type_ids} are zeros, and the others are uniform ids in [0, {@value #MAX_ID})
 * (token ids a vocabulary surely has); booleans are {@code true}. The same specs and seed always
 * give the same values.
 */
public final class SampleInputs implements AutoCloseable {

  /** Integer inputs that are not masks take values below this. */
  public static final int MAX_ID = 100;

  private final Map<String, OnnxTensor> tensors;

  private SampleInputs(Map<String, OnnxTensor> tensors) {
    this.tensors = Collections.unmodifiableMap(tensors);
  }

  /**
   * Creates one tensor per spec.
   *
   * @throws ModelGraphException if an element type cannot be created from Java
   */
  public static SampleInputs create(OrtEnvironment env, List<TensorSpec> specs, long seed) {
    SplittableRandom random = new SplittableRandom(seed);
    Map<String, OnnxTensor> made = new LinkedHashMap<>();
    try {
      for (TensorSpec spec : specs) {
        OnnxJavaType javaType =
            spec.dtype()
                .javaType()
                .orElseThrow(
                    () ->
                        new ModelGraphException(
                            Reason.UNSUPPORTED_INPUT,
                            "input '"
                                + spec.name()
                                + "' has element type "
                                + spec.dtype().label()
                                + ", which ONNX Runtime's Java API cannot create"));
        ByteBuffer data = values(spec, random);
        made.put(spec.name(), OnnxTensor.createTensor(env, data, spec.shapeArray(), javaType));
      }
    } catch (OrtException e) {
      made.values().forEach(OnnxTensor::close);
      throw new ModelGraphException(
          Reason.RUNTIME, "cannot create sample inputs: " + e.getMessage(), e);
    } catch (RuntimeException e) {
      made.values().forEach(OnnxTensor::close);
      throw e;
    }
    return new SampleInputs(made);
  }

  /** The tensors by input name, in the order of the specs. */
  public Map<String, OnnxTensor> tensors() {
    return tensors;
  }

  @Override
  public void close() {
    tensors.values().forEach(OnnxTensor::close);
  }

  private static ByteBuffer values(TensorSpec spec, SplittableRandom random) {
    long n = spec.elements();
    long bytes = spec.bytes();
    if (bytes > Integer.MAX_VALUE) {
      throw new ModelGraphException(
          Reason.UNSUPPORTED_INPUT,
          "input '" + spec.name() + "' of shape " + spec.shapeText() + " is too large");
    }
    ByteBuffer b = ByteBuffer.allocateDirect((int) bytes).order(ByteOrder.nativeOrder());
    String name = spec.name().toLowerCase(Locale.ROOT);
    long fixed = name.contains("mask") ? 1 : name.contains("type_ids") ? 0 : -1;
    for (long i = 0; i < n; i++) {
      switch (spec.dtype()) {
        case FLOAT32 -> b.putFloat(random.nextFloat());
        case FLOAT64 -> b.putDouble(random.nextDouble());
        case FLOAT16 -> b.putShort(Float.floatToFloat16(random.nextFloat()));
        case BFLOAT16 -> b.putShort((short) (Float.floatToIntBits(random.nextFloat()) >>> 16));
        case BOOL -> b.put((byte) 1);
        case INT8, UINT8 -> b.put((byte) id(fixed, random));
        case INT16, UINT16 -> b.putShort((short) id(fixed, random));
        case INT32, UINT32 -> b.putInt((int) id(fixed, random));
        case INT64, UINT64 -> b.putLong(id(fixed, random));
      }
    }
    b.flip();
    return b;
  }

  private static long id(long fixed, SplittableRandom random) {
    return fixed >= 0 ? fixed : random.nextInt(MAX_ID);
  }
}
