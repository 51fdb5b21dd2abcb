package io.dynasplit.testsupport;

import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.function.Predicate;

/** Plain HTTP GETs against a node's endpoint, and free ports to run one on, for tests. */
public final class HttpProbe {

  private static final HttpClient CLIENT =
      HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

  private HttpProbe() {}

  /** A TCP port free on 127.0.0.1 right now. */
  public static int freePort() throws IOException {
    try (ServerSocket s = new ServerSocket(0)) {
      s.setReuseAddress(true);
      return s.getLocalPort();
    }
  }

  /** GETs {@code url}, with a 10 s timeout. */
  public static HttpResponse<String> get(String url) throws IOException, InterruptedException {
    return CLIENT.send(
        HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(10)).GET().build(),
        HttpResponse.BodyHandlers.ofString());
  }

  /**
   * GETs {@code url} every 200 ms until a response satisfies {@code until}, for at most {@code
   * timeout}; connection failures count as not yet.
   *
   * @throws AssertionError naming the last response when none did
   */
  public static HttpResponse<String> await(
      String url, Predicate<HttpResponse<String>> until, Duration timeout)
      throws InterruptedException {
    long end = System.nanoTime() + timeout.toNanos();
    String last = "no response";
    while (System.nanoTime() < end) {
      try {
        HttpResponse<String> r = get(url);
        if (until.test(r)) {
          return r;
        }
        last = r.statusCode() + " " + r.body();
      } catch (IOException e) {
        last = e.toString();
      }
      Thread.sleep(200);
    }
    throw new AssertionError("GET " + url + " never matched within " + timeout + "; last: " + last);
  }
}
