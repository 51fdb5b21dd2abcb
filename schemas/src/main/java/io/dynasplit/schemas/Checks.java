package io.dynasplit.schemas;

import java.util.Objects;

/** Argument checks shared by the message records; every message names the value. */
final class Checks {

  private Checks() {}

  /** An identifier: non-null, 1..{@link WireLimits#MAX_ID_LENGTH} characters, no control chars. */
  static String id(String name, String value) {
    Objects.requireNonNull(value, name);
    if (value.isEmpty() || value.length() > WireLimits.MAX_ID_LENGTH) {
      throw new IllegalArgumentException(
          name
              + " must be 1.."
              + WireLimits.MAX_ID_LENGTH
              + " characters: "
              + value.length()
              + " characters");
    }
    for (int i = 0; i < value.length(); i++) {
      if (Character.isISOControl(value.charAt(i))) {
        throw new IllegalArgumentException(
            name + " must not contain control characters: " + quote(value));
      }
    }
    if (!WireLimits.isWellFormed(value)) {
      throw new IllegalArgumentException(name + " must be well-formed UTF-16 (a lone surrogate)");
    }
    return value;
  }

  /** An optional identifier: null or as {@link #id}. */
  static String optionalId(String name, String value) {
    return value == null ? null : id(name, value);
  }

  /** A non-null text of at most {@code max} characters. */
  static String text(String name, String value, int max) {
    Objects.requireNonNull(value, name);
    if (value.length() > max) {
      throw new IllegalArgumentException(
          name + " must be at most " + max + " characters: " + value.length());
    }
    return value;
  }

  static double nonNegative(String name, double v) {
    if (!(v >= 0) || Double.isInfinite(v)) {
      throw new IllegalArgumentException(name + " must be a finite number >= 0: " + v);
    }
    return v;
  }

  static Double optionalNonNegative(String name, Double v) {
    return v == null ? null : nonNegative(name, v);
  }

  static long nonNegative(String name, long v) {
    if (v < 0) {
      throw new IllegalArgumentException(name + " must be >= 0: " + v);
    }
    return v;
  }

  static int nonNegative(String name, int v) {
    if (v < 0) {
      throw new IllegalArgumentException(name + " must be >= 0: " + v);
    }
    return v;
  }

  static long slaMs(long slaMs) {
    if (slaMs <= 0 || slaMs > WireLimits.MAX_SLA_MS) {
      throw new IllegalArgumentException(
          "slaMs must be in 1.." + WireLimits.MAX_SLA_MS + ": " + slaMs);
    }
    return slaMs;
  }

  /** A value for an error message: at most 64 characters of it, quoted. */
  static String quote(String s) {
    return s.length() <= 64 ? "'" + s + "'" : "'" + s.substring(0, 64) + "...'";
  }
}
