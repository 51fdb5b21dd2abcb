package io.dynasplit.testsupport;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.hivemq.client.mqtt.MqttGlobalPublishFilter;
import com.hivemq.client.mqtt.datatypes.MqttQos;
import com.hivemq.client.mqtt.mqtt5.Mqtt5BlockingClient;
import com.hivemq.client.mqtt.mqtt5.Mqtt5Client;
import com.hivemq.client.mqtt.mqtt5.exceptions.Mqtt5ConnAckException;
import com.hivemq.client.mqtt.mqtt5.exceptions.Mqtt5PubAckException;
import com.hivemq.client.mqtt.mqtt5.message.connect.connack.Mqtt5ConnAckReasonCode;
import com.hivemq.client.mqtt.mqtt5.message.publish.Mqtt5Publish;
import com.hivemq.client.mqtt.mqtt5.message.publish.Mqtt5PublishResult;
import com.hivemq.client.mqtt.mqtt5.message.publish.puback.Mqtt5PubAckReasonCode;
import io.dynasplit.broker.Role;
import io.dynasplit.schemas.Topics;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * Runs a real Mosquitto with the deployment configuration of {@code broker-config/mosquitto} (its
 * mosquitto.conf and ACL file as they are; a password file made with {@code mosquitto_passwd -b}
 * for the edges of that ACL, two sensors and the shared accounts) and checks who may do what.
 */
@Timeout(value = 90, unit = TimeUnit.SECONDS)
class MosquittoDeploymentConfigTest {

  private static final Topics TOPICS = Topics.DEFAULT;

  /** The edges the committed ACL has sections for; each logs in with its edge id. */
  private static final String EDGE_1 = "edge-1";

  private static final String EDGE_2 = "edge-2";

  /** Sensors log in with their sensor id; the ACL needs no section for them. */
  private static final String SENSOR_1 = "cam-1";

  private static final String SENSOR_2 = "cam-2";

  @TempDir static Path dir;
  static MosquittoProcess mosquitto;

  @BeforeAll
  static void startMosquitto() throws Exception {
    Path configDir = configDir();
    Path passwd = dir.resolve("passwd");
    List<String> accounts = new ArrayList<>(List.of(EDGE_1, EDGE_2, SENSOR_1, SENSOR_2));
    for (Role role : Role.values()) {
      if (role.sharesAccount()) {
        accounts.add(role.userName());
      }
    }
    for (String account : accounts) {
      if (Files.exists(passwd)) {
        run("mosquitto_passwd", "-b", passwd.toString(), account, password(account));
      } else {
        run("mosquitto_passwd", "-c", "-b", passwd.toString(), account, password(account));
      }
    }
    MosquittoConfig config =
        MosquittoConfig.read(configDir.resolve("mosquitto.conf"))
            .with("password_file", passwd.toString())
            .with("acl_file", configDir.resolve("acl").toAbsolutePath().toString());
    mosquitto = MosquittoProcess.start(config, dir);
  }

  @AfterAll
  static void stopMosquitto() throws InterruptedException {
    if (mosquitto != null) {
      mosquitto.close();
    }
  }

  /**
   * Verifies that an edge with the right credentials publishes telemetry and an observer receives
   * it.
   */
  @Test
  void edgePublishesAndObserverReceives() throws Exception {
    String topic = TOPICS.edgeTelemetry(EDGE_1);
    Mqtt5BlockingClient observer = client(Role.OBSERVER.userName(), "observer-1");
    Mqtt5BlockingClient edge = client(EDGE_1, "edge-1-telemetry");
    try (Mqtt5BlockingClient.Mqtt5Publishes publishes =
        observer.publishes(MqttGlobalPublishFilter.ALL)) {
      observer.connect();
      observer.subscribeWith().topicFilter(TOPICS.everything()).qos(MqttQos.AT_LEAST_ONCE).send();
      edge.connect();
      Mqtt5PublishResult result =
          edge.publishWith()
              .topic(topic)
              .qos(MqttQos.AT_LEAST_ONCE)
              .payload("{\"cpu\":0.25}".getBytes(StandardCharsets.UTF_8))
              .send();
      assertFalse(result.getError().isPresent(), () -> "publish refused: " + result);
      Optional<Mqtt5Publish> received = publishes.receive(20, TimeUnit.SECONDS);
      assertTrue(
          received.isPresent(),
          () -> "the observer got nothing; mosquitto log:\n" + mosquitto.log());
      assertEquals(topic, received.get().getTopic().toString());
      assertEquals(
          "{\"cpu\":0.25}", new String(received.get().getPayloadAsBytes(), StandardCharsets.UTF_8));
    } finally {
      edge.disconnect();
      observer.disconnect();
    }
  }

