package io.dynasplit.broker;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.dynasplit.schemas.TopicAddress;
import io.dynasplit.schemas.Topics;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.EnumSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/** The Mosquitto ACL and configuration agree with the topic tree of {@link Topics}. */
class MosquittoAclTest {

  private static final Path MOSQUITTO_DIR = Path.of("mosquitto");
  private static final Pattern OUR_TOPIC = Pattern.compile(Pattern.quote(Topics.DEFAULT_PREFIX) + "/[^\\s]*");

  /** Verifies that broker-config/mosquitto/acl is exactly what MosquittoAcl generates for the default prefix. */
  @Test
  void committedAclIsTheGeneratedOne() throws IOException {
    String committed = Files.readString(MOSQUITTO_DIR.resolve("acl"), StandardCharsets.UTF_8);
    assertEquals(MosquittoAcl.render(Topics.DEFAULT), committed,
        "broker-config/mosquitto/acl is out of date: regenerate it with ./dynasplit broker acl > broker-config/mosquitto/acl");
  }

  /** Verifies that every topic filter of the ACL and of mosquitto.conf (bridge lines included) matches topics of the tree. */
  @Test
  void everyFilterInTheMosquittoFilesMatchesTheTopicTree() throws IOException {
    for (String file : List.of("acl", "mosquitto.conf")) {
      Matcher m = OUR_TOPIC.matcher(Files.readString(MOSQUITTO_DIR.resolve(file), StandardCharsets.UTF_8));
      int found = 0;
      while (m.find()) {
        found++;
        String filter = m.group();
        if (filter.equals(Topics.DEFAULT.everything())) {
          continue;
        }
        String example = filter.replace("+", "x1");
        assertTrue(Topics.DEFAULT.parse(example).isPresent(), file + ": " + filter + " is not a topic of Topics");
      }
      assertTrue(found > 5, file + " names only " + found + " topics");
    }
  }

  /** Verifies that each role's grants cover the topics of its job and nothing of another role's writes. */
  @Test
  void grantsFollowTheRoles() {
    Topics t = new Topics("site/a");
    assertTrue(allows(Role.SENSOR, t, AclGrant.Access.WRITE, t.edgeRequests("e1")));
    assertTrue(allows(Role.SENSOR, t, AclGrant.Access.READ, t.edgeReply("e1", "r-17")));
    assertFalse(allows(Role.SENSOR, t, AclGrant.Access.WRITE, t.cloudTail()));
    assertTrue(allows(Role.EDGE, t, AclGrant.Access.WRITE, t.cloudTail()));
    assertTrue(allows(Role.EDGE, t, AclGrant.Access.READ, t.edgeTailResults("e1")));
    assertTrue(allows(Role.EDGE, t, AclGrant.Access.READ, t.edgePareto("e1", "vgg16")));
    assertTrue(allows(Role.EDGE, t, AclGrant.Access.WRITE, t.edgePareto("e1", "vgg16")));
    assertTrue(allows(Role.CLOUD, t, AclGrant.Access.READ, t.cloudTail()));
    assertTrue(allows(Role.CLOUD, t, AclGrant.Access.WRITE, t.edgeTailResults("e1")));
    assertFalse(allows(Role.CLOUD, t, AclGrant.Access.WRITE, t.edgeReply("e1", "r-17")));
    assertTrue(allows(Role.OBSERVER, t, AclGrant.Access.READ, t.cloudTelemetry("w1")));
    for (Role role : Role.values()) {
      for (AclGrant grant : MosquittoAcl.grants(role, t)) {
        assertTrue(grant.topicFilter().startsWith("site/a/"), grant.toString());
        assertFalse(grant.topicFilter().contains(MosquittoAcl.ANY), grant.toString());
      }
    }
    assertFalse(MosquittoAcl.grants(Role.OBSERVER, t).stream().anyMatch(g -> g.access() != AclGrant.Access.READ));
  }

  /** Verifies that every kind of topic of the tree is written by some role and read by the role that needs it. */
  @Test
  void everyTopicKindHasAWriterAndAReader() {
    Set<TopicAddress.Kind> written = EnumSet.noneOf(TopicAddress.Kind.class);
    Set<TopicAddress.Kind> read = EnumSet.noneOf(TopicAddress.Kind.class);
    for (Role role : Role.values()) {
      for (AclGrant grant : MosquittoAcl.grants(role, Topics.DEFAULT)) {
        if (role == Role.OBSERVER) {
          continue; // reads everything, writes nothing
        }
        Optional<TopicAddress> address = Topics.DEFAULT.parse(grant.topicFilter().replace("+", "x1"));
        assertTrue(address.isPresent(), grant.toString());
        if (grant.access() != AclGrant.Access.READ) {
          written.add(address.get().kind());
        }
        if (grant.access() != AclGrant.Access.WRITE) {
          read.add(address.get().kind());
        }
      }
    }
    assertEquals(EnumSet.allOf(TopicAddress.Kind.class), written);
    // edge telemetry is for dashboards (the observer's '#'); everything else has a reader in the data plane
    assertEquals(EnumSet.complementOf(EnumSet.of(TopicAddress.Kind.EDGE_TELEMETRY)), read);
  }

  /** Whether a grant of the role matches the topic with the access, by MQTT filter rules ('+' one level, '#' the rest). */
  private static boolean allows(Role role, Topics topics, AclGrant.Access access, String topic) {
    return MosquittoAcl.grants(role, topics).stream()
        .filter(g -> g.access() == access || g.access() == AclGrant.Access.READWRITE)
        .anyMatch(g -> matches(g.topicFilter(), topic));
  }

  private static boolean matches(String filter, String topic) {
    String[] f = filter.split("/", -1);
    String[] t = topic.split("/", -1);
    for (int i = 0; i < f.length; i++) {
      if (f[i].equals("#")) {
        return true;
      }
      if (i >= t.length || !(f[i].equals("+") || f[i].equals(t[i]))) {
        return false;
      }
    }
    return f.length == t.length;
  }
}
