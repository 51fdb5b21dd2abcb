package io.dynasplit.broker.internal;

import java.io.IOException;
import java.net.BindException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Finding free TCP ports and checking whether a port can be bound or reached (test-support uses it
 * too).
 */
public final class Ports {

  private Ports() {}

  /**
   * Picks {@code count} distinct ports that are free on the given address right now.
   *
   * <p>The sockets are held open until all ports are chosen, so the ports differ; another process
   * may still take one before the caller binds it (callers with a retry handle that).
   */
  public static int[] free(String bindAddress, int count) throws IOException {
    InetAddress address = InetAddress.getByName(bindAddress);
    List<ServerSocket> sockets = new ArrayList<>(count);
    try {
      int[] ports = new int[count];
      for (int i = 0; i < count; i++) {
        ServerSocket socket = new ServerSocket();
        sockets.add(socket);
        socket.setReuseAddress(true);
        socket.bind(new InetSocketAddress(address, 0));
        ports[i] = socket.getLocalPort();
      }
      return ports;
    } finally {
      for (ServerSocket socket : sockets) {
        socket.close();
      }
    }
  }

  /**
   * Why a listening socket could not bind this address and port now.
   *
   * @return empty when it could, else the operating system's reason ("Address already in use")
   * @throws IOException when the address does not resolve
   */
  public static Optional<String> bindProblem(String bindAddress, int port) throws IOException {
    InetAddress address = InetAddress.getByName(bindAddress);
    try (ServerSocket socket = new ServerSocket()) {
      socket.setReuseAddress(true);
      socket.bind(new InetSocketAddress(address, port));
      return Optional.empty();
    } catch (BindException e) {
      return Optional.of(e.getMessage() == null ? e.toString() : e.getMessage());
    }
  }

  /** Whether something accepts TCP connections at this host and port. */
  public static boolean isListening(String host, int port, int timeoutMillis) {
    try (Socket socket = new Socket()) {
      socket.connect(new InetSocketAddress(host, port), timeoutMillis);
      return true;
    } catch (IOException e) {
      return false;
    }
  }
}
