package io.dynasplit.models.graph;

import ai.onnx.proto.OnnxMl.ModelProto;
import com.google.protobuf.CodedInputStream;
import com.google.protobuf.InvalidProtocolBufferException;
import io.dynasplit.models.graph.ModelGraphException.Reason;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Objects;

/**
 * A parsed and checked ONNX model with an id: the input of analysis and splitting.
 *
 * <p>Loading checks that the bytes are an ONNX {@code ModelProto} with a graph, an IR version and
 * opset imports, and tells a truncated file apart from one that is not ONNX at all. Weights kept in
 * external data files are read into the model when it is loaded from its path (the files must lie
 * in the model's folder); from bytes alone they are refused, since there is nowhere to read them
 * from.
 *
 * {@snippet :
 * OnnxModel model = OnnxModel.load(Path.of("det.onnx"));   // id "det"
 * OnnxModel same = OnnxModel.fromBytes("det", Files.readAllBytes(Path.of("det.onnx")));
 * }
 */
public final class OnnxModel {

  private final String id;
  private final ModelProto proto;

  private OnnxModel(String id, ModelProto proto) {
    this.id = id;
    this.proto = proto;
  }

  /**
   * Loads a model file; the id is the file name without {@code .onnx}.
   *
   * @throws ModelGraphException if the file is not ONNX, is truncated, or its external data cannot
   *     be read
   * @throws UncheckedIOException if the file cannot be read
   */
  public static OnnxModel load(Path file) {
    Objects.requireNonNull(file, "file");
    String name = file.getFileName().toString();
    String id = name.endsWith(".onnx") ? name.substring(0, name.length() - 5) : name;
    byte[] bytes;
    try {
      bytes = Files.readAllBytes(file);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read model file " + file + ": " + e.getMessage(), e);
    }
    Path dir = file.toAbsolutePath().getParent();
    return new OnnxModel(id, ExternalData.inline(id, parse(id, bytes), dir));
  }

  /**
   * Parses a model from its bytes (a classpath resource, a download from another node).
   *
   * @throws ModelGraphException if the bytes are not ONNX, are truncated, or the model keeps its
   *     weights in external data files
   */
  public static OnnxModel fromBytes(String id, byte[] bytes) {
    requireId(id);
    Objects.requireNonNull(bytes, "bytes");
    return new OnnxModel(id, ExternalData.inline(id, parse(id, bytes), null));
  }

  /** Wraps a model already in memory, checking it as loading does. */
  public static OnnxModel of(String id, ModelProto proto) {
    requireId(id);
    Objects.requireNonNull(proto, "proto");
    check(id, proto);
    return new OnnxModel(id, ExternalData.inline(id, proto, null));
  }

  /** The model id (a catalog id or a file name). */
  public String id() {
    return id;
  }

  /** The model's protobuf, immutable. */
  public ModelProto proto() {
    return proto;
  }

  /** The serialized model. */
  public byte[] toByteArray() {
    return proto.toByteArray();
  }

  /** This model under another id. */
  public OnnxModel withId(String newId) {
    requireId(newId);
    return new OnnxModel(newId, proto);
  }

  @Override
  public String toString() {
    return "OnnxModel[" + id + ", " + proto.getGraph().getNodeCount() + " nodes]";
  }

  private static void requireId(String id) {
    Objects.requireNonNull(id, "id");
    if (id.isBlank()) {
      throw new IllegalArgumentException("model id must not be blank");
    }
  }

  private static ModelProto parse(String id, byte[] bytes) {
    if (bytes.length == 0) {
      throw new ModelGraphException(
          Reason.NOT_ONNX, "model '" + id + "' is not an ONNX model: the file is empty");
    }
    ModelProto proto;
    try {
      CodedInputStream in = CodedInputStream.newInstance(bytes);
      in.setRecursionLimit(256);
      proto = ModelProto.parseFrom(in);
      in.checkLastTagWas(0);
    } catch (InvalidProtocolBufferException e) {
      String m = String.valueOf(e.getMessage());
      boolean endedEarly = m.contains("ended unexpectedly") || m.contains("truncated");
      // a cut-off ONNX file still parses to a model with its leading fields (ir_version first)
      boolean onnxPrefix =
          e.getUnfinishedMessage() instanceof ModelProto partial && partial.getIrVersion() > 0;
      if (endedEarly && onnxPrefix) {
        throw new ModelGraphException(
            Reason.TRUNCATED,
            "model '"
                + id
                + "' is truncated: the ONNX data ends in the middle of a field ("
                + bytes.length
                + " bytes read)",
            e);
      }
      throw new ModelGraphException(
          Reason.NOT_ONNX, "model '" + id + "' is not an ONNX model: " + m, e);
    } catch (IOException e) {
      throw new ModelGraphException(
          Reason.NOT_ONNX, "model '" + id + "' is not an ONNX model: " + e.getMessage(), e);
    }
    check(id, proto);
    return proto;
  }

  private static void check(String id, ModelProto proto) {
    if (proto.getIrVersion() <= 0 || !proto.hasGraph()) {
      throw new ModelGraphException(
          Reason.NOT_ONNX,
          "model '" + id + "' is not an ONNX model: it has no IR version or no graph");
    }
    if (proto.getGraph().getNodeCount() == 0) {
      throw new ModelGraphException(
          Reason.NOT_ONNX, "model '" + id + "' has an empty graph: no nodes to split");
    }
    if (proto.getOpsetImportCount() == 0) {
      throw new ModelGraphException(
          Reason.TRUNCATED,
          "model '"
              + id
              + "' has no opset imports: the file is probably truncated after its graph");
    }
  }
}
