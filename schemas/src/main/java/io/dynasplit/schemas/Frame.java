package io.dynasplit.schemas;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * A decoded tensor frame: its JSON header (the message metadata, without the {@code tensors} list)
 * and its tensors, which share the bytes of the frame they were decoded from.
 *
 * @param header the header's metadata fields (for example a {@link TailRequestHeader}'s); treat it
 *     as read-only
 * @param tensors the tensors in header order
 */
public record Frame(ObjectNode header, List<Tensor> tensors) {

  /** Checks the fields and freezes the tensor list. */
  public Frame {
    Objects.requireNonNull(header, "header");
    tensors = List.copyOf(Objects.requireNonNull(tensors, "tensors"));
  }

  /**
   * The header bound to a message record, for example {@code
   * frame.metadata(TailRequestHeader.class)}.
   *
   * @throws FrameCodecException when the header does not fit the type, with the reason
   */
  public <T> T metadata(Class<T> type) {
    try {
      return Json.fromTree(header, type);
    } catch (IllegalArgumentException e) {
      throw new FrameCodecException("frame header: " + e.getMessage(), e);
    }
  }

  /** The tensor of the given name. */
  public Optional<Tensor> tensor(String name) {
    for (Tensor t : tensors) {
      if (t.name().equals(name)) {
        return Optional.of(t);
      }
    }
    return Optional.empty();
  }

  /** Total bytes of the tensors' data. */
  public long tensorBytes() {
    long n = 0;
    for (Tensor t : tensors) {
      n += t.byteLength();
    }
    return n;
  }
}
