package io.dynasplit.models.catalog;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Objects;
import java.util.Optional;

/**
 * A {@code MODEL} argument resolved to readable ONNX bytes: a catalog entry (when it named one) and
 * the place the bytes are read from.
 *
 * @param id the catalog id, or for a plain file its name without {@code .onnx}
 * @param entry the catalog entry, empty for a plain file that is not in the catalog
 * @param synthetic whether the weights are synthetic (seeded random): the entry's flag, or for a
 *     plain file its {@code dynasplit.synthetic} metadata
 * @param location where the bytes are
 */
public record ResolvedModel(
    String id, Optional<CatalogEntry> entry, boolean synthetic, Location location) {

  /** Checks the values. */
  public ResolvedModel {
    Objects.requireNonNull(id, "id");
    Objects.requireNonNull(entry, "entry");
    Objects.requireNonNull(location, "location");
    if (entry.isPresent() && entry.get().synthetic() != synthetic) {
      throw new IllegalArgumentException(
          "synthetic must agree with catalog entry " + entry.get().id() + ": " + synthetic);
    }
  }

  /** Where a model's bytes are. */
  public sealed interface Location {
    /** For humans: the path, the resource or {@code generated in memory}. */
    String describe();
  }

  /**
   * A file on disk.
   *
   * @param path the file
   */
  public record FileLocation(Path path) implements Location {
    /** Checks the values. */
    public FileLocation {
      Objects.requireNonNull(path, "path");
    }

    @Override
    public String describe() {
      return path.toString();
    }
  }

  /**
   * A classpath resource.
   *
   * @param resource the resource path, without a leading slash
   * @param loader the class loader that has it
   */
  public record ResourceLocation(String resource, ClassLoader loader) implements Location {
    /** Checks the values. */
    public ResourceLocation {
      Objects.requireNonNull(resource, "resource");
      Objects.requireNonNull(loader, "loader");
    }

    @Override
    public String describe() {
      return "classpath:" + resource;
    }
  }

  /**
   * Bytes generated in memory; the array is <em>not</em> copied, callers must not change it.
   *
   * @param bytes the serialized model
   */
  public record MemoryLocation(byte[] bytes) implements Location {
    /** Checks the values. */
    public MemoryLocation {
      Objects.requireNonNull(bytes, "bytes");
    }

    @Override
    public String describe() {
      return "generated in memory";
    }
  }

  /** The file, when the model is a file on disk (ONNX Runtime can map it without a copy). */
  public Optional<Path> path() {
    return location instanceof FileLocation f ? Optional.of(f.path()) : Optional.empty();
  }

  /** Opens the ONNX bytes; the caller closes the stream. */
  public InputStream openStream() throws IOException {
    return switch (location) {
      case FileLocation f -> Files.newInputStream(f.path());
      case MemoryLocation m -> new ByteArrayInputStream(m.bytes());
      case ResourceLocation r -> {
        InputStream in = r.loader().getResourceAsStream(r.resource());
        if (in == null) {
          throw new IOException("classpath resource is gone: " + r.resource());
        }
        yield in;
      }
    };
  }

  /**
   * Reads all the ONNX bytes.
   *
   * @throws UncheckedIOException when they cannot be read
   */
  public byte[] bytes() {
    if (location instanceof MemoryLocation m) {
      return m.bytes();
    }
    try (InputStream in = openStream()) {
      return in.readAllBytes();
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read model " + id + " from " + location.describe(), e);
    }
  }

  /** The size in bytes. */
  public long size() {
    try {
      return switch (location) {
        case FileLocation f -> Files.size(f.path());
        case MemoryLocation m -> m.bytes().length;
        case ResourceLocation r -> {
          var url = r.loader().getResource(r.resource());
          if (url == null) {
            throw new IOException("classpath resource is gone: " + r.resource());
          }
          var connection = url.openConnection();
          long length = connection.getContentLengthLong();
          connection.getInputStream().close();
          yield length >= 0 ? length : bytes().length;
        }
      };
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read model " + id + " from " + location.describe(), e);
    }
  }

  /** Writes the ONNX bytes to {@code target}, replacing it, and returns the number of bytes. */
  public long writeTo(Path target) throws IOException {
    Path parent = target.toAbsolutePath().getParent();
    if (parent != null) {
      Files.createDirectories(parent);
    }
    try (InputStream in = openStream()) {
      return Files.copy(in, target, StandardCopyOption.REPLACE_EXISTING);
    }
  }
}
