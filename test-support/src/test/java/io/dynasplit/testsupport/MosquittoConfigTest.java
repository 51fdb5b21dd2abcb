package io.dynasplit.testsupport;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Editing a mosquitto.conf by copy. */
class MosquittoConfigTest {

  /**
   * Verifies that with() replaces every active line of a directive in place and leaves comments
   * alone.
   */
  @Test
  void withReplacesActiveLinesInPlace() {
    MosquittoConfig config =
        new MosquittoConfig(
            List.of(
                "# listener 1 comment",
                "listener 1883",
                "allow_anonymous false",
                "listener 8080",
                "acl_file /etc/acl"));
    MosquittoConfig changed =
        config.with("listener", "5 127.0.0.1").with("acl_file", "/tmp/acl").with("user", "root");
    assertEquals(
        List.of(
            "# listener 1 comment",
            "listener 5 127.0.0.1",
            "allow_anonymous false",
            "acl_file /tmp/acl",
            "user root"),
        changed.lines());
    assertEquals("/tmp/acl", changed.value("acl_file"));
    assertNull(changed.without("acl_file").value("acl_file"));
  }

  /**
   * Verifies that the process fixture moves listener, persistence and logging into its own hands.
   */
  @Test
  void effectiveConfigOwnsListenerPersistenceAndLog() {
    MosquittoConfig config =
        new MosquittoConfig(
            List.of(
                "listener 1883",
                "persistence true",
                "persistence_location /var/lib/mosquitto/",
                "log_dest syslog",
                "pid_file /run/m.pid"));
    MosquittoConfig effective = MosquittoProcess.effective(config, 4242, Path.of("/tmp/w"));
    assertEquals("4242 127.0.0.1", effective.value("listener"));
    assertEquals("/tmp/w/", effective.value("persistence_location"));
    assertEquals("stdout", effective.value("log_dest"));
    assertNull(effective.value("pid_file"));
    assertEquals("true", effective.value("persistence"));
  }
}
