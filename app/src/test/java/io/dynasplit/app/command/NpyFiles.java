package io.dynasplit.app.command;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Random;
import java.util.stream.Collectors;

/**
 * Test files of float32 tensors: {@code .npy} as {@code np.save} writes them (format 1.0), and raw.
 */
final class NpyFiles {

  private NpyFiles() {}

  /** {@code n} seeded little-endian float32 values in [-1, 1). */
  static byte[] randomFloats(int n, long seed) {
    Random random = new Random(seed);
    ByteBuffer b = ByteBuffer.allocate(n * Float.BYTES).order(ByteOrder.LITTLE_ENDIAN);
    for (int i = 0; i < n; i++) {
      b.putFloat(random.nextFloat() * 2 - 1);
    }
    return b.array();
  }

  /**
   * A {@code .npy} file of format 1.0 as NumPy writes it: the header dict padded with spaces and a
   * newline to a multiple of 64 bytes, then the data.
   */
  static byte[] npy(String descr, long[] shape, byte[] data) {
    String dims =
        shape.length == 1
            ? "(" + shape[0] + ",)"
            : Arrays.stream(shape)
                .mapToObj(Long::toString)
                .collect(Collectors.joining(", ", "(", ")"));
    String dict = "{'descr': '" + descr + "', 'fortran_order': False, 'shape': " + dims + ", }";
    int unpadded = 10 + dict.length() + 1;
    String header = dict + " ".repeat((64 - unpadded % 64) % 64) + "\n";
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    out.writeBytes(new byte[] {(byte) 0x93, 'N', 'U', 'M', 'P', 'Y', 1, 0});
    out.write(header.length() & 0xff);
    out.write(header.length() >> 8);
    out.writeBytes(header.getBytes(StandardCharsets.US_ASCII));
    out.writeBytes(data);
    return out.toByteArray();
  }

  /** Writes bytes to {@code dir/name} and returns the path. */
  static Path write(Path dir, String name, byte[] bytes) throws IOException {
    return Files.write(dir.resolve(name), bytes);
  }
}
