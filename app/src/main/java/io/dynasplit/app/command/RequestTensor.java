package io.dynasplit.app.command;

import io.dynasplit.models.catalog.CatalogEntry;
import io.dynasplit.models.catalog.TensorSpec;
import io.dynasplit.schemas.DType;
import io.dynasplit.schemas.RequestInput;
import io.dynasplit.schemas.Shape;
import io.dynasplit.schemas.Tensor;
import io.dynasplit.schemas.WireLimits;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Random;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The float32 input tensor {@code dynasplit request} sends for {@code --tensor} and {@code
 * --random-tensor}, checked against the model's one input as the catalog declares it.
 *
 * <p>A file is a NumPy {@code .npy} file (recognised by its magic bytes, not its name) holding a
 * C-order little-endian float32 array ({@code '<f4'}, what {@code np.save} writes for {@code
 * np.float32} on any common machine), or else raw little-endian float32 values in C order, exactly
 * as many as the input shape has elements. Dynamic dimensions of the model's shape ({@code ?}) are
 * taken from the {@code .npy} header or, for a raw file and a random tensor, from {@code --shape}.
 *
 * @param name the model's input name (the tensor's name in a frame)
 * @param shape the tensor's shape
 * @param bytes the little-endian float32 values
 */
record RequestTensor(String name, Shape shape, byte[] bytes) {

  /** The first bytes of every {@code .npy} file. */
  private static final byte[] NPY_MAGIC = {(byte) 0x93, 'N', 'U', 'M', 'P', 'Y'};

  private static final Pattern DESCR = Pattern.compile("'descr'\\s*:\\s*'([^']*)'");
  private static final Pattern FORTRAN = Pattern.compile("'fortran_order'\\s*:\\s*(True|False)");
  private static final Pattern SHAPE = Pattern.compile("'shape'\\s*:\\s*\\(([^)]*)\\)");

  /** Checks the size. */
  RequestTensor {
    if (bytes.length != shape.elements() * Float.BYTES) {
      throw new IllegalStateException(
          "tensor of shape " + shape + " with " + bytes.length + " bytes");
    }
  }

  /** The JSON envelope's tensor input form ({@code "encoding": "tensor"}). */
  RequestInput jsonInput() {
    return RequestInput.tensor(DType.FLOAT32, shape, bytes);
  }

  /** The tensor of a request frame, named as the model's input (a view of {@link #bytes}). */
  Tensor frameTensor() {
    return Tensor.of(name, DType.FLOAT32, shape, ByteBuffer.wrap(bytes));
  }

  /**
   * A seeded random tensor, values uniform in [-1, 1).
   *
   * @param shapeOption the {@code --shape} text, or null
   */
  static RequestTensor random(CatalogEntry entry, String shapeOption, long seed) {
    TensorSpec spec = floatInput(entry, "--random-tensor");
    Shape shape = shapeOf(entry, spec, shapeOption, "--random-tensor");
    Random random = new Random(seed);
    ByteBuffer b =
        ByteBuffer.allocate(Math.toIntExact(shape.elements() * Float.BYTES))
            .order(ByteOrder.LITTLE_ENDIAN);
    while (b.hasRemaining()) {
      b.putFloat(random.nextFloat() * 2 - 1);
    }
    return new RequestTensor(spec.name(), shape, b.array());
  }

