package dev.wall.player.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.wall.core.sync.ScreenState;
import dev.wall.player.status.StatusBoard;
import dev.wall.player.testing.Poll;
import dev.wall.player.wire.StatusFile;
import dev.wall.player.wire.WallStatus;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code wall status} on status files a board of this JVM wrote, and on ones no wall is behind. */
class StatusCommandTest {
  @TempDir Path runDir;

  private final StringWriter out = new StringWriter();
  private final StringWriter err = new StringWriter();

  private int status(String... more) {
    List<String> args =
        new java.util.ArrayList<>(List.of("status", "--run-dir", runDir.toString()));
    args.addAll(List.of(more));
    return WallCli.run(
        new PrintWriter(out, true), new PrintWriter(err, true), args.toArray(String[]::new));
  }

  private static WallStatus wall() {
    return new WallStatus(
        12,
        0,
        7.25,
        0.8,
        30,
        List.of(
            new WallStatus.Screen(
                "left", "rpi1", ScreenState.PLAYING, 7.251, 0.4, 0.9987, 0, null, null, 42, true),
            new WallStatus.Screen(
                "right",
                "rpi2",
                ScreenState.RECOVERING,
                null,
                null,
                1.0,
                2,
                "mpv was killed (SIGKILL): ",
                "2026-12-03T10:42:01Z")));
  }

  @Test
  void showsEveryScreenAndTheWallsUptimeAndRestarts() throws Exception {
    try (StatusBoard board = new StatusBoard(runDir, "ctl", "/srv/wall/lobby.json", true)) {
      board.jobStarting(1);
      board.status(wall());
      Poll.until(
          Duration.ofSeconds(5),
          "the status file",
          () -> StatusFile.read(runDir).filter(s -> s.status() != null).isPresent());

      assertEquals(0, status(), err.toString());
      List<String> lines = out.toString().lines().toList();
      assertEquals("wall on ctl: playing, /srv/wall/lobby.json", lines.get(0));
      assertTrue(
          lines.get(1).matches("up 00:00:0\\d, supervised \\(--forever\\), 1 job restart"),
          lines.get(1));
      assertEquals(
          "loop 12/forever at 7.3 s, skew 0.8 ms (0.02 frames);"
              + " left playing, falling behind, right recovering",
          lines.get(2));
      assertEquals(
          "screen  host  state                    loop  position s  skew ms  skew frames  rate    "
              + "restarts  dropped  last error",
          lines.get(4));
      assertEquals(
          "left    rpi1  playing, falling behind  12    7.251       +0.4     +0.01        0.9987  "
              + "0         42       -",
          lines.get(5));
      assertTrue(
          lines
              .get(6)
              .startsWith(
                  "right   rpi2  recovering               -     -           -        -            "
                      + "1.0000  2         0        2026-12-03 "),
          lines.get(6));
      assertTrue(lines.get(6).endsWith(" mpv was killed (SIGKILL):"), lines.get(6));
      assertEquals(
          "screen left on rpi1: falling behind (42 frames dropped so far): its decoder cannot keep"
              + " up with the clip; give the node a clip it decodes in hardware, or a smaller one"
              + " (wall doctor says which)",
          lines.get(7));
      assertEquals(8, lines.size(), "one line for the screen falling behind: " + lines);

      out.getBuffer().setLength(0);
      assertEquals(0, status("--json"));
      JsonNode json = new ObjectMapper().readTree(out.toString());
      assertEquals("PLAYING", json.path("wall").path("phase").asText());
      assertEquals(ProcessHandle.current().pid(), json.path("wall").path("pid").asLong());
      assertEquals(
          "RECOVERING", json.path("status").path("screens").path(1).path("state").asText());

      board.stopped();
    }
    assertEquals(1, status());
    assertTrue(
        err.toString().startsWith("wall: no wall is running (the last one, pid "), err.toString());
  }

  @Test
  void aWallClosedByItsScheduleIsOffNotStopped() throws Exception {
    try (StatusBoard board = new StatusBoard(runDir, "ctl", "/srv/wall/lobby.json", true)) {
      board.status(wall());
      board.off("off (schedule, opens Mon 09:30)");
      Poll.until(
          Duration.ofSeconds(5),
          "the status file",
          () -> StatusFile.read(runDir).filter(s -> s.wall().offLabel() != null).isPresent());

      assertEquals(0, status(), err.toString());
      List<String> lines = out.toString().lines().toList();
      assertEquals(
          "wall on ctl: off (schedule, opens Mon 09:30), /srv/wall/lobby.json", lines.get(0));
      assertEquals(2, lines.size(), "no screen table while closed: " + lines);

      board.waking();
      board.status(wall());
      Poll.until(
          Duration.ofSeconds(5),
          "the status file",
          () ->
              StatusFile.read(runDir)
                  .filter(s -> s.wall().offLabel() == null && s.status() != null)
                  .isPresent());
      out.getBuffer().setLength(0);
      assertEquals(0, status(), err.toString());
      assertEquals(
          "wall on ctl: playing, /srv/wall/lobby.json",
          out.toString().lines().findFirst().orElseThrow());
      board.stopped();
    }
  }

  @Test
  void withNoWallItSaysSoInsteadOfShowingWhatALostOneLeft() throws Exception {
    assertEquals(1, status());
    assertEquals("wall: no wall is running in " + runDir + "\n", err.toString());

    // A file left by a controller that is gone (a power cut, a SIGKILL): its pid is no one's now.
    err.getBuffer().setLength(0);
    String left =
        Files.readString(writeOneStatus()).replaceFirst("\"pid\" : \\d+", "\"pid\" : 2147483646");
    Files.writeString(StatusFile.in(runDir), left);
    assertEquals(1, status());
    assertTrue(
        err.toString()
            .startsWith("wall: no wall is running (the last one, pid 2147483646, ended by "),
        err.toString());
    assertEquals("", out.toString(), "nothing of it is shown");
  }

