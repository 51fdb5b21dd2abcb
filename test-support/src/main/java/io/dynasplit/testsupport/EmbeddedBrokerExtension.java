package io.dynasplit.testsupport;

import io.dynasplit.broker.BrokerSettings;
import io.dynasplit.broker.EmbeddedBroker;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.stream.Stream;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.ParameterContext;
import org.junit.jupiter.api.extension.ParameterResolutionException;
import org.junit.jupiter.api.extension.ParameterResolver;

/**
 * A JUnit 5 extension that runs one embedded MQTT broker (HiveMQ CE) per test class, on free ports
 * of 127.0.0.1, with its data in a temporary folder that is deleted afterwards.
 *
 * <p>The broker starts before the class's {@code @BeforeAll} methods and stops after its
 * {@code @AfterAll} methods; nested test classes share their outer class's broker. Test methods,
 * lifecycle methods and constructors get it by declaring an {@link EmbeddedBroker} parameter:
 *
 * {@snippet :
 * @ExtendWith(EmbeddedBrokerExtension.class)
 * class TailRoundTripTest {
 *   @Test
 *   void answersOverMqtt(EmbeddedBroker broker) {
 *     var client = Mqtt5Client.builder().serverHost(broker.host()).serverPort(broker.port()).buildAsync();
 *     // ...
 *   }
 * }
 * }
 *
 * <p>Or register it in a static field and ask it with {@link #broker()}:
 *
 * {@snippet :
 * @RegisterExtension static final EmbeddedBrokerExtension BROKER = new EmbeddedBrokerExtension();
 * }
 *
 * @implNote starting takes about 2 s and stopping about 4 s, which is why the broker is shared by
 *     the whole class. Tests should use their own topics (or client ids) so they do not see each
 *     other's retained messages and sessions.
 */
public final class EmbeddedBrokerExtension implements BeforeAllCallback, ParameterResolver {

  private static final ExtensionContext.Namespace NAMESPACE =
      ExtensionContext.Namespace.create(EmbeddedBrokerExtension.class);
  private static final String KEY = "broker";

  private volatile EmbeddedBroker broker;

  @Override
  public void beforeAll(ExtensionContext context) throws IOException {
    ExtensionContext.Store store = context.getStore(NAMESPACE);
    RunningBroker running =
        store.get(KEY, RunningBroker.class); // also finds an outer class's broker
    if (running == null) {
      Path dir = Files.createTempDirectory("dynasplit-broker-");
      try {
        running = new RunningBroker(EmbeddedBroker.start(BrokerSettings.ephemeral(dir)), dir);
      } catch (RuntimeException e) {
        deleteTree(dir);
        throw e;
      }
      store.put(KEY, running);
    }
    broker = running.broker();
  }

  /**
   * The broker of the current test class.
   *
   * @throws IllegalStateException before the class's tests started
   */
  public EmbeddedBroker broker() {
    EmbeddedBroker b = broker;
    if (b == null) {
      throw new IllegalStateException(
          "the embedded broker starts before @BeforeAll; it is not running yet");
    }
    return b;
  }

  @Override
  public boolean supportsParameter(ParameterContext parameter, ExtensionContext context) {
    return parameter.getParameter().getType() == EmbeddedBroker.class;
  }

  @Override
  public Object resolveParameter(ParameterContext parameter, ExtensionContext context) {
    RunningBroker running = context.getStore(NAMESPACE).get(KEY, RunningBroker.class);
    if (running == null) {
      throw new ParameterResolutionException(
          "no embedded broker for "
              + context.getDisplayName()
              + ": EmbeddedBrokerExtension starts one per test class, so register it on the class");
    }
    return running.broker();
  }

  /** The broker and its folder, stopped and deleted when the class's store closes. */
  private record RunningBroker(EmbeddedBroker broker, Path dir)
      implements ExtensionContext.Store.CloseableResource {
    @Override
    public void close() throws IOException {
      try {
        broker.close();
      } finally {
        deleteTree(dir);
      }
    }
  }

  static void deleteTree(Path dir) throws IOException {
    if (!Files.exists(dir)) {
      return;
    }
    try (Stream<Path> paths = Files.walk(dir)) {
      for (Path p : paths.sorted(Comparator.reverseOrder()).toList()) {
        Files.deleteIfExists(p);
      }
    }
  }
}
