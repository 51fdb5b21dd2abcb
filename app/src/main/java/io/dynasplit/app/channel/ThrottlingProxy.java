package io.dynasplit.app.channel;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.util.Arrays;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.LockSupport;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A TCP proxy on loopback that carries a client's connections to a target (an edge's link to its
 * broker) through a slow link: a {@link TokenBucket} per direction, shared by all connections, at
 * the {@link ChannelShaping}'s bandwidths, and its delay added to every chunk. The shaping can
 * change at any time ({@link #shape}); bytes already waiting keep the time they were given.
 *
 * <p>Each direction of each connection has a reader, which takes tokens and waits until the chunk
 * has passed the bucket, and a writer, which holds the chunk for the delay and sends it on, so the
 * delay adds latency without cutting throughput. Both run on virtual threads; a connection ends
 * when either side closes it, and {@link #close} ends them all.
 *
 * <p>It is an emulation for tests and the demo (127.0.0.1 only), never part of a served path.
 */
public final class ThrottlingProxy implements AutoCloseable {

  private static final Logger LOG = LoggerFactory.getLogger(ThrottlingProxy.class);

  /** Bytes read at once; also the bucket's burst. A smaller chunk shapes more finely. */
  static final int CHUNK = 16 * 1024;

  private static final byte[] END = new byte[0];

  private final ServerSocket server;
  private final InetSocketAddress target;
  private final Set<Socket> sockets = ConcurrentHashMap.newKeySet();
  private final TokenBucket up;
  private final TokenBucket down;
  private final AtomicLong bytesUp = new AtomicLong();
  private final AtomicLong bytesDown = new AtomicLong();
  private volatile ChannelShaping shaping;
  private volatile boolean closed;

  private ThrottlingProxy(ServerSocket server, InetSocketAddress target, ChannelShaping shaping) {
    this.server = server;
    this.target = target;
    this.shaping = shaping;
    this.up = new TokenBucket(() -> this.shaping.uplinkMbps(), CHUNK);
    this.down = new TokenBucket(() -> this.shaping.downlinkMbps(), CHUNK);
  }

  /**
   * Starts a proxy on a free port of 127.0.0.1 to {@code targetHost:targetPort}.
   *
   * @param shaping the link's shaping until {@link #shape} changes it
   */
  public static ThrottlingProxy start(String targetHost, int targetPort, ChannelShaping shaping)
      throws IOException {
    Objects.requireNonNull(targetHost, "targetHost");
    Objects.requireNonNull(shaping, "shaping");
    ServerSocket server = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
    ThrottlingProxy proxy =
        new ThrottlingProxy(server, new InetSocketAddress(targetHost, targetPort), shaping);
    Thread.ofVirtual().name("throttling-proxy-accept").start(proxy::accept);
    return proxy;
  }

  /** The host clients connect to. */
  public String host() {
    return server.getInetAddress().getHostAddress();
  }

  /** The port clients connect to. */
  public int port() {
    return server.getLocalPort();
  }

  /** Changes the shaping from now on. */
  public void shape(ChannelShaping s) {
    shaping = Objects.requireNonNull(s, "shaping");
    LOG.info("channel shaping now {}", s);
  }

  /** The shaping in force. */
  public ChannelShaping shaping() {
    return shaping;
  }

  /** Bytes carried from clients to the target so far. */
  public long bytesUp() {
    return bytesUp.get();
  }

  /** Bytes carried from the target to clients so far. */
  public long bytesDown() {
    return bytesDown.get();
  }

  private void accept() {
    while (!closed) {
      Socket client;
      try {
        client = server.accept();
      } catch (IOException e) {
        if (!closed) {
          LOG.warn("throttling proxy stopped accepting: {}", e.toString());
        }
        return;
      }
      Thread.ofVirtual().name("throttling-proxy-connect").start(() -> connect(client));
    }
  }

  private void connect(Socket client) {
    Socket upstream = new Socket();
    sockets.add(client);
    sockets.add(upstream);
    try {
      upstream.connect(target, 10_000);
      client.setTcpNoDelay(true);
      upstream.setTcpNoDelay(true);
      pump(client, upstream, up, bytesUp, "up");
      pump(upstream, client, down, bytesDown, "down");
    } catch (IOException e) {
      LOG.debug("throttling proxy cannot reach {}: {}", target, e.toString());
      closeBoth(client, upstream);
    }
  }

  /** Carries one direction: a reader shaped by {@code bucket}, a writer that adds the delay. */
  private void pump(Socket from, Socket to, TokenBucket bucket, AtomicLong counter, String dir)
      throws IOException {
    InputStream in = from.getInputStream();
    OutputStream out = to.getOutputStream();
    BlockingQueue<Chunk> held = new LinkedBlockingQueue<>();
    Thread.ofVirtual()
        .name("throttling-proxy-" + dir + "-read")
        .start(() -> read(in, bucket, counter, held));
    Thread.ofVirtual()
        .name("throttling-proxy-" + dir + "-write")
        .start(() -> write(out, held, from, to));
  }

  private void read(
      InputStream in, TokenBucket bucket, AtomicLong counter, BlockingQueue<Chunk> held) {
    byte[] buf = new byte[CHUNK];
    try {
      for (int n = in.read(buf); n >= 0; n = in.read(buf)) {
        long now = System.nanoTime();
        sleepNanos(bucket.take(n, now));
        counter.addAndGet(n);
        long release = System.nanoTime() + (long) (shaping.delayMs() * 1e6);
        held.add(new Chunk(Arrays.copyOf(buf, n), release));
      }
    } catch (IOException e) {
      // the connection ended
    } finally {
      held.add(new Chunk(END, 0));
    }
  }

  private void write(OutputStream out, BlockingQueue<Chunk> held, Socket from, Socket to) {
    try {
      while (true) {
        Chunk c = held.take();
        if (c.bytes() == END) {
          return;
        }
        sleepNanos(c.releaseNanos() - System.nanoTime());
        out.write(c.bytes());
        out.flush();
      }
    } catch (IOException | InterruptedException e) {
      // the connection ended
    } finally {
      closeBoth(from, to);
    }
  }

  private void closeBoth(Socket a, Socket b) {
    for (Socket s : new Socket[] {a, b}) {
      sockets.remove(s);
      try {
        s.close();
      } catch (IOException e) {
        // closing anyway
      }
    }
  }

  private static void sleepNanos(long nanos) {
    long until = System.nanoTime() + nanos;
    for (long left = nanos; left > 0; left = until - System.nanoTime()) {
      LockSupport.parkNanos(left);
    }
  }

  /** Stops accepting and ends every connection. Safe to call twice. */
  @Override
  public void close() {
    closed = true;
    try {
      server.close();
    } catch (IOException e) {
      // closing anyway
    }
    for (Socket s : sockets) {
      try {
        s.close();
      } catch (IOException e) {
        // closing anyway
      }
    }
    sockets.clear();
  }

  private record Chunk(byte[] bytes, long releaseNanos) {}
}
