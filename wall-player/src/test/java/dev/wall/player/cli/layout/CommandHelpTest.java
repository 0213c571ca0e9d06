package dev.wall.player.cli.layout;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.wall.player.testing.Cli;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class CommandHelpTest {
  @ParameterizedTest
  @ValueSource(strings = {"validate", "screens", "assign", "loops", "hostfile", "preview"})
  void everyCommandHasHelpWithExamplesAndExitCodes(String command) {
    Cli result = Cli.run(command, "--help");
    assertEquals(0, result.code(), result.err());
    assertTrue(result.out().contains("Examples:"), result.out());
    assertTrue(result.out().contains("  wall " + command + " "), result.out());
    assertTrue(result.out().contains("Exit codes:"), result.out());
  }

  @ParameterizedTest
  @ValueSource(strings = {"assign", "loops", "hostfile", "preview"})
  void everyCommandThatWritesHasADryRun(String command) {
    assertTrue(Cli.run(command, "--help").out().contains("--dry-run"));
  }

  @ParameterizedTest
  @ValueSource(strings = {"validate", "screens"})
  void aMissingArgumentIsBadInput(String command) {
    Cli result = Cli.run(command);
    assertEquals(2, result.code());
    assertTrue(result.err().startsWith("wall: Missing required parameter"), result.err());
  }
}