  /** Verifies that a client without credentials is refused at connect. */
  @Test
  void clientWithoutCredentialsIsRefused() {
    Mqtt5BlockingClient anonymous =
        Mqtt5Client.builder()
            .identifier("anonymous-1")
            .serverHost(mosquitto.host())
            .serverPort(mosquitto.port())
            .buildBlocking();
    Mqtt5ConnAckException e = assertThrows(Mqtt5ConnAckException.class, anonymous::connect);
    assertEquals(Mqtt5ConnAckReasonCode.NOT_AUTHORIZED, e.getMqttMessage().getReasonCode());
  }

  /**
   * Verifies that mosquitto_pub with a wrong password cannot publish, and with the right one can.
   */
  @Test
  void wrongPasswordCannotPublish() throws Exception {
    String topic = TOPICS.edgeRequests(EDGE_1);
    MosquittoClients sensor = MosquittoClients.of(mosquitto.host(), mosquitto.port());
    CommandResult wrong = sensor.withCredentials(SENSOR_1, "not-the-password").publish(topic, "{}");
    assertNotEquals(0, wrong.exitCode(), wrong.output());
    assertTrue(
        wrong.output().toLowerCase(java.util.Locale.ROOT).contains("not authori"), wrong.output());
    CommandResult none = sensor.publish(topic, "{}");
    assertNotEquals(0, none.exitCode(), none.output());
    CommandResult right = sensor.withCredentials(SENSOR_1, password(SENSOR_1)).publish(topic, "{}");
    assertTrue(right.succeeded(), right.output());
  }

  /**
   * Verifies that the ACL keeps roles apart: a sensor reaches the edge but cannot feed the cloud,
   * observer and cloud cannot send requests.
   */
  @Test
  void rolesOnlyPublishWhereTheAclAllows() throws Exception {
    Mqtt5BlockingClient sensor = client(SENSOR_1, "cam-1-roles");
    Mqtt5BlockingClient observer = client(Role.OBSERVER.userName(), "observer-2");
    Mqtt5BlockingClient cloud = client(Role.CLOUD.userName(), "worker-2");
    Mqtt5BlockingClient edge = client(EDGE_2, "edge-2-roles");
    try (Mqtt5BlockingClient.Mqtt5Publishes requests =
        edge.publishes(MqttGlobalPublishFilter.ALL)) {
      sensor.connect();
      observer.connect();
      cloud.connect();
      edge.connect();
      edge.subscribeWith()
          .topicFilter(TOPICS.edgeRequests(EDGE_2))
          .qos(MqttQos.AT_LEAST_ONCE)
          .send();
      assertEquals(Mqtt5PubAckReasonCode.NOT_AUTHORIZED, pubAck(sensor, TOPICS.cloudTail()));
      assertEquals(
          Mqtt5PubAckReasonCode.NOT_AUTHORIZED,
          pubAck(sensor, TOPICS.edgeStatus(SENSOR_1)),
          "a sensor posing as an edge");
      assertEquals(
          Mqtt5PubAckReasonCode.NOT_AUTHORIZED, pubAck(observer, TOPICS.edgeStatus(EDGE_2)));
      assertEquals(
          Mqtt5PubAckReasonCode.NOT_AUTHORIZED, pubAck(observer, TOPICS.edgeRequests(EDGE_2)));
      assertEquals(
          Mqtt5PubAckReasonCode.NOT_AUTHORIZED, pubAck(cloud, TOPICS.edgeRequests(EDGE_2)));
      assertAccepted(pubAck(sensor, TOPICS.edgeRequests(EDGE_2)));
      Optional<Mqtt5Publish> request = requests.receive(20, TimeUnit.SECONDS);
      assertTrue(
          request.isPresent(), () -> "the edge got no request; mosquitto log:\n" + mosquitto.log());
      assertEquals(TOPICS.edgeRequests(EDGE_2), request.get().getTopic().toString());
    } finally {
      sensor.disconnect();
      observer.disconnect();
      cloud.disconnect();
      edge.disconnect();
    }
  }

