package dev.wall.player.players.mpv;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.wall.core.layout.InvalidLayoutException;
import dev.wall.core.layout.Layout;
import dev.wall.core.layout.LayoutReader;
import dev.wall.core.layout.Problem;
import dev.wall.player.display.VirtualDisplay;
import dev.wall.player.players.PlayerSpec;
import dev.wall.player.players.registry.Backends;
import dev.wall.player.playertest.TestMedia;
import dev.wall.player.process.ChildProcess;
import dev.wall.player.testing.Poll;
import dev.wall.player.testing.TestDisplay;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The security review's ytdl bypass (issue 20, finding 2) against a real mpv: a program on the
 * share, named through ytdl's script options, that would leave a marker file if it ever ran.
 */
class MpvPlayerArgsIT {
  private static final List<String> BYPASS =
      List.of("--ytdl=yes", "--script-opts=ytdl_hook-ytdl_path=EVIL", "ytdl://x");

  private static VirtualDisplay display;
  private static Path scratch;

  @BeforeAll
  static void takeDisplay() throws Exception {
    scratch = TestMedia.workDir("mpv-args");
    display = TestDisplay.shared();
  }

  @Test
  void aProgramNamedThroughYtdlIsRefusedAndPastTheValidatorStillNeverRuns() throws Exception {
    Path share = Files.createDirectories(scratch.resolve("share"));
    Path marker = share.resolve("evil-ran");
    Path evil = share.resolve("evil.sh");
    Files.writeString(evil, "#!/bin/sh\ntouch '" + marker + "'\n");
    Files.setPosixFilePermissions(evil, PosixFilePermissions.fromString("rwxr-xr-x"));
    Path clip = TestMedia.barCoded(160, 90, 2);
    List<String> args = BYPASS.stream().map(a -> a.replace("EVIL", evil.toString())).toList();
    String json =
        new ObjectMapper()
            .writeValueAsString(
                Map.of(
                    "version",
                    1,
                    "player",
                    "mpv",
                    "mediaRoot",
                    clip.getParent().toString(),
                    "screens",
                    List.of(
                        Map.of(
                            "name",
                            "evil",
                            "host",
                            "localhost",
                            "media",
                            clip.getFileName().toString(),
                            "window",
                            Map.of("x", 0, "y", 0, "width", 160, "height", 90),
                            "playerArgs",
                            args))));

    InvalidLayoutException refused =
        assertThrows(
            InvalidLayoutException.class, () -> new LayoutReader().read("evil.json", json));
    assertEquals(
        List.of("screens[0].playerArgs[0]", "screens[0].playerArgs[1]", "screens[0].playerArgs[2]"),
        refused.problems().stream().map(Problem::jsonPath).toList(),
        refused.getMessage());

    // Past the validator: the layout bound as it is, its arguments on mpv's command line.
    Layout layout = new ObjectMapper().readValue(json, Layout.class);
    PlayerSpec spec =
        Backends.spec(
            layout,
            layout.screen(0),
            TestMedia.workDir("mpv-evil"),
            Map.of("DISPLAY", display.display()));
    List<String> argv = MpvPlayer.argv(spec);
    playPastTheFirstEntry(argv, spec, "mpv with the wall's options last");
    assertFalse(Files.exists(marker), "the program ran: " + argv);

    // The control: the same arguments after the wall's own, the order before this change.
    List<String> before = new ArrayList<>(argv);
    before.removeAll(args);
    before.addAll(before.indexOf("--"), args);
    playPastTheFirstEntry(before, spec, "mpv with the layout's options last");
    assertTrue(
        Files.exists(marker),
        "the program should run when the layout's options come last: " + before);
  }

  /**
   * Starts mpv, and waits until it has opened (or failed) {@code ytdl://x} and moved on to the
   * clip.
   */
  private static void playPastTheFirstEntry(List<String> argv, PlayerSpec spec, String label)
      throws Exception {
    try (ChildProcess mpv = MpvPlayer.start(label, argv, spec.log(), spec.environment(), null)) {
      Path socket = MpvCommandLine.socketIn(argv);
      try (MpvIpc ipc =
          Poll.until(
              Duration.ofSeconds(20), "mpv's socket", () -> MpvIpc.connect(socket, "args"))) {
        Poll.until(
            Duration.ofSeconds(30),
            Duration.ofMillis(100),
            "mpv to move past ytdl://x",
            () -> {
              assertTrue(mpv.isAlive(), label + " quit: " + mpv.lastLogLines(10));
              return ipc.command(Duration.ofSeconds(3), "get_property", "playlist-pos").asInt(-1)
                  >= 1;
            });
      }
    }
  }
}
