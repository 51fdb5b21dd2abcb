package io.dynasplit.app.command;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.hivemq.client.mqtt.MqttGlobalPublishFilter;
import com.hivemq.client.mqtt.datatypes.MqttQos;
import com.hivemq.client.mqtt.mqtt5.Mqtt5BlockingClient;
import com.hivemq.client.mqtt.mqtt5.Mqtt5Client;
import com.hivemq.client.mqtt.mqtt5.message.publish.Mqtt5Publish;
import io.dynasplit.app.DynasplitCommand;
import io.dynasplit.app.profile.AutoProfiler;
import io.dynasplit.schemas.Json;
import io.dynasplit.schemas.ParetoFront;
import io.dynasplit.schemas.Topics;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

class UpAutoProfileTest {

  /**
   * Verifies that a fresh {@code up} serving only the classifier profiles it by itself through the
   * real path, writes a front of several splits to DATA/fronts, publishes it retained on the edge's
   * pareto topic, and that a second start with the file there profiles nothing and leaves the file
   * alone.
   */
  @Test
  @Timeout(value = 240, unit = TimeUnit.SECONDS)
  void freshUpProfilesItsModelOnceAndPublishesTheFront(@TempDir Path data) throws Exception {
    Path file = data.resolve("fronts").resolve("ppocr-cls.json");
    FileTime written;
    try (UpCommand.Running up = started(data)) {
      AutoProfiler profiler = up.autoProfiler();
      assertEquals(List.of("ppocr-cls"), profiler.models());
      List<AutoProfiler.Outcome> outcomes = profiler.done().get(180, TimeUnit.SECONDS);
      assertEquals(1, outcomes.size(), outcomes::toString);
      assertEquals(AutoProfiler.Status.PROFILED, outcomes.get(0).status(), outcomes::toString);
      assertNull(outcomes.get(0).reason());

      ParetoFront front = Json.fromBytes(Files.readAllBytes(file), ParetoFront.class);
      assertEquals("ppocr-cls", front.model());
      assertTrue(front.entries().size() >= 2, "a front of one entry: " + front.entries());
      assertEquals(outcomes.get(0).entries(), front.entries().size());
      assertTrue(
          front.entries().stream().anyMatch(e -> e.bytes() > 0),
          "no entry sends anything to the cloud");
      assertEquals(front, retainedFront(up.brokerPort()));
      written = Files.getLastModifiedTime(file);
    }

    try (UpCommand.Running again = started(data)) {
      AutoProfiler profiler = again.autoProfiler();
      assertEquals(List.of(), profiler.models(), "the saved front is reused");
      assertEquals(List.of(), profiler.done().get(1, TimeUnit.SECONDS));
    }
    assertEquals(written, Files.getLastModifiedTime(file), "the front file was rewritten");
  }

  /**
   * Verifies that stopping {@code up} while it profiles ends the profiler without a front and
   * within seconds, so the next start profiles the model again.
   */
  @Test
  @Timeout(value = 120, unit = TimeUnit.SECONDS)
  void stoppingMidwayLeavesNoFront(@TempDir Path data) throws Exception {
    AutoProfiler profiler;
    try (UpCommand.Running up = started(data)) {
      profiler = up.autoProfiler();
    }
    List<AutoProfiler.Outcome> outcomes = profiler.done().get(1, TimeUnit.SECONDS);
    assertEquals(AutoProfiler.Status.STOPPED, outcomes.get(0).status(), outcomes::toString);
    assertFalse(Files.exists(data.resolve("fronts").resolve("ppocr-cls.json")));
  }

  /**
   * Verifies that autoprofiling is on by default for {@code up} ({@code --no-autoprofile} turns it
   * off) and opt-in for {@code edge}, which may have no cloud beside it.
   */
  /**
   * Verifies that a model that takes token ids, not images (the profiler's sample inputs), is left
   * out of autoprofiling instead of failing it.
   */
  @Test
  @Timeout(value = 120, unit = TimeUnit.SECONDS)
  void aTextModelIsNotAutoprofiled(@TempDir Path data) throws Exception {
    try (UpCommand.Running up = started(data, "minilm-l6")) {
      assertEquals(List.of(), up.autoProfiler().models());
    }
  }

  @Test
  void autoprofileIsOnForUpAndOptInForEdge() {
    assertEquals(true, parsed().autoprofile);
    assertEquals(false, parsed("--no-autoprofile").autoprofile);
    CommandLine cl = DynasplitCommand.commandLine();
    cl.parseArgs("edge");
    assertEquals(false, ((EdgeCommand) cl.getSubcommands().get("edge").getCommand()).autoprofile);
    cl = DynasplitCommand.commandLine();
    cl.parseArgs("edge", "--autoprofile", "--autoprofile-n", "3");
    EdgeCommand edge = cl.getSubcommands().get("edge").getCommand();
    assertEquals(true, edge.autoprofile);
    assertEquals(3, edge.autoProfileOptions.n);
  }

  private static UpCommand.Running started(Path data) throws Exception {
    return started(data, "ppocr-cls");
  }

  private static UpCommand.Running started(Path data, String models) throws Exception {
    UpCommand up =
        parsed("--port", "0", "--http-port", "0", "--data", data.toString(), "--models", models);
    return up.start();
  }

  private static UpCommand parsed(String... args) {
    CommandLine cl = DynasplitCommand.commandLine();
    cl.getSubcommands().get("up").setOut(new PrintWriter(new StringWriter(), true));
    String[] all = new String[args.length + 1];
    all[0] = "up";
    System.arraycopy(args, 0, all, 1, args.length);
    cl.parseArgs(all);
    return cl.getSubcommands().get("up").getCommand();
  }

  /**
   * The front retained on edge-1's pareto topic for the classifier, as a new subscriber gets it.
   */
  private static ParetoFront retainedFront(int port) throws Exception {
    Mqtt5BlockingClient client =
        Mqtt5Client.builder()
            .identifier("autoprofile-test")
            .serverHost("127.0.0.1")
            .serverPort(port)
            .buildBlocking();
    client.connect();
    try (var publishes = client.publishes(MqttGlobalPublishFilter.ALL)) {
      client
          .subscribeWith()
          .topicFilter(Topics.DEFAULT.edgePareto("edge-1", "ppocr-cls"))
          .qos(MqttQos.AT_LEAST_ONCE)
          .send();
      Optional<Mqtt5Publish> got = publishes.receive(10, TimeUnit.SECONDS);
      assertTrue(got.isPresent(), "no retained front");
      assertTrue(got.get().isRetain(), "the front is not retained");
      return Json.fromBytes(got.get().getPayloadAsBytes(), ParetoFront.class);
    } finally {
      client.disconnect();
    }
  }
}
