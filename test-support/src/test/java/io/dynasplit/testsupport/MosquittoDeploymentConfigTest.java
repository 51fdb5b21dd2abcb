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
import com.hivemq.client.mqtt.mqtt5.message.publish.puback.Mqtt5PubAckReasonCode;
import com.hivemq.client.mqtt.mqtt5.message.publish.Mqtt5PublishResult;
import io.dynasplit.broker.Role;
import io.dynasplit.schemas.Topics;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * Runs a real Mosquitto with the deployment configuration of {@code broker-config/mosquitto}
 * (its mosquitto.conf and ACL file as they are; a password file made with {@code mosquitto_passwd
 * -b}) and checks who may do what.
 */
@Timeout(value = 90, unit = TimeUnit.SECONDS)
class MosquittoDeploymentConfigTest {

  private static final Topics TOPICS = Topics.DEFAULT;

  @TempDir static Path dir;
  static MosquittoProcess mosquitto;

  @BeforeAll
  static void startMosquitto() throws Exception {
    Path configDir = Path.of(System.getProperty("dynasplit.mosquitto.config.dir", "../broker-config/mosquitto"));
    Path passwd = dir.resolve("passwd");
    for (Role role : Role.values()) {
      if (Files.exists(passwd)) {
        run("mosquitto_passwd", "-b", passwd.toString(), role.userName(), password(role));
      } else {
        run("mosquitto_passwd", "-c", "-b", passwd.toString(), role.userName(), password(role));
      }
    }
    MosquittoConfig config = MosquittoConfig.read(configDir.resolve("mosquitto.conf"))
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

  /** Verifies that an edge with the right credentials publishes telemetry and an observer receives it. */
  @Test
  void edgePublishesAndObserverReceives() throws Exception {
    String topic = TOPICS.edgeTelemetry("edge-1");
    Mqtt5BlockingClient observer = client(Role.OBSERVER, "observer-1");
    Mqtt5BlockingClient edge = client(Role.EDGE, "edge-1");
    try (Mqtt5BlockingClient.Mqtt5Publishes publishes = observer.publishes(MqttGlobalPublishFilter.ALL)) {
      observer.connect();
      observer.subscribeWith().topicFilter(TOPICS.everything()).qos(MqttQos.AT_LEAST_ONCE).send();
      edge.connect();
      Mqtt5PublishResult result = edge.publishWith().topic(topic).qos(MqttQos.AT_LEAST_ONCE)
          .payload("{\"cpu\":0.25}".getBytes(StandardCharsets.UTF_8)).send();
      assertFalse(result.getError().isPresent(), () -> "publish refused: " + result);
      Optional<Mqtt5Publish> received = publishes.receive(20, TimeUnit.SECONDS);
      assertTrue(received.isPresent(), () -> "the observer got nothing; mosquitto log:\n" + mosquitto.log());
      assertEquals(topic, received.get().getTopic().toString());
      assertEquals("{\"cpu\":0.25}", new String(received.get().getPayloadAsBytes(), StandardCharsets.UTF_8));
    } finally {
      edge.disconnect();
      observer.disconnect();
    }
  }

  /** Verifies that a client without credentials is refused at connect. */
  @Test
  void clientWithoutCredentialsIsRefused() {
    Mqtt5BlockingClient anonymous = Mqtt5Client.builder().identifier("anonymous-1")
        .serverHost(mosquitto.host()).serverPort(mosquitto.port()).buildBlocking();
    Mqtt5ConnAckException e = assertThrows(Mqtt5ConnAckException.class, anonymous::connect);
    assertEquals(Mqtt5ConnAckReasonCode.NOT_AUTHORIZED, e.getMqttMessage().getReasonCode());
  }

  /** Verifies that mosquitto_pub with a wrong password cannot publish, and with the right one can. */
  @Test
  void wrongPasswordCannotPublish() throws Exception {
    String topic = TOPICS.edgeRequests("edge-1");
    MosquittoClients sensor = MosquittoClients.of(mosquitto.host(), mosquitto.port());
    CommandResult wrong = sensor.withCredentials(Role.SENSOR.userName(), "not-the-password").publish(topic, "{}");
    assertNotEquals(0, wrong.exitCode(), wrong.output());
    assertTrue(wrong.output().toLowerCase(java.util.Locale.ROOT).contains("not authori"), wrong.output());
    CommandResult none = sensor.publish(topic, "{}");
    assertNotEquals(0, none.exitCode(), none.output());
    CommandResult right = sensor.withCredentials(Role.SENSOR.userName(), password(Role.SENSOR)).publish(topic, "{}");
    assertTrue(right.succeeded(), right.output());
  }

  /** Verifies that the ACL keeps roles apart: a sensor reaches the edge but cannot feed the cloud, an observer cannot publish. */
  @Test
  void rolesOnlyPublishWhereTheAclAllows() throws Exception {
    Mqtt5BlockingClient sensor = client(Role.SENSOR, "sensor-2");
    Mqtt5BlockingClient observer = client(Role.OBSERVER, "observer-2");
    Mqtt5BlockingClient edge = client(Role.EDGE, "edge-2");
    try (Mqtt5BlockingClient.Mqtt5Publishes requests = edge.publishes(MqttGlobalPublishFilter.ALL)) {
      sensor.connect();
      observer.connect();
      edge.connect();
      edge.subscribeWith().topicFilter(TOPICS.edgeRequests("edge-2")).qos(MqttQos.AT_LEAST_ONCE).send();
      assertEquals(Mqtt5PubAckReasonCode.NOT_AUTHORIZED, pubAck(sensor, TOPICS.cloudTail()));
      assertEquals(Mqtt5PubAckReasonCode.NOT_AUTHORIZED, pubAck(observer, TOPICS.edgeStatus("edge-2")));
      assertEquals(Mqtt5PubAckReasonCode.SUCCESS, pubAck(sensor, TOPICS.edgeRequests("edge-2")));
      Optional<Mqtt5Publish> request = requests.receive(20, TimeUnit.SECONDS);
      assertTrue(request.isPresent(), () -> "the edge got no request; mosquitto log:\n" + mosquitto.log());
      assertEquals(TOPICS.edgeRequests("edge-2"), request.get().getTopic().toString());
    } finally {
      sensor.disconnect();
      observer.disconnect();
      edge.disconnect();
    }
  }

  /** Verifies that cloud workers receive the edge's tail requests through the shared subscription of ARCHITECTURE 4.1. */
  @Test
  void cloudWorkerReceivesTailRequestsThroughTheSharedSubscription() throws Exception {
    MosquittoClients cloud = MosquittoClients.of(mosquitto.host(), mosquitto.port())
        .withCredentials(Role.CLOUD.userName(), password(Role.CLOUD));
    MosquittoClients edge = MosquittoClients.of(mosquitto.host(), mosquitto.port())
        .withCredentials(Role.EDGE.userName(), password(Role.EDGE));
    try (MosquittoSubscriber worker = cloud.subscribe(TOPICS.cloudTailShared(), 1)) {
      assertEquals(List.of(1), worker.awaitSubscribed(), worker.output());
      CommandResult sent = edge.publish(TOPICS.cloudTail(), "tensor");
      assertTrue(sent.succeeded(), sent.output());
      assertEquals(List.of(TOPICS.cloudTail() + " tensor"), worker.awaitMessages(), worker.output());
    }
  }

  private static Mqtt5PubAckReasonCode pubAck(Mqtt5BlockingClient client, String topic) {
    try {
      Mqtt5PublishResult result = client.publishWith().topic(topic).qos(MqttQos.AT_LEAST_ONCE)
          .payload(new byte[] {1}).send();
      return ((Mqtt5PublishResult.Mqtt5Qos1Result) result).getPubAck().getReasonCode();
    } catch (Mqtt5PubAckException e) { // the blocking client throws for error reason codes
      return e.getMqttMessage().getReasonCode();
    }
  }

  private static Mqtt5BlockingClient client(Role role, String id) {
    return Mqtt5Client.builder().identifier(id).serverHost(mosquitto.host()).serverPort(mosquitto.port())
        .simpleAuth().username(role.userName()).password(password(role).getBytes(StandardCharsets.UTF_8)).applySimpleAuth()
        .buildBlocking();
  }

  /** Test passwords, one per role, seeded so failures reproduce. */
  private static String password(Role role) {
    return role.userName() + "-secret-42";
  }

  private static void run(String... command) throws IOException, InterruptedException {
    Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
    String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    if (p.waitFor() != 0) {
      throw new IllegalStateException(String.join(" ", command) + " failed: " + out);
    }
  }
}
