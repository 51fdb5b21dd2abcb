package io.dynasplit.schemas;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.exc.StreamConstraintsException;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.exc.InvalidFormatException;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;
import com.fasterxml.jackson.databind.exc.ValueInstantiationException;
import java.util.Collection;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * Says in the wire's words what was wrong with a JSON message that did not read ("missing field
 * slaMs", "field slaMs must be a number", the record's own validation message), never Jackson's
 * internals (type names, feature flags, source excerpts).
 */
final class JsonErrors {

  private JsonErrors() {}

  /** A short reason for a failed read. */
  static String describe(Exception e) {
    if (e instanceof ValueInstantiationException v) {
      Throwable cause = v.getCause();
      return cause != null && cause.getMessage() != null
          ? cause.getMessage()
          : v.getOriginalMessage();
    }
    if (e instanceof StreamConstraintsException c) {
      return "too large or too deeply nested: " + c.getOriginalMessage();
    }
    if (e instanceof JsonMappingException m) {
      String field = path(m);
      if (m instanceof MismatchedInputException mi
          && mi.getOriginalMessage() != null
          && (mi.getOriginalMessage().startsWith("Cannot map `null`")
              || mi.getOriginalMessage().startsWith("Missing required creator property"))) {
        return field.isEmpty() ? "missing value" : "missing field " + field;
      }
      if (m instanceof MismatchedInputException mi && mi.getTargetType() != null) {
        String kind = kind(mi.getTargetType());
        String what = field.isEmpty() ? "the message" : "field " + field;
        String value =
            m instanceof InvalidFormatException f && f.getValue() != null
                ? ": " + quote(f.getValue())
                : "";
        return kind == null
            ? what + " has the wrong type" + value
            : what + " must be " + kind + value;
      }
      if (m.getCause() instanceof IllegalArgumentException
          || m.getCause() instanceof NullPointerException) {
        return m.getCause().getMessage();
      }
      return (field.isEmpty() ? "" : "field " + field + ": ") + m.getOriginalMessage();
    }
    if (e instanceof JsonProcessingException p) {
      JsonLocation at = p.getLocation();
      String where =
          at == null ? "" : " at line " + at.getLineNr() + ", column " + at.getColumnNr();
      return "not valid JSON" + where + ": " + p.getOriginalMessage();
    }
    return e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
  }

  /** The dotted path of the field that failed, {@code input.shape[2]}, or empty for the root. */
  private static String path(JsonMappingException m) {
    StringBuilder b = new StringBuilder();
    for (JsonMappingException.Reference r : m.getPath()) {
      if (r.getFieldName() != null) {
        if (!b.isEmpty()) {
          b.append('.');
        }
        b.append(r.getFieldName());
      } else if (r.getIndex() >= 0) {
        b.append('[').append(r.getIndex()).append(']');
      }
    }
    return b.toString();
  }

  /** What a target type is called on the wire, or null when it has no plain name. */
  private static String kind(Class<?> type) {
    if (type == long.class
        || type == int.class
        || type == short.class
        || type == byte.class
        || type == Long.class
        || type == Integer.class
        || type == Short.class
        || type == Byte.class) {
      return "an integer";
    }
    if (type == double.class
        || type == float.class
        || type == Double.class
        || type == Float.class
        || Number.class.isAssignableFrom(type)) {
      return "a number";
    }
    if (type == boolean.class || type == Boolean.class) {
      return "true or false";
    }
    if (type == String.class) {
      return "a string";
    }
    if (type == byte[].class) {
      return "base64 text";
    }
    if (type.isEnum()) {
      Object[] values = type.getEnumConstants();
      return "one of "
          + java.util.Arrays.stream(values).map(Object::toString).collect(Collectors.joining(", "));
    }
    if (type.isArray() || Collection.class.isAssignableFrom(type)) {
      return "a list";
    }
    if (Map.class.isAssignableFrom(type) || type.isRecord()) {
      return "an object";
    }
    return null;
  }

  private static String quote(Object value) {
    String s = String.valueOf(value);
    return value instanceof String
        ? "\"" + (s.length() > 40 ? s.substring(0, 40) + "..." : s) + "\""
        : s;
  }
}
