package io.dynasplit.broker;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.dynasplit.schemas.TopicAddress;
import io.dynasplit.schemas.Topics;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
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
  private static final Pattern OUR_TOPIC =
      Pattern.compile(Pattern.quote(Topics.DEFAULT_PREFIX) + "/[^\\s]*");
  private static final Topics T = new Topics("site/a");

  /**
   * Verifies that broker-config/mosquitto/acl is exactly what MosquittoAcl generates for the
   * default prefix and edges edge-1, edge-2.
   */
  @Test
  void committedAclIsTheGeneratedOne() throws IOException {
    String committed = Files.readString(MOSQUITTO_DIR.resolve("acl"), StandardCharsets.UTF_8);
    assertEquals(
        MosquittoAcl.render(Topics.DEFAULT, List.of("edge-1", "edge-2")),
        committed,
        "broker-config/mosquitto/acl is out of date: regenerate it with"
            + " ./dynasplit broker acl --edge edge-1 --edge edge-2 > broker-config/mosquitto/acl");
  }

  /**
   * Verifies that every topic filter of the ACL and of mosquitto.conf (bridge lines included)
   * matches topics of the tree or the reply namespace.
   */
  @Test
  void everyFilterInTheMosquittoFilesMatchesTheTopicTree() throws IOException {
    for (String file : List.of("acl", "mosquitto.conf")) {
      Matcher m =
          OUR_TOPIC.matcher(Files.readString(MOSQUITTO_DIR.resolve(file), StandardCharsets.UTF_8));
      int found = 0;
      while (m.find()) {
        found++;
        String filter = m.group();
        if (filter.equals(Topics.DEFAULT.everything())) {
          continue;
        }
        String example = filter.replace("+", "x1").replace("%u", "x1").replace("#", "x2/x3");
        assertTrue(
            Topics.DEFAULT.parse(example).isPresent() || Topics.DEFAULT.isReplyNamespace(example),
            file + ": " + filter + " is not a topic of Topics");
      }
      assertTrue(found > 5, file + " names only " + found + " topics");
    }
  }

  /**
   * Verifies that an edge may write only its own edge topics, plus the cloud tail and the reply
   * namespace.
   */
  @Test
  void anEdgeOwnsOnlyItsOwnTopics() {
    Account e1 = Account.edge("e1");
    assertTrue(e1.allows(AclGrant.Access.READ, T.edgeRequests("e1")));
    assertFalse(e1.allows(AclGrant.Access.READ, T.edgeRequests("e2")));
    assertTrue(e1.allows(AclGrant.Access.WRITE, T.edgeReply("e1", "r-17")));
    assertFalse(e1.allows(AclGrant.Access.WRITE, T.edgeReply("e2", "r-17")));
    assertTrue(e1.allows(AclGrant.Access.WRITE, T.sensorReply("cam-1", "app-7")));
    assertTrue(e1.allows(AclGrant.Access.WRITE, T.sensorReply("cam-1", "app-7") + "/more"));
    assertFalse(
        e1.allows(AclGrant.Access.WRITE, "app/7/replies"), "a reply topic outside the namespace");
    assertTrue(e1.allows(AclGrant.Access.WRITE, T.edgeStatus("e1")));
    assertFalse(e1.allows(AclGrant.Access.WRITE, T.edgeStatus("e2")));
    assertFalse(e1.allows(AclGrant.Access.WRITE, T.edgeTelemetry("e2")));
    assertTrue(e1.allows(AclGrant.Access.WRITE, T.cloudTail()));
    assertTrue(e1.allows(AclGrant.Access.READ, T.edgeTailResults("e1")));
    assertFalse(e1.allows(AclGrant.Access.READ, T.edgeTailResults("e2")));
    assertTrue(e1.allows(AclGrant.Access.WRITE, T.edgePareto("e1", "vgg16")));
    assertFalse(e1.allows(AclGrant.Access.WRITE, T.edgePareto("e2", "vgg16")));
    assertFalse(
        e1.allows(AclGrant.Access.WRITE, T.edgeTailResults("e1")), "only the cloud answers tails");
  }

  /**
   * Verifies that a sensor sends requests and reads its own reply namespace, not another sensor's,
   * and writes no edge topic.
   */
  @Test
  void aSensorReadsOnlyItsOwnReplyNamespace() {
    Account cam1 = Account.sensor("cam-1");
    assertTrue(cam1.allows(AclGrant.Access.WRITE, T.edgeRequests("e1")));
    assertTrue(cam1.allows(AclGrant.Access.READ, T.edgeReply("e1", "r-17")));
    assertTrue(cam1.allows(AclGrant.Access.READ, T.edgeStatus("e1")));
    assertTrue(cam1.allows(AclGrant.Access.READ, T.sensorReply("cam-1", "app-7")));
    assertFalse(cam1.allows(AclGrant.Access.READ, T.sensorReply("cam-2", "app-7")));
    assertFalse(
        cam1.allows(AclGrant.Access.WRITE, T.sensorReply("cam-1", "app-7")),
        "replies come from edges only");
    assertFalse(cam1.allows(AclGrant.Access.WRITE, T.sensorReply("cam-2", "app-7")));
    assertFalse(cam1.allows(AclGrant.Access.WRITE, T.edgeReply("e1", "r-17")));
    assertFalse(
        cam1.allows(AclGrant.Access.WRITE, T.edgeStatus("cam-1")),
        "a sensor cannot pose as an edge");
    assertFalse(cam1.allows(AclGrant.Access.WRITE, T.cloudTail()));
  }

  /**
   * Verifies the shared accounts: the cloud answers tails, the observer writes nothing, the bridge
   * carries site traffic; none sends requests.
   */
  @Test
  void sharedAccountsFollowTheirRoles() {
    Account cloud = Account.shared(Role.CLOUD);
    assertTrue(cloud.allows(AclGrant.Access.READ, T.cloudTail()));
    assertTrue(cloud.allows(AclGrant.Access.WRITE, T.edgeTailResults("e1")));
    assertFalse(cloud.allows(AclGrant.Access.WRITE, T.edgeReply("e1", "r-17")));
    assertFalse(cloud.allows(AclGrant.Access.WRITE, T.sensorReply("cam-1", "app-7")));
    Account observer = Account.shared(Role.OBSERVER);
    assertTrue(observer.allows(AclGrant.Access.READ, T.cloudTelemetry("w1")));
    assertTrue(observer.allows(AclGrant.Access.READ, T.sensorReply("cam-1", "app-7")));
    assertFalse(observer.allows(AclGrant.Access.WRITE, T.edgeStatus("e1")));
    Account bridge = Account.shared(Role.BRIDGE);
    assertTrue(bridge.allows(AclGrant.Access.WRITE, T.edgeStatus("e1")));
    assertTrue(bridge.allows(AclGrant.Access.WRITE, T.cloudTail()));
    assertTrue(bridge.allows(AclGrant.Access.READ, T.edgeTailResults("e1")));
    assertFalse(bridge.allows(AclGrant.Access.WRITE, T.edgeReply("e1", "r-17")));
    for (Account shared : List.of(cloud, observer, bridge)) {
      assertFalse(shared.allows(AclGrant.Access.WRITE, T.edgeRequests("e1")), shared.userName());
    }
    List<AclGrant> all = new ArrayList<>(MosquittoAcl.patterns(T));
    all.addAll(MosquittoAcl.edgeGrants(T, "e1"));
    for (Role role : Role.values()) {
      if (role.sharesAccount()) {
        all.addAll(MosquittoAcl.sharedGrants(role, T));
      }
    }
    for (AclGrant grant : all) {
      assertTrue(grant.topicFilter().startsWith("site/a/"), grant.toString());
      assertFalse(
          grant.topicFilter().contains(MosquittoAcl.ANY)
              || grant.topicFilter().contains(MosquittoAcl.USER),
          grant.toString());
    }
  }

  /**
   * Verifies that every kind of topic of the tree is written by some account and read by the
   * account that needs it, and the reply namespace too.
   */
  @Test
  void everyTopicKindHasAWriterAndAReader() {
    Set<TopicAddress.Kind> written = EnumSet.noneOf(TopicAddress.Kind.class);
    Set<TopicAddress.Kind> read = EnumSet.noneOf(TopicAddress.Kind.class);
    List<AclGrant> grants = new ArrayList<>(MosquittoAcl.patterns(Topics.DEFAULT));
    grants.addAll(MosquittoAcl.edgeGrants(Topics.DEFAULT, "e1"));
    grants.addAll(MosquittoAcl.sharedGrants(Role.CLOUD, Topics.DEFAULT));
    boolean namespaceWritten = false;
    boolean namespaceRead = false;
    for (AclGrant grant : grants) {
      if (grant.access() == AclGrant.Access.DENY) {
        continue;
      }
      String example =
          grant.topicFilter().replace("+", "x1").replace("%u", "x1").replace("#", "x2/x3");
      if (Topics.DEFAULT.isReplyNamespace(example)) {
        namespaceWritten |= grant.access() != AclGrant.Access.READ;
        namespaceRead |= grant.access() != AclGrant.Access.WRITE;
        continue;
      }
      Optional<TopicAddress> address = Topics.DEFAULT.parse(example);
      assertTrue(address.isPresent(), grant.toString());
      if (grant.access() != AclGrant.Access.READ) {
        written.add(address.get().kind());
      }
      if (grant.access() != AclGrant.Access.WRITE) {
        read.add(address.get().kind());
      }
    }
    assertEquals(EnumSet.allOf(TopicAddress.Kind.class), written);
    // edge telemetry is for dashboards (the observer's '#'); everything else has a reader in the
    // data plane
    assertEquals(EnumSet.complementOf(EnumSet.of(TopicAddress.Kind.EDGE_TELEMETRY)), read);
    assertTrue(namespaceWritten && namespaceRead);
  }

  /**
   * Verifies that bad edge lists and misplaced substitutions are refused with messages naming them.
   */
  @Test
  void badInputIsRefused() {
    IllegalArgumentException twice =
        assertThrows(
            IllegalArgumentException.class, () -> MosquittoAcl.render(T, List.of("e1", "e1")));
    assertEquals("edge id given twice: 'e1'", twice.getMessage());
    assertThrows(IllegalArgumentException.class, () -> MosquittoAcl.render(T, List.of("e/1")));
    IllegalArgumentException shared =
        assertThrows(
            IllegalArgumentException.class, () -> MosquittoAcl.render(T, List.of("cloud")));
    assertTrue(shared.getMessage().contains("shared account name 'cloud'"), shared.getMessage());
    assertThrows(IllegalArgumentException.class, () -> MosquittoAcl.sharedGrants(Role.EDGE, T));
    assertThrows(IllegalStateException.class, Role.SENSOR::userName);
    assertThrows(
        IllegalArgumentException.class, () -> AclGrant.topic(AclGrant.Access.READ, "a/%u/b"));
    assertThrows(
        IllegalArgumentException.class, () -> AclGrant.pattern(AclGrant.Access.READ, "a/x%u/b"));
    assertEquals(
        "pattern read a/%u/#", AclGrant.pattern(AclGrant.Access.READ, "a/%u/#").toAclLine());
  }

  /**
   * One broker account as Mosquitto's acl_file judges it: its own topic lines (denials first), then
   * the pattern lines with {@code %u} replaced by its user name.
   */
  private record Account(String userName, List<AclGrant> own) {

    static Account edge(String edgeId) {
      return new Account(edgeId, MosquittoAcl.edgeGrants(T, edgeId));
    }

    static Account sensor(String sensorId) {
      return new Account(sensorId, List.of());
    }

    static Account shared(Role role) {
      return new Account(role.userName(), MosquittoAcl.sharedGrants(role, T));
    }

    boolean allows(AclGrant.Access access, String topic) {
      List<AclGrant> patterns =
          MosquittoAcl.patterns(T).stream()
              .map(p -> AclGrant.topic(p.access(), p.topicFilter().replace("%u", userName)))
              .toList();
      for (List<AclGrant> lines : List.of(own, patterns)) {
        if (lines.stream()
            .anyMatch(g -> g.access() == AclGrant.Access.DENY && matches(g.topicFilter(), topic))) {
          return false;
        }
        if (lines.stream()
            .anyMatch(
                g ->
                    (g.access() == access || g.access() == AclGrant.Access.READWRITE)
                        && matches(g.topicFilter(), topic))) {
          return true;
        }
      }
      return false;
    }
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
