package io.dynasplit.schemas;

/**
 * Bounds that every message read from the network is checked against before anything is allocated
 * (ARCHITECTURE 9: payloads are untrusted).
 */
public final class WireLimits {

  /** Longest identifier (request id, model id, edge id, worker id, tensor name), in characters. */
  public static final int MAX_ID_LENGTH = 256;

  /** Longest topic (reply topic), in characters. */
  public static final int MAX_TOPIC_LENGTH = 1024;

  /** Longest free-text message (error messages, version strings), in characters. */
  public static final int MAX_TEXT_LENGTH = 4096;

  /** Highest tensor rank. */
  public static final int MAX_RANK = 8;

  /** Most elements of one tensor (256 Mi). */
  public static final long MAX_ELEMENTS = 1L << 28;

  /**
   * Most bytes the compressed tensors of one frame may decompress to, all together (64 MiB, the
   * largest packet {@code broker-config/mosquitto/mosquitto.conf} lets through): a compressed frame
   * never makes its receiver allocate more than an uncompressed frame could carry. A frame that
   * declares more is refused before anything is allocated, and the encoder sends tensors beyond it
   * uncompressed.
   */
  public static final int MAX_DECOMPRESSED_BYTES = 64 << 20;

  /** Most decoded bytes of a request's input (12 MiB). */
  public static final int MAX_INPUT_BYTES = 12 << 20;

  /** Most base64 characters of a request's input: the encoding of {@link #MAX_INPUT_BYTES}. */
  public static final int MAX_BASE64_CHARS = 4 * ((MAX_INPUT_BYTES + 2) / 3);

  /** Most bytes of a JSON message (envelope, reply, telemetry): the largest input plus room. */
  public static final int MAX_JSON_BYTES = MAX_BASE64_CHARS + (1 << 20);

  /** Deepest nesting of a JSON message. */
  public static final int MAX_JSON_DEPTH = 64;

  /** Most models a status message lists. */
  public static final int MAX_MODELS = 1024;

  /** Largest SLA in milliseconds (one day). */
  public static final long MAX_SLA_MS = 86_400_000L;

  private WireLimits() {}

  /**
   * Whether a text can go on the wire as MQTT UTF-8 (topic names, ids): no unpaired UTF-16
   * surrogate (a JSON {@code "\\ud800"} decodes to one, and no encoder can write it) and no U+0000.
   */
  public static boolean isWellFormed(String text) {
    for (int i = 0; i < text.length(); i++) {
      char c = text.charAt(i);
      if (c == 0) {
        return false;
      }
      if (Character.isHighSurrogate(c)) {
        if (i + 1 >= text.length() || !Character.isLowSurrogate(text.charAt(i + 1))) {
          return false;
        }
        i++;
      } else if (Character.isLowSurrogate(c)) {
        return false;
      }
    }
    return true;
  }
}