  /**
   * Verifies that edge-1 writes its own reply and status topics and the reply namespace, but not
   * edge-2's topics, and a sensor cannot forge replies.
   */
  @Test
  void anEdgeWritesOnlyItsOwnTopicsAndTheReplyNamespace() {
    Mqtt5BlockingClient edge = client(EDGE_1, "edge-1-own");
    Mqtt5BlockingClient sensor = client(SENSOR_1, "cam-1-forge");
    try {
      edge.connect();
      sensor.connect();
      assertAccepted(pubAck(edge, TOPICS.edgeReply(EDGE_1, "r-1")));
      assertAccepted(pubAck(edge, TOPICS.edgeStatus(EDGE_1)));
      assertAccepted(pubAck(edge, TOPICS.sensorReply(SENSOR_1, "app-7")));
      assertEquals(Mqtt5PubAckReasonCode.NOT_AUTHORIZED, pubAck(edge, TOPICS.edgeStatus(EDGE_2)));
      assertEquals(
          Mqtt5PubAckReasonCode.NOT_AUTHORIZED, pubAck(edge, TOPICS.edgeReply(EDGE_2, "r-1")));
      assertEquals(
          Mqtt5PubAckReasonCode.NOT_AUTHORIZED, pubAck(edge, TOPICS.edgePareto(EDGE_2, "vgg16")));
      assertEquals(
          Mqtt5PubAckReasonCode.NOT_AUTHORIZED,
          pubAck(edge, "app/7/replies"),
          "a reply topic outside the namespace");
      assertEquals(
          Mqtt5PubAckReasonCode.NOT_AUTHORIZED,
          pubAck(sensor, TOPICS.sensorReply(SENSOR_2, "app-7")));
      assertEquals(
          Mqtt5PubAckReasonCode.NOT_AUTHORIZED, pubAck(sensor, TOPICS.edgeReply(EDGE_1, "r-1")));
    } finally {
      edge.disconnect();
      sensor.disconnect();
    }
  }

  /**
   * Verifies ARCHITECTURE 4.2 through the ACL: a sensor's request names a Response Topic in its
   * reply namespace, the edge answers there, the sensor gets the reply, and another sensor may not
   * receive it, even subscribed to it.
   */
  @Test
  void aSensorReadsItsOwnRepliesOnly() {
    String replyTopic = TOPICS.sensorReply(SENSOR_1, "app-7");
    Mqtt5BlockingClient sensor = client(SENSOR_1, "cam-1-requester");
    Mqtt5BlockingClient other = client(SENSOR_2, "cam-2-snoop");
    Mqtt5BlockingClient edge = client(EDGE_1, "edge-1-server");
    try (Mqtt5BlockingClient.Mqtt5Publishes requests = edge.publishes(MqttGlobalPublishFilter.ALL);
        Mqtt5BlockingClient.Mqtt5Publishes replies = sensor.publishes(MqttGlobalPublishFilter.ALL);
        Mqtt5BlockingClient.Mqtt5Publishes snooped = other.publishes(MqttGlobalPublishFilter.ALL)) {
      sensor.connect();
      other.connect();
      edge.connect();
      edge.subscribeWith()
          .topicFilter(TOPICS.edgeRequests(EDGE_1))
          .qos(MqttQos.AT_LEAST_ONCE)
          .send();
      sensor
          .subscribeWith()
          .topicFilter(TOPICS.sensorRepliesFilter(SENSOR_1))
          .qos(MqttQos.AT_LEAST_ONCE)
          .send();
      // Mosquitto 2.0 grants this subscription and checks read access on each message it would
      // deliver
      other
          .subscribeWith()
          .topicFilter(TOPICS.sensorRepliesFilter(SENSOR_1))
          .qos(MqttQos.AT_LEAST_ONCE)
          .send();
      other
          .subscribeWith()
          .topicFilter(TOPICS.sensorRepliesFilter(SENSOR_2))
          .qos(MqttQos.AT_LEAST_ONCE)
          .send();

      sensor
          .publishWith()
          .topic(TOPICS.edgeRequests(EDGE_1))
          .qos(MqttQos.AT_LEAST_ONCE)
          .responseTopic(replyTopic)
          .payload("{\"id\":\"r-17\"}".getBytes(StandardCharsets.UTF_8))
          .send();
      Mqtt5Publish request =
          requests
              .receive(20, TimeUnit.SECONDS)
              .orElseThrow(
                  () ->
                      new AssertionError(
                          "the edge got no request; mosquitto log:\n" + mosquitto.log()));
      String responseTopic = request.getResponseTopic().orElseThrow().toString();
      assertTrue(TOPICS.isReplyNamespace(responseTopic), responseTopic);
      assertAccepted(pubAck(edge, responseTopic));
      // then a reply for cam-2: it arrives after cam-1's, so if cam-2 could see cam-1's it would
      // come first
      assertAccepted(pubAck(edge, TOPICS.sensorReply(SENSOR_2, "app-9")));

      Mqtt5Publish reply =
          replies
              .receive(20, TimeUnit.SECONDS)
              .orElseThrow(
                  () ->
                      new AssertionError(
                          "the sensor got no reply; mosquitto log:\n" + mosquitto.log()));
      assertEquals(replyTopic, reply.getTopic().toString());
      Mqtt5Publish first =
          snooped
              .receive(20, TimeUnit.SECONDS)
              .orElseThrow(
                  () ->
                      new AssertionError(
                          "cam-2 got not even its own reply; mosquitto log:\n" + mosquitto.log()));
      assertEquals(TOPICS.sensorReply(SENSOR_2, "app-9"), first.getTopic().toString());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new AssertionError(e);
    } finally {
      sensor.disconnect();
      other.disconnect();
      edge.disconnect();
    }
  }

