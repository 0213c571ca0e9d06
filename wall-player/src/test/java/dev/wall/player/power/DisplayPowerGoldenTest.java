package dev.wall.player.power;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Every backend's argv for HDMI0 and HDMI1, against {@code golden/power/commands.txt}. After a
 * change on purpose, rewrite it with {@code -Dgolden.update=true} and read the diff.
 */
class DisplayPowerGoldenTest {
  private static final Path GOLDEN = Path.of("src/test/resources/golden/power/commands.txt");

  static String describe() {
    StringBuilder text = new StringBuilder();
    for (int output = 0; output <= 1; output++) {
      PowerEnvironment environment =
          new PowerEnvironment(output, ":0", "wayland-0", Map.of(), p -> true, p -> true);
      text.append("# output ").append(output).append('\n');
      for (DisplayPower power : DisplayPowers.all(environment)) {
        String name = power.name() + " (" + power.kind().jsonName() + ")";
        for (PowerCommand command : power.commands(false)) {
          text.append(name).append(" off: ").append(command.shown()).append('\n');
        }
        for (PowerCommand command : power.commands(true)) {
          text.append(name).append(" on: ").append(command.shown()).append('\n');
        }
        power
            .query()
            .ifPresent(q -> text.append(name).append(" query: ").append(q.shown()).append('\n'));
      }
    }
    return text.toString();
  }

  @Test
  void everyBackendBuildsItsArgv() throws IOException {
    String now = describe();
    if (Boolean.getBoolean("golden.update")) {
      Files.writeString(GOLDEN, now);
    }
    assertEquals(Files.readString(GOLDEN), now);
  }

  @Test
  void argvIsAListNotAShellLine() {
    PowerEnvironment odd =
        new PowerEnvironment(0, ":0; rm -rf /", null, Map.of(), p -> true, p -> true);
    assertEquals(
        java.util.List.of("xset", "-display", ":0; rm -rf /", "dpms", "force", "off"),
        new X11DpmsPower(odd).commands(false).get(0).argv());
  }
}
