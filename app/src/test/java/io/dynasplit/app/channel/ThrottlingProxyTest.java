package io.dynasplit.app.channel;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** Tests of the throttling proxy over real loopback sockets. */
class ThrottlingProxyTest {

  /**
   * Verifies that bytes cross both ways intact, are counted, and that a shaped uplink holds a
   * transfer for at least its size over the bandwidth (a lower bound the emulation must keep; a
   * slow machine only makes it longer).
   */
  @Test
  @Timeout(value = 60, unit = TimeUnit.SECONDS)
  void carriesBytesIntactAtNoMoreThanTheBandwidth() throws Exception {
    try (ServerSocket echoServer = new ServerSocket(0, 5, InetAddress.getLoopbackAddress())) {
      Thread echo =
          Thread.ofVirtual()
              .start(
                  () -> {
                    try (Socket s = echoServer.accept()) {
                      s.getInputStream().transferTo(s.getOutputStream());
                    } catch (Exception e) {
                      // the test ends the connection
                    }
                  });
      byte[] sent = new byte[200_000];
      new Random(7).nextBytes(sent);
      try (ThrottlingProxy proxy =
              ThrottlingProxy.start(
                  "127.0.0.1", echoServer.getLocalPort(), new ChannelShaping(8, 0, 20));
          Socket client = new Socket(proxy.host(), proxy.port())) {
        OutputStream out = client.getOutputStream();
        InputStream in = client.getInputStream();
        long t0 = System.nanoTime();
        Thread writer =
            Thread.ofVirtual()
                .start(
                    () -> {
                      try {
                        out.write(sent);
                        out.flush();
                      } catch (Exception e) {
                        throw new IllegalStateException(e);
                      }
                    });
        byte[] got = in.readNBytes(sent.length);
        double seconds = (System.nanoTime() - t0) / 1e9;
        writer.join();
        assertArrayEquals(sent, got);
        // 200,000 bytes at 8 Mbit/s take 0.2 s; less one burst of 16 KiB, plus 2 x 20 ms delay
        double floor = (sent.length - ThrottlingProxy.CHUNK) * 8 / 8e6 + 0.04;
        assertTrue(seconds >= floor, "took " + seconds + " s, less than " + floor + " s");
        assertEquals(sent.length, proxy.bytesUp());
        assertEquals(sent.length, proxy.bytesDown());
        assertEquals(new ChannelShaping(8, 0, 20), proxy.shaping());
        proxy.shape(ChannelShaping.NONE);
        assertTrue(proxy.shaping().isNone());
      }
      echo.join(5000);
    }
  }

  /** Verifies that the shaping refuses values a link cannot have. */
  @Test
  void refusesImpossibleShaping() {
    assertThrows(IllegalArgumentException.class, () -> new ChannelShaping(-1, 0, 0));
    assertThrows(IllegalArgumentException.class, () -> new ChannelShaping(0, Double.NaN, 0));
    assertThrows(
        IllegalArgumentException.class, () -> new ChannelShaping(0, 0, Double.POSITIVE_INFINITY));
    assertThrows(
        IllegalArgumentException.class, () -> new ChannelShaping(10, 10, 1).withBandwidthTimes(0));
    assertEquals(
        new ChannelShaping(1, 2, 3), new ChannelShaping(10, 20, 3).withBandwidthTimes(0.1));
  }
}