  /**
   * Verifies that cloud workers receive the edge's tail requests through the shared subscription of
   * ARCHITECTURE 4.1.
   */
  @Test
  void cloudWorkerReceivesTailRequestsThroughTheSharedSubscription() throws Exception {
    MosquittoClients cloud =
        MosquittoClients.of(mosquitto.host(), mosquitto.port())
            .withCredentials(Role.CLOUD.userName(), password(Role.CLOUD.userName()));
    MosquittoClients edge =
        MosquittoClients.of(mosquitto.host(), mosquitto.port())
            .withCredentials(EDGE_1, password(EDGE_1));
    try (MosquittoSubscriber worker = cloud.subscribe(TOPICS.cloudTailShared(), 1)) {
      assertEquals(List.of(1), worker.awaitSubscribed(), worker.output());
      CommandResult sent = edge.publish(TOPICS.cloudTail(), "tensor");
      assertTrue(sent.succeeded(), sent.output());
      assertEquals(
          List.of(TOPICS.cloudTail() + " tensor"), worker.awaitMessages(), worker.output());
    }
  }

  /**
   * Verifies that the shipped mosquitto.conf turns Nagle's algorithm off with an active {@code
   * set_tcp_nodelay true} line, that the broker of this class runs with it (Mosquitto refuses to
   * start on an option it does not know, see {@link #mosquittoRefusesAnOptionItDoesNotKnow}), and
   * that a QoS 1 request and its reply make the round trip through that broker. Asserts no timing.
   */
  @Test
  void shippedConfigTurnsNagleOffAndAQos1RoundTripWorks() throws Exception {
    assertEquals(
        "true",
        MosquittoConfig.read(configDir().resolve("mosquitto.conf")).value("set_tcp_nodelay"),
        "mosquitto.conf must have an active line: set_tcp_nodelay true");
    assertEquals(
        "true",
        MosquittoConfig.read(mosquitto.workDir().resolve("mosquitto.conf"))
            .value("set_tcp_nodelay"),
        "the broker under test runs without the shipped set_tcp_nodelay");
    String replyTopic = TOPICS.sensorReply(SENSOR_2, "nodelay");
    Mqtt5BlockingClient sensor = client(SENSOR_2, "cam-2-nodelay");
    Mqtt5BlockingClient edge = client(EDGE_2, "edge-2-nodelay");
    try (Mqtt5BlockingClient.Mqtt5Publishes requests = edge.publishes(MqttGlobalPublishFilter.ALL);
        Mqtt5BlockingClient.Mqtt5Publishes replies =
            sensor.publishes(MqttGlobalPublishFilter.ALL)) {
      sensor.connect();
      edge.connect();
      edge.subscribeWith()
          .topicFilter(TOPICS.edgeRequests(EDGE_2))
          .qos(MqttQos.AT_LEAST_ONCE)
          .send();
      sensor
          .subscribeWith()
          .topicFilter(TOPICS.sensorRepliesFilter(SENSOR_2))
          .qos(MqttQos.AT_LEAST_ONCE)
          .send();
      sensor
          .publishWith()
          .topic(TOPICS.edgeRequests(EDGE_2))
          .qos(MqttQos.AT_LEAST_ONCE)
          .responseTopic(replyTopic)
          .payload("{\"id\":\"r-nodelay\"}".getBytes(StandardCharsets.UTF_8))
          .send();
      Mqtt5Publish request =
          requests
              .receive(20, TimeUnit.SECONDS)
              .orElseThrow(
                  () ->
                      new AssertionError(
                          "the edge got no request; mosquitto log:\n" + mosquitto.log()));
      assertAccepted(pubAck(edge, request.getResponseTopic().orElseThrow().toString()));
      Mqtt5Publish reply =
          replies
              .receive(20, TimeUnit.SECONDS)
              .orElseThrow(
                  () ->
                      new AssertionError(
                          "the sensor got no reply; mosquitto log:\n" + mosquitto.log()));
      assertEquals(replyTopic, reply.getTopic().toString());
      assertTrue(mosquitto.isAlive(), mosquitto::log);
    } finally {
      sensor.disconnect();
      edge.disconnect();
    }
  }

