package io.dynasplit.models.catalog;

import ai.onnx.proto.OnnxMl.ModelProto;
import ai.onnx.proto.OnnxMl.StringStringEntryProto;
import com.google.protobuf.CodedInputStream;
import com.google.protobuf.WireFormat;
import io.dynasplit.models.zoo.ModelGenerator;
import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Reads the {@code metadata_props} of an ONNX file without parsing its graph: the graph and the
 * weights are skipped on the stream, so a 550 MB model costs a read, not a parse.
 */
public final class OnnxMetadata {

  /** Metadata key whose value is {@code true} in every model generated with synthetic weights. */
  public static final String SYNTHETIC_KEY = ModelGenerator.SYNTHETIC_KEY;

  private OnnxMetadata() {}

  /**
   * The metadata of an ONNX file.
   *
   * @throws IOException when the file cannot be read or is not a protobuf message
   */
  public static Map<String, String> read(Path file) throws IOException {
    try (InputStream in = new BufferedInputStream(Files.newInputStream(file), 1 << 16)) {
      return read(in);
    }
  }

  /** The metadata of an ONNX model read from a stream (which is read to its end). */
  public static Map<String, String> read(InputStream stream) throws IOException {
    CodedInputStream in = CodedInputStream.newInstance(stream);
    Map<String, String> meta = new LinkedHashMap<>();
    while (true) {
      int tag = in.readTag();
      if (tag == 0) {
        return meta;
      }
      if (WireFormat.getTagFieldNumber(tag) == ModelProto.METADATA_PROPS_FIELD_NUMBER
          && WireFormat.getTagWireType(tag) == WireFormat.WIRETYPE_LENGTH_DELIMITED) {
        StringStringEntryProto e = StringStringEntryProto.parseFrom(in.readBytes());
        meta.put(e.getKey(), e.getValue());
      } else if (!in.skipField(tag)) {
        return meta;
      }
    }
  }

  /** Whether the file says its weights are synthetic ({@value #SYNTHETIC_KEY} is {@code true}). */
  public static boolean isSynthetic(Path file) throws IOException {
    return "true".equals(read(file).get(SYNTHETIC_KEY));
  }
}
