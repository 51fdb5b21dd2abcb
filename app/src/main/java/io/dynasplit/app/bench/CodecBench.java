package io.dynasplit.app.bench;

import io.dynasplit.schemas.Codec;
import io.dynasplit.schemas.Frame;
import io.dynasplit.schemas.FrameCodec;
import io.dynasplit.schemas.Quantiles;
import io.dynasplit.schemas.TailRequestHeader;
import io.dynasplit.schemas.Tensor;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.function.LongConsumer;

/**
 * The frame codec on a real activation (issue 14, item 5): for each codec, the bytes of the tail
 * request frame and the time to encode it (as the edge does, from the head's float32 outputs) and
 * to decode it back to float32 (as the cloud does, from the received payload, before the tail
 * runs). All codecs are timed in the same run, interleaved round by round, so that they share
 * whatever the machine was doing.
 */
public final class CodecBench {

  private CodecBench() {}

  /**
   * What one codec measured on one activation; times in milliseconds.
   *
   * @param frameBytes the whole frame, header included
   * @param encodeP50Ms median encode time
   * @param encodeP90Ms 90th percentile encode time
   * @param decodeP50Ms median decode (and conversion to float32) time
   * @param decodeP90Ms 90th percentile decode time
   */
  public record Row(
      Codec codec,
      long frameBytes,
      double encodeP50Ms,
      double encodeP90Ms,
      double decodeP50Ms,
      double decodeP90Ms) {}

  /**
   * Measures every codec on the activation.
   *
   * @param header the metadata each frame carries (a tail request's)
   * @param activation the head's outputs at the split
   * @param codecs the codecs, in the order of the rows
   * @param rounds measured rounds (each encodes and decodes once with every codec)
   * @param warmup rounds before those, not measured
   * @param onRound called after each measured round with its number
   */
  public static List<Row> measure(
      TailRequestHeader header,
      List<Tensor> activation,
      List<Codec> codecs,
      int rounds,
      int warmup,
      LongConsumer onRound) {
    int k = codecs.size();
    double[][] encode = new double[k][rounds];
    double[][] decode = new double[k][rounds];
    long[] bytes = new long[k];
    for (int round = -warmup; round < rounds; round++) {
      for (int c = 0; c < k; c++) {
        long t0 = System.nanoTime();
        ByteBuffer frame = FrameCodec.encode(header, activation, codecs.get(c));
        long t1 = System.nanoTime();
        byte[] payload = new byte[frame.remaining()]; // what the cloud's MQTT client hands over
        frame.get(payload);
        long t2 = System.nanoTime();
        Frame back = FrameCodec.decode(ByteBuffer.wrap(payload));
        for (Tensor t : back.tensors()) {
          t.toFloat32();
        }
        long t3 = System.nanoTime();
        bytes[c] = payload.length;
        if (round >= 0) {
          encode[c][round] = (t1 - t0) / 1e6;
          decode[c][round] = (t3 - t2) / 1e6;
        }
      }
      if (round >= 0) {
        onRound.accept(round);
      }
    }
    List<Row> rows = new ArrayList<>();
    for (int c = 0; c < k; c++) {
      Arrays.sort(encode[c]);
      Arrays.sort(decode[c]);
      rows.add(
          new Row(
              codecs.get(c),
              bytes[c],
              Quantiles.ofSorted(encode[c], 0.5),
              Quantiles.ofSorted(encode[c], 0.9),
              Quantiles.ofSorted(decode[c], 0.5),
              Quantiles.ofSorted(decode[c], 0.9)));
    }
    return rows;
  }
}
