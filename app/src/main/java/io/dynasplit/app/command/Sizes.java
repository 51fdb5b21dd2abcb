package io.dynasplit.app.command;

import java.util.Locale;

/** Byte counts for humans: {@code 27.3 KB}, {@code 553.4 MB} (decimal units). */
public final class Sizes {

  private Sizes() {}

  static String bytes(long bytes) {
    if (bytes < 1_000) {
      return bytes + " B";
    }
    if (bytes < 1_000_000) {
      return String.format(Locale.ROOT, "%.1f KB", bytes / 1e3);
    }
    if (bytes < 1_000_000_000) {
      return String.format(Locale.ROOT, "%.1f MB", bytes / 1e6);
    }
    return String.format(Locale.ROOT, "%.2f GB", bytes / 1e9);
  }
}
