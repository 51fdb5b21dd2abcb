package io.dynasplit.schemas.mqtt;

import java.util.HexFormat;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.ThreadLocalRandom;

/**
 * A W3C Trace Context {@code traceparent} ({@code 00-<32 hex trace id>-<16 hex span id>-<2 hex
 * flags>}), carried as the MQTT 5 user property {@link #USER_PROPERTY} from a sensor's request to
 * the edge's tail call and back on the reply. Each hop keeps the trace id and takes a span id of
 * its own ({@link #child()}).
 *
 * @param traceId 32 lower-case hex digits, not all zero
 * @param spanId 16 lower-case hex digits, not all zero (the W3C "parent-id" of the next hop)
 * @param flags 2 lower-case hex digits (bit 0: sampled)
 */
public record TraceParent(String traceId, String spanId, String flags) {

  /** The name of the MQTT 5 user property, as W3C names the HTTP header. */
  public static final String USER_PROPERTY = "traceparent";

  private static final String VERSION = "00";
  private static final HexFormat HEX = HexFormat.of();

  /** Checks the values. */
  public TraceParent {
    if (!isHex(traceId, 32) || isZero(traceId)) {
      throw new IllegalArgumentException(
          "trace id must be 32 lower-case hex digits, not all zero: " + traceId);
    }
    if (!isHex(spanId, 16) || isZero(spanId)) {
      throw new IllegalArgumentException(
          "span id must be 16 lower-case hex digits, not all zero: " + spanId);
    }
    if (!isHex(flags, 2)) {
      throw new IllegalArgumentException("flags must be 2 lower-case hex digits: " + flags);
    }
  }

  /**
   * Reads a {@code traceparent} value, as W3C says a receiver does: version {@code 00} is exactly
   * 55 characters; a later version ({@code ff} is invalid) is read by its first 55 characters,
   * which must be followed by nothing or a {@code -}.
   *
   * @return the trace parent, or empty when the value is null or malformed (it is then ignored)
   */
  public static Optional<TraceParent> parse(String value) {
    if (value == null || value.length() < 55) {
      return Optional.empty();
    }
    String version = value.substring(0, 2);
    if (!isHex(version, 2) || version.equals("ff")) {
      return Optional.empty();
    }
    if (version.equals(VERSION)
        ? value.length() != 55
        : value.length() > 55 && value.charAt(55) != '-') {
      return Optional.empty();
    }
    if (value.charAt(2) != '-' || value.charAt(35) != '-' || value.charAt(52) != '-') {
      return Optional.empty();
    }
    String traceId = value.substring(3, 35);
    String spanId = value.substring(36, 52);
    String flags = value.substring(53, 55);
    if (!isHex(traceId, 32)
        || isZero(traceId)
        || !isHex(spanId, 16)
        || isZero(spanId)
        || !isHex(flags, 2)) {
      return Optional.empty();
    }
    return Optional.of(new TraceParent(traceId, spanId, flags));
  }

  /** A new trace (random trace id and span id), sampled. */
  public static TraceParent start() {
    return new TraceParent(randomHex(16), randomHex(8), "01");
  }

  /** The same trace with a new span id: this hop's own span, the parent of the next hop's. */
  public TraceParent child() {
    return new TraceParent(traceId, randomHex(8), flags);
  }

  /** The header form, {@code 00-traceId-spanId-flags}. */
  @Override
  public String toString() {
    return VERSION + "-" + traceId + "-" + spanId + "-" + flags;
  }

  private static String randomHex(int bytes) {
    byte[] b = new byte[bytes];
    do {
      ThreadLocalRandom.current().nextBytes(b);
    } while (isZero(b));
    return HEX.formatHex(b);
  }

  private static boolean isZero(byte[] b) {
    for (byte x : b) {
      if (x != 0) {
        return false;
      }
    }
    return true;
  }

  private static boolean isZero(String hex) {
    return hex.chars().allMatch(c -> c == '0');
  }

  private static boolean isHex(String s, int length) {
    Objects.requireNonNull(s, "hex value");
    if (s.length() != length) {
      return false;
    }
    for (int i = 0; i < length; i++) {
      char c = s.charAt(i);
      if (!(c >= '0' && c <= '9' || c >= 'a' && c <= 'f')) {
        return false;
      }
    }
    return true;
  }
}
