package io.dynasplit.models.graph;

import ai.onnx.proto.OnnxMl.AttributeProto;
import ai.onnx.proto.OnnxMl.GraphProto;
import ai.onnx.proto.OnnxMl.ModelProto;
import ai.onnx.proto.OnnxMl.NodeProto;
import ai.onnx.proto.OnnxMl.StringStringEntryProto;
import ai.onnx.proto.OnnxMl.TensorProto;
import com.google.protobuf.ByteString;
import io.dynasplit.models.graph.ModelGraphException.Reason;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

/**
 * Reads tensors kept in ONNX external data files into the model, so that a split can write
 * self-contained head and tail files.
 *
 * <p>Only files inside the model's own folder are read (a location that escapes it is refused), and
 * the model must stay under protobuf's 2 GiB limit once the data is inlined.
 */
final class ExternalData {

  private static final long MAX_INLINE_BYTES = Integer.MAX_VALUE - (64L << 20);

  private ExternalData() {}

  /**
   * The model with every external tensor read into {@code raw_data}; the model itself when it has
   * none.
   *
   * @param dir the folder the model file lies in, or {@code null} when it came as bytes
   */
  public static ModelProto inline(String id, ModelProto model, Path dir) {
    if (!usesExternal(model.getGraph())) {
      return model;
    }
    Inliner inliner = new Inliner(id, dir);
    ModelProto.Builder b = model.toBuilder();
    b.setGraph(inliner.graph(model.getGraph()));
    return b.build();
  }

  private static boolean usesExternal(GraphProto g) {
    for (TensorProto t : g.getInitializerList()) {
      if (isExternal(t)) {
        return true;
      }
    }
    for (NodeProto n : g.getNodeList()) {
      for (AttributeProto a : n.getAttributeList()) {
        if (a.hasT() && isExternal(a.getT())) {
          return true;
        }
        for (TensorProto t : a.getTensorsList()) {
          if (isExternal(t)) {
            return true;
          }
        }
        if (a.hasG() && usesExternal(a.getG())) {
          return true;
        }
        for (GraphProto sub : a.getGraphsList()) {
          if (usesExternal(sub)) {
            return true;
          }
        }
      }
    }
    return false;
  }

  private static boolean isExternal(TensorProto t) {
    return t.getDataLocation() == TensorProto.DataLocation.EXTERNAL;
  }

  private static final class Inliner {
    private final String id;
    private final Path dir;
    private long inlined;

    Inliner(String id, Path dir) {
      this.id = id;
      this.dir = dir;
    }

    GraphProto graph(GraphProto g) {
      GraphProto.Builder b = g.toBuilder();
      for (int i = 0; i < b.getInitializerCount(); i++) {
        b.setInitializer(i, tensor(b.getInitializer(i)));
      }
      for (int i = 0; i < b.getNodeCount(); i++) {
        NodeProto.Builder n = b.getNode(i).toBuilder();
        for (int j = 0; j < n.getAttributeCount(); j++) {
          AttributeProto.Builder a = n.getAttribute(j).toBuilder();
          if (a.hasT()) {
            a.setT(tensor(a.getT()));
          }
          for (int k = 0; k < a.getTensorsCount(); k++) {
            a.setTensors(k, tensor(a.getTensors(k)));
          }
          if (a.hasG()) {
            a.setG(graph(a.getG()));
          }
          for (int k = 0; k < a.getGraphsCount(); k++) {
            a.setGraphs(k, graph(a.getGraphs(k)));
          }
          n.setAttribute(j, a);
        }
        b.setNode(i, n);
      }
      return b.build();
    }

    TensorProto tensor(TensorProto t) {
      if (!isExternal(t)) {
        return t;
      }
      String location = null;
      long offset = 0;
      long length = -1;
      for (StringStringEntryProto e : t.getExternalDataList()) {
        switch (e.getKey()) {
          case "location" -> location = e.getValue();
          case "offset" -> offset = parse(t, e);
          case "length" -> length = parse(t, e);
          default -> {}
        }
      }
      if (location == null || location.isEmpty()) {
        throw fail(t, "names no external data location");
      }
      if (dir == null) {
        throw new ModelGraphException(
            Reason.EXTERNAL_DATA,
            "model '"
                + id
                + "' keeps tensor '"
                + t.getName()
                + "' in the external data file '"
                + location
                + "'; load the model from its file path so that the file beside it can be read");
      }
      Path file = dir.resolve(location).normalize();
      if (!file.startsWith(dir.normalize())) {
        throw fail(t, "points outside the model's folder: " + location);
      }
      if (!Files.isRegularFile(file)) {
        throw fail(t, "lives in the external data file " + file + ", which does not exist");
      }
      try (FileChannel ch = FileChannel.open(file, StandardOpenOption.READ)) {
        long size = ch.size();
        long n = length < 0 ? size - offset : length;
        if (offset < 0 || n < 0 || offset + n > size) {
          throw fail(
              t,
              "asks for bytes "
                  + offset
                  + ".."
                  + (offset + n)
                  + " of "
                  + file
                  + ", which has "
                  + size);
        }
        inlined += n;
        if (inlined > MAX_INLINE_BYTES) {
          throw new ModelGraphException(
              Reason.EXTERNAL_DATA,
              "model '"
                  + id
                  + "' has more than 2 GiB of external weights; models over protobuf's 2 GiB limit"
                  + " are not supported");
        }
        ByteBuffer buf = ByteBuffer.allocate((int) n);
        while (buf.hasRemaining()) {
          if (ch.read(buf, offset + buf.position()) < 0) {
            throw fail(t, "ends early in " + file);
          }
        }
        buf.flip();
        return t.toBuilder()
            .clearExternalData()
            .clearDataLocation()
            .setRawData(ByteString.copyFrom(buf))
            .build();
      } catch (IOException e) {
        throw new ModelGraphException(
            Reason.EXTERNAL_DATA,
            "model '"
                + id
                + "': cannot read external data of tensor '"
                + t.getName()
                + "' from "
                + file
                + ": "
                + e.getMessage(),
            e);
      }
    }

    private long parse(TensorProto t, StringStringEntryProto e) {
      try {
        return Long.parseLong(e.getValue());
      } catch (NumberFormatException ex) {
        throw fail(t, "has a bad external data " + e.getKey() + ": " + e.getValue());
      }
    }

    private ModelGraphException fail(TensorProto t, String what) {
      return new ModelGraphException(
          Reason.EXTERNAL_DATA, "model '" + id + "': tensor '" + t.getName() + "' " + what);
    }
  }
}
