package io.dynasplit.edge.ingress;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.dynasplit.schemas.InferenceReply;
import io.dynasplit.schemas.Reply;
import io.dynasplit.schemas.Topics;
import io.dynasplit.testsupport.CommandResult;
import io.dynasplit.testsupport.MosquittoClients;
import io.dynasplit.testsupport.MosquittoConfig;
import io.dynasplit.testsupport.MosquittoProcess;
import io.dynasplit.testsupport.MosquittoSubscriber;
import io.vertx.core.Vertx;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Base64;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * The edge behind a real Mosquitto broker, asked by Mosquitto's own command-line clients over MQTT
 * 3.1.1.
 */
@Timeout(value = 120, unit = TimeUnit.SECONDS)
class MosquittoInteropTest {

  private static final String EDGE = "interop-edge";

  /**
   * Verifies that a JSON request sent by mosquitto_pub over MQTT 3.1.1 gets its reply on the
   * default reply topic, read by mosquitto_sub.
   */
  @Test
  void mosquittoPubRequestIsAnsweredOnTheDefaultReplyTopic(@TempDir Path dir) throws Exception {
    assumeTrue(MosquittoProcess.isInstalled(), "mosquitto is not installed");
    Vertx vertx = EdgeFixture.vertx();
    try (MosquittoProcess mosquitto = MosquittoProcess.start(MosquittoConfig.anonymous(), dir)) {
      // given: an edge on the Mosquitto broker
      vertx
          .deployVerticle(EdgeFixture.classifierEdge(mosquitto.host(), mosquitto.port(), EDGE))
          .await(60, TimeUnit.SECONDS);
      MosquittoClients clients = MosquittoClients.of(mosquitto.host(), mosquitto.port());
      String replyTopic = Topics.DEFAULT.edgeReply(EDGE, "interop-1");
      String png = Base64.getEncoder().encodeToString(textLine());
      String request =
          "{\"id\":\"interop-1\",\"model\":\"ppocr-cls\",\"slaMs\":5000,"
              + "\"input\":{\"encoding\":\"image/png\",\"data\":\""
              + png
              + "\"}}";

      // when: mosquitto_sub waits on the default reply topic and mosquitto_pub sends the request,
      // both MQTT 3.1.1
      try (MosquittoSubscriber sub = clients.subscribe(replyTopic, 1, "-V", "mqttv311")) {
        sub.awaitSubscribed();
        CommandResult pub =
            clients.publish(Topics.DEFAULT.edgeRequests(EDGE), request, "-V", "mqttv311");
        assertTrue(pub.succeeded(), pub.output());
        List<String> messages = sub.awaitMessages();

        // then: one reply, ok, for that request
        assertEquals(1, messages.size(), sub.output());
        String line = messages.get(0);
        assertTrue(line.startsWith(replyTopic + " "), line);
        Reply reply =
            Reply.fromJson(
                line.substring(replyTopic.length() + 1).getBytes(StandardCharsets.UTF_8));
        InferenceReply ok = assertInstanceOf(InferenceReply.class, reply, line);
        assertEquals("interop-1", ok.id());
        assertEquals(2, ok.output().get("top").size());
      }
    } finally {
      vertx.close().await(30, TimeUnit.SECONDS);
    }
  }

  /** A small PNG of a dark bar on a light background (a command line holds it easily). */
  private static byte[] textLine() throws java.io.IOException {
    java.awt.image.BufferedImage image =
        new java.awt.image.BufferedImage(96, 24, java.awt.image.BufferedImage.TYPE_INT_RGB);
    java.awt.Graphics2D g = image.createGraphics();
    g.setColor(java.awt.Color.WHITE);
    g.fillRect(0, 0, 96, 24);
    g.setColor(java.awt.Color.BLACK);
    g.fillRect(8, 8, 80, 8);
    g.dispose();
    java.io.ByteArrayOutputStream out = new java.io.ByteArrayOutputStream();
    javax.imageio.ImageIO.write(image, "png", out);
    return out.toByteArray();
  }
}
