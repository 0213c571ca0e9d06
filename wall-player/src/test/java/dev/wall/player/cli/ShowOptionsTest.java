package dev.wall.player.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Bad show options are bad input: one line, exit 2, before anything starts. */
class ShowOptionsTest {
  @TempDir Path dir;

  private String[] run(String layout, String... options) throws Exception {
    Path file = dir.resolve("wall.json");
    Files.writeString(file, layout);
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    String[] argv = new String[options.length + 2];
    argv[0] = "play";
    argv[1] = file.toString();
    System.arraycopy(options, 0, argv, 2, options.length);
    int code = WallCli.run(new PrintWriter(out, true), new PrintWriter(err, true), argv);
    return new String[] {String.valueOf(code), err.toString().strip()};
  }

  static final String PLAIN =
      "{\"version\": 1, \"mediaRoot\": \"/m\", \"screens\": [{\"name\": \"a\", \"host\": \"localhost\", \"media\": \"a.mp4\"}]}";

  @Test
  void pretendNowNeedsASchedule() throws Exception {
    String[] result = run(PLAIN, "--pretend-now", "2026-03-30T17:59:50");
    assertEquals("2", result[0]);
    assertEquals("wall: --pretend-now rehearses a schedule, and this layout has none", result[1]);
  }

  @Test
  void statusListenNeedsAPortAndAnAddress() throws Exception {
    assertEquals(
        "wall: --status-listen needs --status-port PORT",
        run(PLAIN, "--status-listen", "0.0.0.0")[1]);
    assertEquals(
        "wall: --status-listen takes an IP address (127.0.0.1, 0.0.0.0, or this machine's LAN address), got lan",
        run(PLAIN, "--status-port", "8080", "--status-listen", "lan")[1]);
    assertEquals(
        "wall: --status-port must be between 0 and 65535, got 70000",
        run(PLAIN, "--status-port", "70000")[1]);
  }
}