  @Test
  void aWallThatHasSaidNothingForAWhileIsShownAsPossiblyHung() throws Exception {
    String old =
        Files.readString(writeOneStatus())
            .replaceFirst(
                "\"updatedAt\" : \"[^\"]+\"",
                "\"updatedAt\" : \"" + Instant.now().minusSeconds(60) + "\"");
    Files.writeString(StatusFile.in(runDir), old);
    assertEquals(1, status());
    assertTrue(out.toString().startsWith("wall on ctl: playing"), out.toString());
    assertTrue(
        err.toString()
            .matches(
                "(?s)wall: the wall \\(pid \\d+\\) has said nothing for 6\\d s; it may be hung.*"),
        err.toString());
  }

  @Test
  void aSpoofedStatusFilePutsNoControlCharacterOnTheTerminal() throws Exception {
    String clear = "\u001b[2J\u001b[H";
    String title = "\u001b]0;owned\u0007";
    String c1 = "\u009b2J\u0090q\u009c";
    String evil = clear + title + c1 + "\u0000\u007f\r\n\tend";
    ObjectNode file = (ObjectNode) new ObjectMapper().readTree(writeOneStatus().toFile());
    ObjectNode wall = (ObjectNode) file.get("wall");
    for (String field : List.of("host", "layout", "lastRestartCause", "offLabel")) {
      wall.put(field, field + evil);
    }
    wall.put("lastRestartAt", Instant.now().toString());
    wall.putArray("waitingFor").add("rpi9" + evil);
    for (JsonNode screen : file.get("status").get("screens")) {
      for (String field : List.of("name", "host", "lastError")) {
        ((ObjectNode) screen).put(field, field + evil);
      }
      ((ObjectNode) screen).put("state", "RECOVERING");
      ((ObjectNode) screen).put("lastErrorAt", Instant.now().toString());
    }
    Files.writeString(StatusFile.in(runDir), file.toString());

    assertEquals(0, status(), err.toString());
    assertNoControls(out.toString());
    assertTrue(
        out.toString().contains("wall on host?[2J?[H?]0;owned??2J?q???  \tend".replace("\t", " ")),
        out.toString());
    assertTrue(out.toString().contains("waiting for rpi9?[2J"), out.toString());

    out.getBuffer().setLength(0);
    assertEquals(0, status("--json"), err.toString());
    assertNoControls(out.toString());
    assertEquals(
        "host" + evil,
        new ObjectMapper().readTree(out.toString()).path("wall").path("host").asText(),
        "escaped, not lost");

    wall.put("phase", "OFF");
    Files.writeString(StatusFile.in(runDir), file.toString());
    out.getBuffer().setLength(0);
    assertEquals(0, status(), err.toString());
    assertNoControls(out.toString());
    assertTrue(
        out.toString().startsWith("wall on host?[2J?[H?]0;owned??2J?q???   end: offLabel?[2J"),
        out.toString());
  }

  @Test
  void aStatusFileNoWallWroteIsSaidToBeSoWithoutItsControls() throws Exception {
    Files.writeString(StatusFile.in(runDir), "\u001b]0;owned\u0007{\"wall\":");
    assertEquals(1, status());
    assertNoControls(err.toString());
    assertTrue(
        err.toString()
            .startsWith(
                "wall: the status file " + StatusFile.in(runDir) + " is not one a wall wrote ("),
        err.toString());
  }

  @Test
  void aRunFolderThatIsNotTheUsersAloneIsNotRead() throws Exception {
    writeOneStatus();
    Files.setPosixFilePermissions(
        runDir, java.nio.file.attribute.PosixFilePermissions.fromString("rwxrwxrwx"));
    assertEquals(1, status());
    assertEquals(
        "wall: run folder "
            + runDir
            + " is open to other users (mode rwxrwxrwx), so what it holds may not"
            + " be the wall's: check what is in it, then make it yours alone (chmod 700 "
            + runDir
            + ") or remove it\n",
        err.toString());
    assertEquals("", out.toString());

    Files.setPosixFilePermissions(
        runDir, java.nio.file.attribute.PosixFilePermissions.fromString("rwx------"));
    Path link =
        Files.createSymbolicLink(runDir.resolveSibling(runDir.getFileName() + "-link"), runDir);
    try {
      err.getBuffer().setLength(0);
      int code =
          WallCli.run(
              new PrintWriter(out, true),
              new PrintWriter(err, true),
              "status",
              "--run-dir",
              link.toString());
      assertEquals(1, code);
      assertTrue(
          err.toString().startsWith("wall: run folder " + link + " is a symbolic link"),
          err.toString());
    } finally {
      Files.delete(link);
    }
  }

  /** Nothing but the line breaks {@code wall status} prints itself. */
  private static void assertNoControls(String text) {
    for (int i = 0; i < text.length(); i++) {
      char c = text.charAt(i);
      assertTrue(
          c == '\n' || c >= 0x20 && (c < 0x7f || c > 0x9f),
          String.format(
              "control U+%04X at %d in: %s",
              (int) c, i, text.replaceAll("[\\p{Cntrl}&&[^\n]]", "^")));
    }
  }

  private Path writeOneStatus() throws Exception {
    try (StatusBoard board = new StatusBoard(runDir, "ctl", "/srv/wall/lobby.json", true)) {
      board.status(wall());
      return Poll.until(
          Duration.ofSeconds(5),
          "the status file",
          () ->
              StatusFile.read(runDir)
                  .filter(s -> s.status() != null)
                  .map(s -> StatusFile.in(runDir))
                  .orElse(null));
    }
  }
}
