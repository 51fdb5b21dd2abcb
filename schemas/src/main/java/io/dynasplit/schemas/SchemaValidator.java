package io.dynasplit.schemas;

import com.fasterxml.jackson.core.type.TypeReference;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.json.schema.Draft;
import io.vertx.json.schema.JsonSchema;
import io.vertx.json.schema.JsonSchemaOptions;
import io.vertx.json.schema.OutputFormat;
import io.vertx.json.schema.OutputUnit;
import io.vertx.json.schema.SchemaRepository;
import io.vertx.json.schema.Validator;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * Validates JSON documents against the wire schemas (draft 2020-12, with vertx-json-schema). Every
 * failure comes back as a list of {@link SchemaViolation}s, each a JSON Pointer to the offending
 * value and the reason.
 *
 * {@snippet :
 * List<SchemaViolation> v = SchemaValidator.shared().validate(MessageSchema.REQUEST, payload);
 * // [/slaMs: Instance must be greater than or equal to 1]
 * }
 *
 * @implNote thread-safe once built; validation is CPU work proportional to the document
 */
public final class SchemaValidator {

  private static final SchemaValidator SHARED = new SchemaValidator();
  private static final String COMMON = "common.json";

  private final Map<MessageSchema, Validator> validators = new EnumMap<>(MessageSchema.class);

  /** Loads every schema from the class path. */
  public SchemaValidator() {
    JsonSchemaOptions options =
        new JsonSchemaOptions()
            .setDraft(Draft.DRAFT202012)
            .setBaseUri(MessageSchema.BASE_URI)
            .setOutputFormat(OutputFormat.Basic);
    SchemaRepository repository = SchemaRepository.create(options);
    repository.dereference(
        MessageSchema.BASE_URI + COMMON, JsonSchema.of(load("/schemas/" + COMMON)));
    for (MessageSchema s : MessageSchema.values()) {
      JsonSchema schema = JsonSchema.of(load(s.resource()));
      repository.dereference(s.id(), schema);
    }
    for (MessageSchema s : MessageSchema.values()) {
      validators.put(s, repository.validator(s.id(), options));
    }
  }

  /** The validator shared by everyone (loading the schemas once). */
  public static SchemaValidator shared() {
    return SHARED;
  }

  /** The schema text of a message, as JSON. */
  public static JsonObject schemaOf(MessageSchema schema) {
    return load(schema.resource());
  }

  /**
   * Validates JSON bytes against a schema.
   *
   * @return the violations; empty when the document is valid
   */
  public List<SchemaViolation> validate(MessageSchema schema, byte[] json) {
    Object document;
    try {
      document = wrap(Json.mapper().readValue(json, new TypeReference<Object>() {}));
    } catch (IOException | RuntimeException e) {
      String m = e.getMessage() == null ? e.toString() : e.getMessage();
      int nl = m.indexOf('\n');
      return List.of(
          new SchemaViolation("", "not valid JSON: " + (nl < 0 ? m : m.substring(0, nl))));
    }
    return validate(schema, document);
  }

  /**
   * Validates a record (written with {@link Json}) against a schema.
   *
   * @return the violations; empty when the record's JSON is valid
   */
  public List<SchemaViolation> validateValue(MessageSchema schema, Object value) {
    return validate(schema, Json.toBytes(value));
  }

  /**
   * Validates JSON bytes and throws when they are invalid.
   *
   * @throws IllegalArgumentException listing every violation as {@code path: reason}
   */
  public void requireValid(MessageSchema schema, byte[] json) {
    List<SchemaViolation> violations = validate(schema, json);
    if (!violations.isEmpty()) {
      throw new IllegalArgumentException(describe(schema, violations));
    }
  }

  /** One line that lists the violations, for error replies and logs. */
  public static String describe(MessageSchema schema, List<SchemaViolation> violations) {
    StringBuilder b =
        new StringBuilder("invalid ").append(schema.file().replace(".json", "")).append(": ");
    for (int i = 0; i < violations.size(); i++) {
      b.append(i == 0 ? "" : "; ").append(violations.get(i));
    }
    return b.toString();
  }

  private List<SchemaViolation> validate(MessageSchema schema, Object document) {
    OutputUnit out = validators.get(Objects.requireNonNull(schema, "schema")).validate(document);
    if (Boolean.TRUE.equals(out.getValid())) {
      return List.of();
    }
    List<OutputUnit> errors = out.getErrors();
    if (errors == null || errors.isEmpty()) {
      return List.of(violation(out));
    }
    // keep the leaves: an error whose keyword location is the parent of another's ("a subschema
    // had errors") says less than the one below it
    Set<SchemaViolation> violations = new LinkedHashSet<>();
    for (OutputUnit e : errors) {
      String at = e.getKeywordLocation();
      boolean parent =
          at != null
              && errors.stream()
                  .anyMatch(
                      o ->
                          o != e
                              && o.getKeywordLocation() != null
                              && o.getKeywordLocation().startsWith(at + "/"));
      if (!parent) {
        violations.add(violation(e));
      }
    }
    return new ArrayList<>(violations);
  }

  private static SchemaViolation violation(OutputUnit unit) {
    String path = unit.getInstanceLocation() == null ? "" : unit.getInstanceLocation();
    if (path.startsWith("#")) {
      path = path.substring(1);
    }
    String reason = unit.getError() == null ? "does not match the schema" : unit.getError();
    if (unit.getKeywordLocation() != null) {
      reason = reason + " (" + unit.getKeywordLocation() + ")";
    }
    return new SchemaViolation(path, reason);
  }

  @SuppressWarnings("unchecked")
  private static Object wrap(Object parsed) {
    if (parsed instanceof Map<?, ?> m) {
      return new JsonObject((Map<String, Object>) m);
    }
    if (parsed instanceof List<?> l) {
      return new JsonArray((List<Object>) l);
    }
    return parsed;
  }

  private static JsonObject load(String resource) {
    try (InputStream in = SchemaValidator.class.getResourceAsStream(resource)) {
      if (in == null) {
        throw new IllegalStateException("schema resource missing from the class path: " + resource);
      }
      return new JsonObject(new String(in.readAllBytes(), java.nio.charset.StandardCharsets.UTF_8));
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read schema " + resource, e);
    }
  }
}