  /**
   * Reads a {@code .npy} or raw float32 file.
   *
   * @param shapeOption the {@code --shape} text, or null
   * @throws IllegalArgumentException naming the file and what is wrong with it
   */
  static RequestTensor read(CatalogEntry entry, Path file, String shapeOption) throws IOException {
    TensorSpec spec = floatInput(entry, "--tensor");
    if (!Files.isRegularFile(file)) {
      throw new IllegalArgumentException("--tensor: no such file: " + file);
    }
    if (!Files.isReadable(file)) {
      throw new IllegalArgumentException("--tensor: cannot read " + file);
    }
    long size = Files.size(file);
    if (size > WireLimits.MAX_INPUT_BYTES + (1 << 16)) {
      throw new IllegalArgumentException(
          "--tensor: "
              + file
              + " has "
              + size
              + " bytes, more than the "
              + WireLimits.MAX_INPUT_BYTES
              + " bytes of input an edge takes");
    }
    byte[] all = Files.readAllBytes(file);
    if (isNpy(all)) {
      return fromNpy(entry, spec, file, all, shapeOption);
    }
    Shape shape = shapeOf(entry, spec, shapeOption, "--tensor");
    long need = shape.elements() * Float.BYTES;
    if (all.length != need) {
      throw new IllegalArgumentException(
          "--tensor: "
              + file
              + " is not a .npy file, and as raw little-endian float32 it holds "
              + all.length
              + " bytes, but shape "
              + text(shape.dims())
              + " needs "
              + need
              + " ("
              + shape.elements()
              + " values of 4 bytes)");
    }
    return new RequestTensor(spec.name(), shape, all);
  }

  private static RequestTensor fromNpy(
      CatalogEntry entry, TensorSpec spec, Path file, byte[] all, String shapeOption) {
    String where = "--tensor: " + file + ": ";
    if (all.length < 10) {
      throw new IllegalArgumentException(where + "truncated .npy header");
    }
    int major = all[6] & 0xff;
    int headerLength;
    int start;
    if (major == 1) {
      headerLength = (all[8] & 0xff) | (all[9] & 0xff) << 8;
      start = 10;
    } else if (major == 2 || major == 3) {
      if (all.length < 12) {
        throw new IllegalArgumentException(where + "truncated .npy header");
      }
      long n = ByteBuffer.wrap(all, 8, 4).order(ByteOrder.LITTLE_ENDIAN).getInt() & 0xffffffffL;
      if (n > all.length) {
        throw new IllegalArgumentException(where + "truncated .npy header");
      }
      headerLength = (int) n;
      start = 12;
    } else {
      throw new IllegalArgumentException(where + "unknown .npy format version " + major);
    }
    if (start + headerLength > all.length) {
      throw new IllegalArgumentException(where + "truncated .npy header");
    }
    String header = new String(all, start, headerLength, StandardCharsets.UTF_8);
    Matcher descr = DESCR.matcher(header);
    Matcher fortran = FORTRAN.matcher(header);
    Matcher shapeText = SHAPE.matcher(header);
    if (!descr.find() || !fortran.find() || !shapeText.find()) {
      throw new IllegalArgumentException(
          where + "unreadable .npy header: " + header.strip().replaceAll("\\s+", " "));
    }
    String dtype = descr.group(1);
    if (!dtype.equals("<f4")) {
      throw new IllegalArgumentException(
          where
              + "holds "
              + dtype
              + ", not little-endian float32 ('<f4'); save it with a.astype('<f4')");
    }
    if (fortran.group(1).equals("True")) {
      throw new IllegalArgumentException(
          where + "is in Fortran order; save it in C order with np.ascontiguousarray(a)");
    }
    long[] dims;
    try {
      dims =
          Arrays.stream(shapeText.group(1).split(","))
              .map(String::strip)
              .filter(s -> !s.isEmpty())
              .mapToLong(s -> Long.parseLong(s.endsWith("L") ? s.substring(0, s.length() - 1) : s))
              .toArray();
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException(
          where + "unreadable .npy shape (" + shapeText.group(1) + ")");
    }
    checkAgainstModel(entry, spec, dims, where + "shape ");
    if (shapeOption != null && !Arrays.equals(dims, parseShape(shapeOption))) {
      throw new IllegalArgumentException(
          where + "has shape " + text(dims) + ", not the --shape " + shapeOption);
    }
    Shape shape = new Shape(dims);
    int dataStart = start + headerLength;
    long need = shape.elements() * Float.BYTES;
    long have = all.length - dataStart;
    if (have != need) {
      throw new IllegalArgumentException(
          where
              + "holds "
              + have
              + " bytes of data, but its shape "
              + text(dims)
              + " of float32 needs "
              + need);
    }
    return new RequestTensor(spec.name(), shape, Arrays.copyOfRange(all, dataStart, all.length));
  }

