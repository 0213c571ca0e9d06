package dev.wall.core.testing;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.opentest4j.TestAbortedException;

/** A missing tool skips a test on a developer's machine and fails it under CI. */
class ToolsTest {
  @Test
  void whatIsThereLetsTheTestRunEverywhere() {
    Tools.require(true, "needs sh", false);
    Tools.require(true, "needs sh", true);
    assertTrue(Tools.available("sh"));
  }

  @Test
  void aMissingToolSkipsOutsideCi() {
    TestAbortedException skipped =
        assertThrows(
            TestAbortedException.class,
            () ->
                Tools.require(
                    Tools.available("no-such-tool-wall"), "needs no-such-tool-wall", false));
    assertEquals("needs no-such-tool-wall", skipped.getMessage());
  }

  @Test
  void aMissingToolFailsUnderCi() {
    AssertionError failed =
        assertThrows(
            AssertionError.class, () -> Tools.require(false, "needs no-such-tool-wall", true));
    assertTrue(
        failed.getMessage().startsWith("needs no-such-tool-wall, and this is CI (CI=true)"),
        failed.getMessage());
  }
}
