package io.dynasplit.broker.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.Map;
import org.junit.jupiter.api.Test;

/** Strict rendering of configuration templates. */
class ConfigTemplateTest {

  /** Verifies that every placeholder is replaced, values with regex specials included. */
  @Test
  void replacesPlaceholders() {
    ConfigTemplate t = new ConfigTemplate("t", "<a>${x}</a><b>${y.z}</b><a>${x}</a>");
    assertEquals("<a>1</a><b>$2\\</b><a>1</a>", t.render(Map.of("x", "1", "y.z", "$2\\")));
  }

  /**
   * Verifies that a missing value and an unused value are both errors that name the placeholder.
   */
  @Test
  void missingOrUnusedValuesAreErrors() {
    ConfigTemplate t = new ConfigTemplate("t", "${x}");
    assertEquals(
        "template t needs a value for ${x}",
        assertThrows(IllegalArgumentException.class, () -> t.render(Map.of())).getMessage());
    assertEquals(
        "template t has no placeholder ${w}",
        assertThrows(IllegalArgumentException.class, () -> t.render(Map.of("x", "1", "w", "2")))
            .getMessage());
  }

  /** Verifies that a template missing from the classpath is a clear packaging error. */
  @Test
  void missingResourceIsAnError() {
    assertThrows(
        IllegalStateException.class, () -> ConfigTemplate.fromClasspath("/no/such/template.xml"));
  }
}
