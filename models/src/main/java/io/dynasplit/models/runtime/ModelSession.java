package io.dynasplit.models.runtime;

import ai.onnxruntime.NodeInfo;
import ai.onnxruntime.OnnxTensor;
import ai.onnxruntime.OnnxValue;
import ai.onnxruntime.OrtEnvironment;
import ai.onnxruntime.OrtException;
import ai.onnxruntime.OrtProvider;
import ai.onnxruntime.OrtSession;
import ai.onnxruntime.TensorInfo;
import io.dynasplit.schemas.DType;
import io.dynasplit.schemas.Shape;
import io.dynasplit.schemas.Tensor;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * One ONNX Runtime session over a model or a part of a split model, with its input and output names
 * checked at load time.
 *
 * @implNote {@link #load}, {@link #run} and {@link #warmUp} block for milliseconds to seconds: call
 *     them from a worker thread, never from an event loop. A session may run from several threads
 *     at once (ONNX Runtime sessions are thread-safe).
 */
public final class ModelSession implements AutoCloseable {

  private final SessionKey key;
  private final OrtSession session;
  private final Map<String, TensorInfo> inputs;
  private final List<String> outputNames;

  private ModelSession(
      SessionKey key,
      OrtSession session,
      Map<String, TensorInfo> inputs,
      List<String> outputNames) {
    this.key = key;
    this.session = session;
    this.inputs = inputs;
    this.outputNames = outputNames;
  }

  /** Per-thread direct buffers that heap inputs are copied into before ONNX Runtime reads them. */
  private static final class Scratch {
    private static final ThreadLocal<ByteBuffer[]> BUFFERS =
        ThreadLocal.withInitial(() -> new ByteBuffer[0]);

    private Scratch() {}

    /** A direct little-endian copy of {@code data}'s remaining bytes, in scratch slot {@code i}. */
    static ByteBuffer copy(int i, ByteBuffer data) {
      ByteBuffer[] slots = BUFFERS.get();
      if (i >= slots.length) {
        slots = java.util.Arrays.copyOf(slots, i + 1);
        BUFFERS.set(slots);
      }
      int n = data.remaining();
      ByteBuffer b = slots[i];
      if (b == null || b.capacity() < n) {
        b = ByteBuffer.allocateDirect(Math.max(n, b == null ? 0 : 2 * b.capacity()));
        slots[i] = b;
      }
      b.clear().limit(n);
      b.put(data.duplicate()).flip();
      return b.slice().order(ByteOrder.LITTLE_ENDIAN);
    }
  }

  /** ONNX Runtime's session option: whether the intra-op pool spins waiting for work. */
  static final String INTRA_OP_SPINNING = "session.intra_op.allow_spinning";

  /** ONNX Runtime's session option: whether the inter-op pool spins waiting for work. */
  static final String INTER_OP_SPINNING = "session.inter_op.allow_spinning";

  /**
   * Creates a session from model bytes.
   *
   * @throws InferenceException when the provider is not available or the bytes are not a model ONNX
   *     Runtime can load
   */
  public static ModelSession load(SessionKey key, byte[] modelBytes) {
    Objects.requireNonNull(key, "key");
    Objects.requireNonNull(modelBytes, "modelBytes");
    OrtEnvironment env = OrtEnvironment.getEnvironment();
    ExecutionProvider provider = ExecutionProvider.of(key.provider());
    try (OrtSession.SessionOptions options = new OrtSession.SessionOptions()) {
      if (key.threads() > 0) {
        options.setIntraOpNumThreads(key.threads());
      }
      // nodes run one after another (ONNX Runtime's default sequential mode): no inter-op pool
      options.setInterOpNumThreads(1);
      // a pool that spins after its work waits for the next request on the CPU: at one request
      // in flight with a 10 ms gap the classifier burnt 12.5 ms of CPU per request spinning, 3.5
      // to 4 ms not (docs/PERFORMANCE.md, "ONNX Runtime's thread pools")
      options.addConfigEntry(INTRA_OP_SPINNING, "0");
      options.addConfigEntry(INTER_OP_SPINNING, "0");
      if (provider == ExecutionProvider.CUDA) {
        if (!OrtEnvironment.getAvailableProviders().contains(OrtProvider.CUDA)) {
          throw new InferenceException(
              InferenceException.Reason.PROVIDER_UNAVAILABLE,
              "the cuda execution provider is not in this onnx runtime build; available: "
                  + OrtEnvironment.getAvailableProviders());
        }
        options.addCUDA(0);
      }
      OrtSession session = env.createSession(modelBytes, options);
      Map<String, TensorInfo> inputs = new LinkedHashMap<>();
      for (Map.Entry<String, NodeInfo> e : session.getInputInfo().entrySet()) {
        if (!(e.getValue().getInfo() instanceof TensorInfo t)) {
          session.close();
          throw new InferenceException(
              InferenceException.Reason.MODEL_UNAVAILABLE,
              "input " + e.getKey() + " of " + key + " is not a tensor");
        }
        inputs.put(e.getKey(), t);
      }
      List<String> outputs = new ArrayList<>(session.getOutputNames());
      if (inputs.isEmpty() || outputs.isEmpty()) {
        session.close();
        throw new InferenceException(
            InferenceException.Reason.MODEL_UNAVAILABLE,
            "model " + key + " has no inputs or no outputs");
      }
      return new ModelSession(key, session, Map.copyOf(inputs), List.copyOf(outputs));
    } catch (OrtException e) {
      throw new InferenceException(
          InferenceException.Reason.MODEL_UNAVAILABLE,
          "onnx runtime cannot load " + key + ": " + e.getMessage(),
          e);
    }
  }

  /** What this session runs. */
  public SessionKey key() {
    return key;
  }

  /** The input names in the model's order. */
  public List<String> inputNames() {
    return List.copyOf(session.getInputNames());
  }

  /** The output names in the model's order. */
  public List<String> outputNames() {
    return outputNames;
  }

  /** The declared shape of an input ({@code -1} for dynamic dimensions). */
  public long[] inputShape(String name) {
    TensorInfo t = inputs.get(name);
    if (t == null) {
      throw new IllegalArgumentException(
          "no input named " + name + " in " + key + "; inputs: " + inputs.keySet());
    }
    return t.getShape();
  }

  /** The declared element type of an input; null when the wire cannot carry it. */
  public DType inputType(String name) {
    TensorInfo t = inputs.get(name);
    if (t == null) {
      throw new IllegalArgumentException(
          "no input named " + name + " in " + key + "; inputs: " + inputs.keySet());
    }
    return OrtTypes.fromOrt(t.type);
  }

  /**
   * Runs the session.
   *
   * @param feed one tensor per input, by name; float16 and int8 tensors that encode floats are
   *     converted to float32 where the model takes float32
   * @return the outputs in the model's order, copied out of native memory
   * @throws InferenceException {@code BAD_INPUT} when names, types or shapes do not match the
   *     model; {@code RUNTIME} when ONNX Runtime fails or an output has a type the wire cannot
   *     carry
   */
  public List<Tensor> run(List<Tensor> feed) {
    List<Tensor> checked = checkFeed(feed);
    OrtEnvironment env = OrtEnvironment.getEnvironment();
    Map<String, OnnxTensor> ort = new LinkedHashMap<>();
    try {
      for (int i = 0; i < checked.size(); i++) {
        Tensor t = checked.get(i);
        ByteBuffer data = t.data();
        if (!data.isDirect()) {
          // ONNX Runtime reads direct memory in place; heap bytes (an MQTT payload) are copied
          // once into this thread's scratch buffer for input i, grown when too small, never
          // allocated per request. Safe to reuse: the OnnxTensor is closed before run returns.
          data = Scratch.copy(i, data);
        }
        ort.put(
            t.name(),
            OnnxTensor.createTensor(env, data, t.shape().dims(), OrtTypes.toOrt(t.dtype())));
      }
      try (OrtSession.Result result = session.run(ort)) {
        List<Tensor> out = new ArrayList<>();
        for (Map.Entry<String, OnnxValue> e : result) {
          if (!(e.getValue() instanceof OnnxTensor t)) {
            throw new InferenceException(
                InferenceException.Reason.RUNTIME,
                "output " + e.getKey() + " of " + key + " is not a tensor");
          }
          DType dtype = OrtTypes.fromOrt(t.getInfo().type);
          if (dtype == null) {
            throw new InferenceException(
                InferenceException.Reason.RUNTIME,
                "output "
                    + e.getKey()
                    + " of "
                    + key
                    + " has type "
                    + t.getInfo().type
                    + ", which the wire cannot carry");
          }
          ByteBuffer bytes = t.getByteBuffer().order(ByteOrder.LITTLE_ENDIAN);
          out.add(Tensor.of(e.getKey(), dtype, new Shape(t.getInfo().getShape()), bytes));
        }
        return out;
      }
    } catch (OrtException e) {
      throw new InferenceException(
          InferenceException.Reason.RUNTIME,
          "onnx runtime failed running " + key + ": " + e.getMessage(),
          e);
    } finally {
      ort.values().forEach(OnnxTensor::close);
    }
  }

  /**
   * Runs the session once on zeros, so that the first real request does not pay for ONNX Runtime's
   * lazy initialization. A dynamic batch dimension becomes 1, dynamic spatial or sequence
   * dimensions 64; an input with a dynamic channel count is not warmed up.
   *
   * @return whether the run succeeded; a part with several dynamic inputs whose sizes depend on
   *     each other (skip connections) may refuse zeros of guessed sizes, and then warms up on its
   *     first real request instead
   */
  public boolean warmUp() {
    List<Tensor> feed = new ArrayList<>();
    for (Map.Entry<String, TensorInfo> e : inputs.entrySet()) {
      long[] shape = e.getValue().getShape().clone();
      if (shape.length >= 3 && shape[1] < 0) {
        // a dynamic channel count cannot be guessed; warm up on the first real request instead
        return false;
      }
      for (int i = 0; i < shape.length; i++) {
        if (shape[i] < 0) {
          shape[i] = i == 0 ? 1 : 64;
        }
      }
      DType dtype = OrtTypes.fromOrt(e.getValue().type);
      if (dtype == null) {
        return false;
      }
      Shape s = new Shape(shape);
      int size = Math.toIntExact(s.elements() * dtype.size());
      feed.add(Tensor.of(e.getKey(), dtype, s, ByteBuffer.allocateDirect(size)));
    }
    try {
      run(feed);
      return true;
    } catch (InferenceException e) {
      return false;
    }
  }

  private List<Tensor> checkFeed(List<Tensor> feed) {
    Objects.requireNonNull(feed, "feed");
    Map<String, Tensor> byName = new LinkedHashMap<>();
    for (Tensor t : feed) {
      if (byName.put(t.name(), t) != null) {
        throw new InferenceException(
            InferenceException.Reason.BAD_INPUT, "input " + t.name() + " given twice");
      }
    }
    if (!byName.keySet().equals(inputs.keySet())) {
      throw new InferenceException(
          InferenceException.Reason.BAD_INPUT,
          "inputs of " + key.model() + " must be " + inputs.keySet() + ", got " + byName.keySet());
    }
    List<Tensor> out = new ArrayList<>();
    for (Tensor t : feed) {
      TensorInfo info = inputs.get(t.name());
      DType want = OrtTypes.fromOrt(info.type);
      if (want == DType.FLOAT32 && (t.dtype() == DType.FLOAT16 || t.dtype() == DType.INT8)) {
        t = t.toFloat32();
      }
      if (want != t.dtype()) {
        throw new InferenceException(
            InferenceException.Reason.BAD_INPUT,
            "input "
                + t.name()
                + " must be "
                + (want == null ? info.type : want.wireName())
                + ", got "
                + t.dtype().wireName());
      }
      long[] shape = info.getShape();
      long[] got = t.shape().dims();
      boolean ok = shape.length == got.length;
      for (int i = 0; ok && i < shape.length; i++) {
        ok = shape[i] < 0 ? got[i] > 0 : shape[i] == got[i];
      }
      if (!ok) {
        throw new InferenceException(
            InferenceException.Reason.BAD_INPUT,
            "input "
                + t.name()
                + " must have shape "
                + Arrays.toString(shape)
                + " (-1 = any), got "
                + Arrays.toString(got));
      }
      out.add(t);
    }
    return out;
  }

  /** Releases the native session; safe to call twice. */
  @Override
  public synchronized void close() {
    try {
      session.close();
    } catch (OrtException | IllegalStateException e) {
      // already closed, or nothing more we can do with a native handle that will not close
    }
  }
}
