package io.dynasplit.app.command;

import java.nio.file.Path;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The network a pool file's name names, as the paper names its files ({@code
 * simulation_pool_vgg16.csv}): the last {@code _}-separated word of the name without its extension,
 * when that word is letters followed by digits (vgg16, resnet50, mobilenetv2).
 */
public final class PoolFileNames {

  private static final Pattern NETWORK_WORD = Pattern.compile("_([a-z]+[0-9][a-z0-9]*)$");

  private PoolFileNames() {}

  /** The network the file name names, lower case; empty when it names none. */
  static Optional<String> network(Path file) {
    String name = file.getFileName().toString().toLowerCase(Locale.ROOT);
    int dot = name.lastIndexOf('.');
    String stem = dot < 0 ? name : name.substring(0, dot);
    Matcher m = NETWORK_WORD.matcher(stem);
    return m.find() ? Optional.of(m.group(1)) : Optional.empty();
  }

  /** A warning when the file's name names a network other than {@code network}; empty otherwise. */
  static Optional<String> mismatchWarning(Path file, String network) {
    return network(file)
        .filter(named -> !named.equalsIgnoreCase(network))
        .map(
            named ->
                "warning: the pool file "
                    + file.getFileName()
                    + " is named for network '"
                    + named
                    + "', not '"
                    + network
                    + "'; its measurements are taken as those of '"
                    + network
                    + "'");
  }
}
