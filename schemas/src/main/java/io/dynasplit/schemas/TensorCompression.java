package io.dynasplit.schemas;

import com.github.luben.zstd.Zstd;
import com.github.luben.zstd.ZstdCompressCtx;
import com.github.luben.zstd.ZstdException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import net.jpountz.lz4.LZ4Compressor;
import net.jpountz.lz4.LZ4Exception;
import net.jpountz.lz4.LZ4Factory;
import net.jpountz.lz4.LZ4SafeDecompressor;
import net.jpountz.xxhash.XXHash32;
import net.jpountz.xxhash.XXHashFactory;

/**
 * The lossless stage of the tensor frame codec over a tensor's bytes: an LZ4 block (lz4-java)
 * followed by the XXH32 (seed 0) of the uncompressed bytes as a little-endian uint32, or a
 * Zstandard frame (zstd-jni) that states its content size and carries its content checksum. Both
 * checksums make a corrupted block an error rather than wrong values.
 *
 * <p>Decompression is told the exact length to expect, which the frame codec has checked against
 * the tensor's shape and dtype and against {@link WireLimits#MAX_DECOMPRESSED_BYTES} before calling
 * it; it writes into a buffer of exactly that length (the libraries never write past it) and
 * refuses a block that does not decompress to exactly that many bytes. So a frame that lies about
 * its length, or a zip bomb, is a {@link FrameCodecException}, never a larger allocation.
 *
 * @implNote stateless and thread-safe (the lz4-java compressor and safe decompressor are; each zstd
 *     call uses its own context). The native libraries load on first use of each method.
 */
final class TensorCompression {

  /** The Zstandard level: 1, its fastest standard level (the edge pays for compression). */
  static final int ZSTD_LEVEL = 1;

  private TensorCompression() {}

  /** LZ4 through JNI where the library has a native build, else its pure Java port. */
  private static final class Lz4 {
    static final LZ4Factory FACTORY = LZ4Factory.fastestInstance();
    static final LZ4Compressor COMPRESSOR = FACTORY.fastCompressor();
    static final LZ4SafeDecompressor DECOMPRESSOR = FACTORY.safeDecompressor();
    static final XXHash32 HASH = XXHashFactory.fastestInstance().hash32();
  }

  /** Bytes of the checksum after an LZ4 block. */
  static final int LZ4_CHECKSUM_BYTES = 4;

  /**
   * Compresses the bytes of a direct buffer from its position to its limit.
   *
   * @return a new direct buffer of the compressed bytes (position 0, limit their count), or null
   *     when they would not be fewer than the input's (the tensor then goes uncompressed)
   */
  static ByteBuffer compress(Compression method, ByteBuffer raw) {
    int n = raw.remaining();
    int at = raw.position();
    return switch (method) {
      case NONE -> null;
      case LZ4 -> {
        ByteBuffer out =
            ByteBuffer.allocateDirect(Lz4.COMPRESSOR.maxCompressedLength(n) + LZ4_CHECKSUM_BYTES)
                .order(ByteOrder.LITTLE_ENDIAN);
        int m = Lz4.COMPRESSOR.compress(raw, at, n, out, 0, out.capacity() - LZ4_CHECKSUM_BYTES);
        out.putInt(m, Lz4.HASH.hash(raw, at, n, 0));
        yield smaller(out, m + LZ4_CHECKSUM_BYTES, n);
      }
      case ZSTD -> {
        ByteBuffer out = ByteBuffer.allocateDirect(Math.toIntExact(Zstd.compressBound(n)));
        try (ZstdCompressCtx ctx = new ZstdCompressCtx()) {
          ctx.setLevel(ZSTD_LEVEL).setChecksum(true).setContentSize(true);
          yield smaller(out, ctx.compressDirectByteBuffer(out, 0, out.capacity(), raw, at, n), n);
        }
      }
    };
  }

  /**
   * Decompresses {@code src} (position to limit) into a new direct little-endian buffer of exactly
   * {@code rawLength} bytes.
   *
   * @param rawLength the length the caller has checked against the tensor's shape and the limits
   * @param at where in the frame, for the message
   * @throws FrameCodecException when the block is malformed, truncated, or decompresses to another
   *     length
   */
  static ByteBuffer decompress(Compression method, ByteBuffer src, int rawLength, String at) {
    try {
      return switch (method) {
        case NONE -> throw new IllegalArgumentException("nothing to decompress");
        case LZ4 -> {
          int blockLength = src.remaining() - LZ4_CHECKSUM_BYTES;
          if (blockLength < 0) {
            throw new FrameCodecException(at + " is too short for an lz4 block and its checksum");
          }
          ByteBuffer out = ByteBuffer.allocateDirect(rawLength);
          int got =
              Lz4.DECOMPRESSOR.decompress(src, src.position(), blockLength, out, 0, rawLength);
          exactly(out, got, method, at);
          int expected =
              src.duplicate().order(ByteOrder.LITTLE_ENDIAN).getInt(src.position() + blockLength);
          if (Lz4.HASH.hash(out, 0, rawLength, 0) != expected) {
            throw new FrameCodecException(at + " fails its lz4 checksum: the block is corrupted");
          }
          yield out.order(ByteOrder.LITTLE_ENDIAN);
        }
        case ZSTD -> {
          ByteBuffer in = src.isDirect() ? src : copyToDirect(src);
          long declared =
              Zstd.getDirectByteBufferFrameContentSize(in, in.position(), in.remaining());
          if (declared >= 0 && declared != rawLength) { // refused before allocating
            throw new FrameCodecException(
                at
                    + " holds a zstd frame of "
                    + declared
                    + " bytes but its rawLength is "
                    + rawLength);
          }
          ByteBuffer out = ByteBuffer.allocateDirect(rawLength);
          long got =
              Zstd.decompressDirectByteBuffer(out, 0, rawLength, in, in.position(), in.remaining());
          yield exactly(out, got, method, at);
        }
      };
    } catch (LZ4Exception | ZstdException e) {
      throw new FrameCodecException(
          at + " is not a valid " + method + " block of " + rawLength + " bytes: " + e.getMessage(),
          e);
    }
  }

  private static ByteBuffer exactly(ByteBuffer out, long got, Compression method, String at) {
    if (got != out.capacity()) {
      throw new FrameCodecException(
          at
              + " decompresses to "
              + got
              + " bytes but its rawLength is "
              + out.capacity()
              + " ("
              + method
              + ")");
    }
    return out.order(ByteOrder.LITTLE_ENDIAN);
  }

  private static ByteBuffer smaller(ByteBuffer out, int compressed, int raw) {
    return compressed < raw ? out.limit(compressed) : null;
  }

  private static ByteBuffer copyToDirect(ByteBuffer src) {
    ByteBuffer d = ByteBuffer.allocateDirect(src.remaining());
    d.put(0, src, src.position(), src.remaining());
    return d;
  }
}
