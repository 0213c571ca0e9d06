package dev.wall.player.cli.setup;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import dev.wall.player.testing.Cli;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The layout name from the security review, which wrote an ExecStartPre=+ line into the root unit:
 * wall validate refuses it in one line, and wall setup autostart writes nothing.
 */
class InjectedLayoutTest {
  /** As JSON text: the \n are escapes in the file, the line breaks they stand for are not. */
  static final String INJECTED_JSON =
      "lobby\\n[Service]\\nExecStartPre=+/bin/sh -c 'id > /tmp/x'\\n[Unit]\\n#";

  static final String LINE =
      "<root>/home/pi/lobby.json: name: holds a line feed (U+000A) at character 6:"
          + " \"lobby\\n[Service]\\nExecStartPre=+/bin/sh...\"; retype it as plain text on one line; no text of a"
          + " layout may hold line breaks, tabs or other control characters";

  @TempDir Path tmp;

  private Path rootWithInjectedName() throws IOException {
    Path root = FixtureRoot.materialize("bookworm", tmp.resolve("root"));
    Path layout = root.resolve("home/pi/lobby.json");
    Files.writeString(
        layout,
        Files.readString(layout)
            .replace("\"name\": \"lobby\"", "\"name\": \"" + INJECTED_JSON + "\""));
    return root;
  }

  @Test
  void validateRefusesTheNameInOneLine() throws IOException {
    Path root = rootWithInjectedName();
    Cli run = Cli.inRoot(root, "validate <root>/home/pi/lobby.json");
    assertEquals(2, run.code(), run.err());
    assertEquals("", run.out());
    assertEquals(List.of(LINE), run.errLines());
  }

  @Test
  void autostartWritesNoUnit() throws IOException {
    Path root = rootWithInjectedName();
    String before = TreeSnapshot.of(root).listing();
    Cli run =
        Cli.inRoot(
            root, "setup autostart --host rpi1 --layout <root>/home/pi/lobby.json --root <root>");
    assertEquals(2, run.code(), run.out() + run.err());
    assertEquals(List.of(LINE), run.errLines());
    assertFalse(Files.exists(root.resolve("etc/systemd/system/wall.service")));
    assertEquals(before, TreeSnapshot.of(root).listing(), "a refused run wrote something");
  }
}
