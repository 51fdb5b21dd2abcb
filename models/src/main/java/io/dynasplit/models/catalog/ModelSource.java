package io.dynasplit.models.catalog;

import com.fasterxml.jackson.annotation.JsonSubTypes;
import com.fasterxml.jackson.annotation.JsonTypeInfo;
import java.util.Objects;

/** Where the ONNX bytes of a catalog model come from. */
@JsonTypeInfo(use = JsonTypeInfo.Id.NAME, property = "type")
@JsonSubTypes({
  @JsonSubTypes.Type(value = ModelSource.Classpath.class, name = "classpath"),
  @JsonSubTypes.Type(value = ModelSource.Generated.class, name = "generated"),
  @JsonSubTypes.Type(value = ModelSource.File.class, name = "file"),
})
public sealed interface ModelSource {

  /** A short text for tables: {@code classpath}, {@code generated} or {@code file}. */
  String kind();

  /** Where exactly, for humans: the resource, the file name or the path. */
  String location();

  /**
   * A resource of a dependency jar on the classpath (no download at run time).
   *
   * @param resource the resource path, without a leading slash
   * @param artifact the Maven coordinates of the jar that ships it, for humans
   */
  record Classpath(String resource, String artifact) implements ModelSource {
    /** Checks the values. */
    public Classpath {
      Objects.requireNonNull(resource, "resource");
      Objects.requireNonNull(artifact, "artifact");
      if (resource.isBlank() || resource.startsWith("/")) {
        throw new IllegalArgumentException(
            "resource must be a relative classpath path: '" + resource + "'");
      }
    }

    @Override
    public String kind() {
      return "classpath";
    }

    @Override
    public String location() {
      return resource + " (" + artifact + ")";
    }
  }

  /**
   * A reference architecture the project generates with seeded synthetic weights ({@code dynasplit
   * models generate}); the file lives in the models folder.
   *
   * @param generator the generator's name in {@link io.dynasplit.models.zoo.ReferenceModels}
   * @param file the file name in the models folder
   * @param inMemory whether the model is small enough to be generated on demand when the file is
   *     absent
   */
  record Generated(String generator, String file, boolean inMemory) implements ModelSource {
    /** Checks the values. */
    public Generated {
      Objects.requireNonNull(generator, "generator");
      Objects.requireNonNull(file, "file");
      if (file.isBlank() || file.contains("/") || file.contains("\\")) {
        throw new IllegalArgumentException("file must be a plain file name: '" + file + "'");
      }
    }

    @Override
    public String kind() {
      return "generated";
    }

    @Override
    public String location() {
      return file;
    }
  }

  /**
   * An ONNX file on disk; a relative path is taken against the models folder.
   *
   * @param path the file path
   */
  record File(String path) implements ModelSource {
    /** Checks the values. */
    public File {
      Objects.requireNonNull(path, "path");
      if (path.isBlank()) {
        throw new IllegalArgumentException("path must not be blank");
      }
    }

    @Override
    public String kind() {
      return "file";
    }

    @Override
    public String location() {
      return path;
    }
  }
}