  /**
   * Verifies the premise of {@link #shippedConfigTurnsNagleOffAndAQos1RoundTripWorks}: a Mosquitto
   * that does not know a configuration option does not start, so an unknown {@code set_tcp_nodelay}
   * would fail this class.
   */
  @Test
  void mosquittoRefusesAnOptionItDoesNotKnow(@TempDir Path other) {
    IllegalStateException e =
        assertThrows(
            IllegalStateException.class,
            () ->
                MosquittoProcess.start(
                        MosquittoConfig.anonymous().with("set_tcp_nodelay_unknown", "true"), other)
                    .close());
    assertTrue(e.getMessage().contains("set_tcp_nodelay_unknown"), e.getMessage());
  }

  private static Path configDir() {
    return Path.of(
        System.getProperty("dynasplit.mosquitto.config.dir", "../broker-config/mosquitto"));
  }

  /** A publish the broker took: success, or no subscriber (an error code would mean refused). */
  private static void assertAccepted(Mqtt5PubAckReasonCode code) {
    assertFalse(
        code.isError(), () -> "publish refused: " + code + "; mosquitto log:\n" + mosquitto.log());
  }

  private static Mqtt5PubAckReasonCode pubAck(Mqtt5BlockingClient client, String topic) {
    try {
      Mqtt5PublishResult result =
          client
              .publishWith()
              .topic(topic)
              .qos(MqttQos.AT_LEAST_ONCE)
              .payload(new byte[] {1})
              .send();
      return ((Mqtt5PublishResult.Mqtt5Qos1Result) result).getPubAck().getReasonCode();
    } catch (Mqtt5PubAckException e) { // the blocking client throws for error reason codes
      return e.getMqttMessage().getReasonCode();
    }
  }

  private static Mqtt5BlockingClient client(String userName, String clientId) {
    return Mqtt5Client.builder()
        .identifier(clientId)
        .serverHost(mosquitto.host())
        .serverPort(mosquitto.port())
        .simpleAuth()
        .username(userName)
        .password(password(userName).getBytes(StandardCharsets.UTF_8))
        .applySimpleAuth()
        .buildBlocking();
  }

  /** Test passwords, one per account, fixed so failures reproduce. */
  private static String password(String account) {
    return account + "-secret-42";
  }

  private static void run(String... command) throws IOException, InterruptedException {
    Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
    String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    if (p.waitFor() != 0) {
      throw new IllegalStateException(String.join(" ", command) + " failed: " + out);
    }
  }
}
