package io.dynasplit.models.catalog;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.dynasplit.models.zoo.ModelGenerator;
import io.dynasplit.models.zoo.ReferenceModels;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The models DynaSplit knows by id, and the resolver from a {@code MODEL} argument (a catalog id or
 * a file path) to readable ONNX bytes.
 *
 * <p>The built-in entries come from the classpath resource {@value #RESOURCE}. Real models are
 * resources of dependency jars; generated models are files in the models folder (see {@link
 * ModelsFolder}); the tiny CNN is generated in memory when its file is absent.
 *
 * <p>Immutable and thread-safe.
 *
 * {@snippet :
 * ModelCatalog catalog = ModelCatalog.builtIn(ModelsFolder.resolve(System.getenv(), home));
 * ResolvedModel model = catalog.resolve("ppocr-det");      // or "/path/to/model.onnx"
 * byte[] onnx = model.bytes();
 * }
 */
public final class ModelCatalog {

  /** The classpath resource holding the built-in entries (a JSON array). */
  public static final String RESOURCE = "catalog/models.json";

  private static final ObjectMapper JSON =
      new ObjectMapper().enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);

  private final Map<String, CatalogEntry> entries;
  private final List<String> order;
  private final Path modelsDir;
  private final ClassLoader loader;

  /**
   * Small models generated in memory, shared by all catalogs (the bytes depend only on the
   * generator).
   */
  private static final Map<String, byte[]> GENERATED_IN_MEMORY = new ConcurrentHashMap<>();

  private ModelCatalog(List<CatalogEntry> list, Path modelsDir, ClassLoader loader) {
    Map<String, CatalogEntry> map = new LinkedHashMap<>();
    for (CatalogEntry e : list) {
      if (map.putIfAbsent(e.id(), e) != null) {
        throw new IllegalArgumentException("catalog id " + e.id() + " is listed twice");
      }
    }
    this.entries = Map.copyOf(map);
    this.order = List.copyOf(map.keySet());
    this.modelsDir = Objects.requireNonNull(modelsDir, "modelsDir");
    this.loader = Objects.requireNonNull(loader, "loader");
  }

  /**
   * The built-in catalog, looking for generated models in {@code modelsDir}.
   *
   * @throws UncheckedIOException if the catalog resource cannot be read or parsed (a packaging bug)
   */
  public static ModelCatalog builtIn(Path modelsDir) {
    ClassLoader loader = ModelCatalog.class.getClassLoader();
    try (InputStream in = loader.getResourceAsStream(RESOURCE)) {
      if (in == null) {
        throw new IOException("classpath resource " + RESOURCE + " is missing");
      }
      return new ModelCatalog(parse(in), modelsDir, loader);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot load the model catalog " + RESOURCE, e);
    }
  }

  /** A catalog of the given entries (for tests and custom catalogs). */
  public static ModelCatalog of(List<CatalogEntry> entries, Path modelsDir) {
    return new ModelCatalog(entries, modelsDir, ModelCatalog.class.getClassLoader());
  }

  /** Parses catalog entries from a JSON array. */
  public static List<CatalogEntry> parse(InputStream json) throws IOException {
    return JSON.readValue(json, new TypeReference<List<CatalogEntry>>() {});
  }

  /** A copy of this catalog with one more entry (replacing one with the same id). */
  public ModelCatalog with(CatalogEntry entry) {
    List<CatalogEntry> list = new ArrayList<>(entries());
    list.removeIf(e -> e.id().equals(entry.id()));
    list.add(entry);
    return new ModelCatalog(list, modelsDir, loader);
  }

  /** The folder where generated models are looked up. */
  public Path modelsDir() {
    return modelsDir;
  }

  /** Every entry, in catalog order. */
  public List<CatalogEntry> entries() {
    return order.stream().map(entries::get).toList();
  }

  /** The ids, in catalog order. */
  public List<String> ids() {
    return order;
  }

  /** The entry with this id, if any. */
  public Optional<CatalogEntry> find(String id) {
    return Optional.ofNullable(entries.get(id));
  }

  /**
   * The entry with this id.
   *
   * @throws ModelNotFoundException with {@link ModelNotFoundException.Reason#UNKNOWN_ID}
   */
  public CatalogEntry get(String id) {
    CatalogEntry e = entries.get(id);
    if (e == null) {
      throw unknown(id);
    }
    return e;
  }

  /** The entries whose ONNX bytes can be read right now. */
  public List<CatalogEntry> present() {
    return entries().stream().filter(this::isPresent).toList();
  }

  /** Whether the entry's ONNX bytes can be read right now (without generating large models). */
  public boolean isPresent(CatalogEntry entry) {
    return switch (entry.source()) {
      case ModelSource.Classpath c -> loader.getResource(c.resource()) != null;
      case ModelSource.Generated g ->
          g.inMemory() || Files.isRegularFile(modelsDir.resolve(g.file()));
      case ModelSource.File f -> Files.isRegularFile(filePath(f));
    };
  }

  /** Where a generated entry's file is (or will be) in the models folder. */
  public Path generatedPath(CatalogEntry entry) {
    if (!(entry.source() instanceof ModelSource.Generated g)) {
      throw new IllegalArgumentException(
          "model " + entry.id() + " is not generated but " + entry.source().kind());
    }
    return modelsDir.resolve(g.file());
  }

  /**
   * Resolves a {@code MODEL} argument: a catalog id, else a path to an ONNX file.
   *
   * @throws ModelNotFoundException naming the problem: an unknown id (with the known ones), a
   *     missing file, a generated model not generated yet (with the command that generates it), a
   *     missing classpath resource
   */
  public ResolvedModel resolve(String model) {
    Objects.requireNonNull(model, "model");
    if (model.isBlank()) {
      throw new ModelNotFoundException(
          model,
          ModelNotFoundException.Reason.UNKNOWN_ID,
          "model must not be blank; known ids: " + String.join(", ", order));
    }
    CatalogEntry entry = entries.get(model);
    if (entry != null) {
      return resolve(entry);
    }
    if (!looksLikePath(model)) {
      throw unknown(model);
    }
    Path path;
    try {
      path = Path.of(model);
    } catch (InvalidPathException e) {
      throw new ModelNotFoundException(
          model,
          ModelNotFoundException.Reason.FILE_MISSING,
          "not a valid file path: " + e.getMessage());
    }
    if (!Files.isRegularFile(path)) {
      throw new ModelNotFoundException(
          model,
          ModelNotFoundException.Reason.FILE_MISSING,
          "model file not found: " + path.toAbsolutePath());
    }
    if (!Files.isReadable(path)) {
      throw new ModelNotFoundException(
          model,
          ModelNotFoundException.Reason.FILE_MISSING,
          "model file is not readable: " + path.toAbsolutePath());
    }
    String name = path.getFileName().toString();
    String id = name.endsWith(".onnx") ? name.substring(0, name.length() - ".onnx".length()) : name;
    boolean synthetic;
    try {
      synthetic = OnnxMetadata.isSynthetic(path);
    } catch (IOException e) {
      // not readable as protobuf: the loader will say what is wrong with it; nothing claims
      // synthetic
      synthetic = false;
    }
    return new ResolvedModel(id, Optional.empty(), synthetic, new ResolvedModel.FileLocation(path));
  }

  /** Resolves a catalog entry to readable ONNX bytes; see {@link #resolve(String)}. */
  public ResolvedModel resolve(CatalogEntry entry) {
    ResolvedModel.Location location =
        switch (entry.source()) {
          case ModelSource.Classpath c -> {
            if (loader.getResource(c.resource()) == null) {
              throw new ModelNotFoundException(
                  entry.id(),
                  ModelNotFoundException.Reason.RESOURCE_MISSING,
                  "model "
                      + entry.id()
                      + ": classpath resource "
                      + c.resource()
                      + " is missing; the jar "
                      + c.artifact()
                      + " must be on the classpath");
            }
            yield new ResolvedModel.ResourceLocation(c.resource(), loader);
          }
          case ModelSource.Generated g -> {
            Path file = modelsDir.resolve(g.file());
            if (Files.isRegularFile(file)) {
              yield new ResolvedModel.FileLocation(file);
            }
            if (g.inMemory()) {
              byte[] bytes =
                  GENERATED_IN_MEMORY.computeIfAbsent(
                      g.generator(),
                      name -> new ModelGenerator().toBytes(ReferenceModels.get(name)));
              yield new ResolvedModel.MemoryLocation(bytes);
            }
            throw new ModelNotFoundException(
                entry.id(),
                ModelNotFoundException.Reason.NOT_GENERATED,
                "model "
                    + entry.id()
                    + " has not been generated: no "
                    + file.toAbsolutePath()
                    + "; run `dynasplit models generate --only "
                    + entry.id()
                    + "` (or set "
                    + ModelsFolder.ENV
                    + " to the folder that has it)");
          }
          case ModelSource.File f -> {
            Path file = filePath(f);
            if (!Files.isRegularFile(file)) {
              throw new ModelNotFoundException(
                  entry.id(),
                  ModelNotFoundException.Reason.FILE_MISSING,
                  "model " + entry.id() + ": file not found: " + file.toAbsolutePath());
            }
            yield new ResolvedModel.FileLocation(file);
          }
        };
    return new ResolvedModel(entry.id(), Optional.of(entry), entry.synthetic(), location);
  }

  private Path filePath(ModelSource.File f) {
    Path p = Path.of(f.path());
    return p.isAbsolute() ? p : modelsDir.resolve(p);
  }

  private static boolean looksLikePath(String model) {
    return model.contains("/")
        || model.contains("\\")
        || model.endsWith(".onnx")
        || model.startsWith(".")
        || exists(model);
  }

  private static boolean exists(String model) {
    try {
      return Files.exists(Path.of(model));
    } catch (InvalidPathException e) {
      return false;
    }
  }

  private ModelNotFoundException unknown(String id) {
    return new ModelNotFoundException(
        id,
        ModelNotFoundException.Reason.UNKNOWN_ID,
        "unknown model '"
            + id
            + "': not a catalog id and not a file path; known ids: "
            + String.join(", ", order));
  }
}