  private static boolean isNpy(byte[] bytes) {
    return bytes.length >= NPY_MAGIC.length
        && Arrays.equals(bytes, 0, NPY_MAGIC.length, NPY_MAGIC, 0, NPY_MAGIC.length);
  }

  /** The model's one input, which must be float32. */
  private static TensorSpec floatInput(CatalogEntry entry, String option) {
    if (entry.inputs().size() != 1) {
      throw new IllegalArgumentException(
          option
              + " sends one float32 tensor, but model "
              + entry.id()
              + " takes "
              + entry.inputs().size()
              + " inputs ("
              + String.join(", ", entry.inputs().stream().map(TensorSpec::name).toList())
              + ")");
    }
    TensorSpec spec = entry.input();
    if (!spec.dtype().equals("float32")) {
      throw new IllegalArgumentException(
          option
              + " sends float32, but model "
              + entry.id()
              + " takes "
              + spec.name()
              + " as "
              + spec.dtype());
    }
    return spec;
  }

  /** The model's input shape with its dynamic dimensions from {@code --shape}. */
  private static Shape shapeOf(
      CatalogEntry entry, TensorSpec spec, String shapeOption, String option) {
    long[] dims;
    if (shapeOption != null) {
      dims = parseShape(shapeOption);
      checkAgainstModel(entry, spec, dims, "--shape ");
    } else if (spec.isFixed()) {
      dims = spec.shapeArray();
    } else {
      String example =
          String.join("x", spec.shape().stream().map(d -> d < 0 ? "32" : d.toString()).toList());
      throw new IllegalArgumentException(
          option
              + ": model "
              + entry.id()
              + " takes "
              + spec.name()
              + " of shape "
              + spec.shapeText()
              + ", with dynamic dimensions (?): give them with --shape, for example --shape "
              + example);
    }
    long bytes = new Shape(dims).elements() * Float.BYTES;
    if (bytes > WireLimits.MAX_INPUT_BYTES) {
      throw new IllegalArgumentException(
          option
              + ": a float32 tensor of shape "
              + text(dims)
              + " has "
              + bytes
              + " bytes, more than the "
              + WireLimits.MAX_INPUT_BYTES
              + " bytes of input an edge takes");
    }
    return new Shape(dims);
  }

  /** Checks rank and fixed dimensions; {@code what} starts the message. */
  private static void checkAgainstModel(
      CatalogEntry entry, TensorSpec spec, long[] dims, String what) {
    List<Long> want = spec.shape();
    boolean fits = dims.length == want.size();
    for (int i = 0; fits && i < dims.length; i++) {
      fits = dims[i] >= 1 && (want.get(i) < 0 || want.get(i) == dims[i]);
    }
    if (!fits) {
      throw new IllegalArgumentException(
          what
              + text(dims)
              + " does not fit model "
              + entry.id()
              + ", which takes "
              + spec.name()
              + " of shape "
              + spec.shapeText());
    }
  }

  /**
   * Dimensions written {@code 1x3x48x192}.
   *
   * @throws IllegalArgumentException when the text is not positive sizes joined by {@code x}
   */
  static long[] parseShape(String text) {
    String[] parts = text.toLowerCase(Locale.ROOT).split("x", -1);
    long[] dims = new long[parts.length];
    try {
      for (int i = 0; i < parts.length; i++) {
        dims[i] = Long.parseLong(parts[i].strip());
        if (dims[i] < 1) {
          throw new NumberFormatException();
        }
      }
      if (parts.length <= WireLimits.MAX_RANK) {
        return dims;
      }
    } catch (NumberFormatException e) {
      // reported below
    }
    throw new IllegalArgumentException(
        "--shape must be positive sizes joined by x, at most "
            + WireLimits.MAX_RANK
            + ", for example 1x3x480x640: '"
            + text
            + "'");
  }

  private static String text(long[] dims) {
    return String.join("x", Arrays.stream(dims).mapToObj(Long::toString).toList());
  }
}
