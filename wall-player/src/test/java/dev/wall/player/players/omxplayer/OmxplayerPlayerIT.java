package dev.wall.player.players.omxplayer;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.wall.core.layout.Audio;
import dev.wall.core.layout.Rect;
import dev.wall.player.players.PlayerSpec;
import dev.wall.player.players.SpanCrop;
import dev.wall.player.playertest.Crashes;
import dev.wall.player.playertest.RankKills;
import dev.wall.player.playertest.TestMedia;
import dev.wall.player.testing.Poll;
import dev.wall.player.testing.Quiet;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The omxplayer backend against a real dbus-daemon (our private bus, Debian's daemon) and a test
 * omxplayer that answers like omxplayer and records every call with its wire signature.
 */
@Quiet
class OmxplayerPlayerIT {
  private static final String PLAYER = "org.mpris.MediaPlayer2.Player";

  @Test
  void controlsOmxplayerWithMprisCallsOfTheRightTypes() throws Exception {
    Path dir = FakeOmxplayer.workDir("control");
    FakeOmxplayer fake = FakeOmxplayer.install(dir);
    Rect window = new Rect(0, 0, 320, 180);
    SpanCrop rightHalf = new SpanCrop(0.5, 0, 0.5, 1);
    try (OmxplayerPlayer player = player("left.1", dir, fake, 10, window, rightHalf, 1)) {
      long started = System.nanoTime();
      player.prepare(Duration.ofSeconds(30));
      System.out.printf(
          "omxplayer (test double) prepare took %.0f ms%n", (System.nanoTime() - started) / 1e6);

      JsonNode startup = fake.startup();
      List<String> argv = strings(startup.path("argv"));
      assertTrue(
          containsInOrder(argv, "--dbus_name", "org.mpris.MediaPlayer2.omxplayer.wall_left_2e1"),
          argv.toString());
      assertTrue(containsInOrder(argv, "--display", "7"), argv.toString());
      assertTrue(containsInOrder(argv, "--win", "0 0 320 180"), argv.toString());
      assertTrue(containsInOrder(argv, "--crop", "160,0,320,180"), argv.toString());
      assertFalse(argv.contains("--loop"), argv.toString());
      String bus = startup.path("bus").asText();
      assertTrue(
          bus.startsWith("unix:path=" + dir),
          "a private bus in the work folder, not the wrapper's: " + bus);
      assertTrue(startup.path("libraries").asText().startsWith("/opt/vc/lib:/usr/lib/omxplayer"));

      // Paused as it came up, then back to 0: SetPosition(o, x) with an object path and int64 µs.
      JsonNode pause = fake.calls("Pause").get(0);
      assertEquals(PLAYER, pause.path("interface").asText());
      assertEquals("", pause.path("signature").asText());
      JsonNode seek = fake.calls("SetPosition").get(0);
      assertEquals(PLAYER, seek.path("interface").asText());
      assertEquals("ox", seek.path("signature").asText());
      assertEquals("o", seek.path("args").path(0).path(0).asText());
      assertEquals("/not/used", seek.path("args").path(0).path(1).asText());
      assertEquals("x", seek.path("args").path(1).path(0).asText());
      assertEquals(0, seek.path("args").path(1).path(1).asLong());
      assertTrue(
          pause.path("t").asDouble() < seek.path("t").asDouble(), "paused before the seek to 0");
      for (String property : List.of("PlaybackStatus", "Position", "Duration")) {
        JsonNode read = fake.reads(property).get(0);
        assertEquals("org.freedesktop.DBus.Properties", read.path("interface").asText());
        assertEquals("ss", read.path("signature").asText());
        assertEquals(PLAYER, read.path("args").path(0).path(1).asText());
      }
      assertEquals(10.0, player.duration(), 1e-6, "Duration read as int64 µs");
      double held = player.position();
      assertTrue(held < 0.1, "held at the start: " + held);

      player.release();
      assertEquals(1, fake.calls("Play").size());
      Poll.until(
          Duration.ofSeconds(5),
          "position to move after release",
          () -> player.position() > held + 0.2);

      player.seekTo(2.5, Duration.ofSeconds(5));
      JsonNode seekTo = last(fake.calls("SetPosition"));
      assertEquals("ox", seekTo.path("signature").asText());
      assertEquals(2_500_000, seekTo.path("args").path(1).path(1).asLong());
      assertEquals(2.5, player.position(), 0.5);

      player.setRate(1.01);
      JsonNode rate = last(fake.calls("Set"));
      assertEquals("ssv", rate.path("signature").asText());
      assertEquals(PLAYER, rate.path("args").path(0).path(1).asText());
      assertEquals("Rate", rate.path("args").path(1).path(1).asText());
      assertEquals(
          "v:d",
          rate.path("args").path(2).path(0).asText(),
          "Rate travels as a double in a variant");
      assertEquals(
          1010,
          (int) (rate.path("args").path(2).path(1).asDouble() * 1000),
          "omxplayer keeps (int)(rate*1000)");

      int pausesBefore = fake.calls("Pause").size();
      player.pause();
      assertEquals(pausesBefore + 1, fake.calls("Pause").size());
      double paused = player.position();
      Poll.holds(
          Duration.ofMillis(200),
          () -> {
            assertEquals(paused, player.position(), 1e-6, "holds while paused");
            return null;
          });
      int setsBefore = fake.calls("Set").size();
      player.setRate(1.02);
      assertEquals(
          setsBefore,
          fake.calls("Set").size(),
          "a rate set while paused waits: Rate would resume omxplayer");
      int playsBefore = fake.calls("Play").size();
      player.release();
      assertEquals(
          setsBefore + 1, fake.calls("Set").size(), "release sets the waiting rate, which resumes");
      assertEquals(playsBefore, fake.calls("Play").size());
      assertEquals(
          1020, (int) (last(fake.calls("Set")).path("args").path(2).path(1).asDouble() * 1000));
    }
    assertEquals(1, fake.calls("Quit").size(), "stop asks omxplayer to quit over D-Bus first");
    assertEquals("org.mpris.MediaPlayer2", fake.calls("Quit").get(0).path("interface").asText());
  }

  @Test
  void pausesBeforeTheEndWhereOmxplayerWouldQuit() throws Exception {
    Path dir = FakeOmxplayer.workDir("end");
    FakeOmxplayer fake = FakeOmxplayer.install(dir);
    try (OmxplayerPlayer player = player("end", dir, fake, 2, new Rect(0, 0, 320, 180), null, 0)) {
      List<String> exits = new ArrayList<>();
      player.onUnexpectedExit(exits::add);
      player.prepare(Duration.ofSeconds(30));
      player.release();
      Poll.until(Duration.ofSeconds(6), "the end of the clip", player::reachedEnd);
      double held = player.position();
      System.out.printf(
          "omxplayer end guard held the clip at %.3f s of %.3f s%n", held, player.duration());
      assertTrue(held >= 2 - 0.2 - 0.1 && held < 2, "held just before the end: " + held);
      Poll.holds(
          Duration.ofMillis(300),
          () -> {
            assertEquals(held, player.position(), 1e-6);
            return null;
          });
      assertTrue(
          fake.entries().stream().noneMatch(e -> e.has("event")),
          "omxplayer never reached its end of file");
      assertTrue(ProcessHandle.of(player.pid()).map(ProcessHandle::isAlive).orElse(false));

      player.seekTo(0, Duration.ofSeconds(5));
      assertFalse(player.reachedEnd(), "a seek back starts the next loop");
      assertTrue(exits.isEmpty(), exits.toString());
    }
  }

  @Test
  void killedOmxplayerIsReportedWithinOneSecondWithTheScreenName() throws Exception {
    Path dir = FakeOmxplayer.workDir("crash");
    FakeOmxplayer fake = FakeOmxplayer.install(dir);
    try (OmxplayerPlayer player = player("crash", dir, fake, 10, null, null, 0)) {
      player.prepare(Duration.ofSeconds(30));
      String message = Crashes.killAndAwaitReport(player, player.pid(), "omxplayer");
      assertTrue(message.startsWith("crash: omxplayer was killed (SIGKILL)"), message);
      assertTrue(message.contains("fake omxplayer on the bus"), "the last log lines: " + message);
    }
  }

  @Test
  void aPlaylistGoesItemByItemEachItemAnOmxplayerOfItsOwnPausedOnItsFirstFrame() throws Exception {
    Path dir = FakeOmxplayer.workDir("items");
    FakeOmxplayer fake = FakeOmxplayer.install(dir);
    List<Path> items =
        List.of(TestMedia.barCoded(320, 180, 2), TestMedia.barCoded(320, 180, 2, 5000));
    PlayerSpec spec =
        new PlayerSpec(
            "items",
            items,
            null,
            0,
            null,
            Audio.NONE,
            List.of(),
            dir,
            new HashMap<>(fake.environment(2)),
            true);
    try (OmxplayerPlayer player =
        new OmxplayerPlayer(
            spec, OmxplayerOptions.DEFAULTS.withExecutable(fake.executable.toString()))) {
      List<String> exits = new ArrayList<>();
      player.onUnexpectedExit(exits::add);
      assertFalse(player.capabilities().playsTimeline());
      assertEquals(
          dev.wall.player.players.Capabilities.ItemSwitch.RESTARTS,
          player.capabilities().itemSwitch());
      player.prepare(Duration.ofSeconds(30));
      assertEquals(
          2, player.steps(), "omxplayer plays one file: item by item, even for equal items");
      long first = player.pid();

      player.showStep(1, Duration.ofSeconds(30));

      List<JsonNode> starts = fake.entries().stream().filter(e -> e.has("argv")).toList();
      assertEquals(2, starts.size(), "a second omxplayer for item 2");
      assertEquals(items.get(0).toString(), lastArg(strings(starts.get(0).path("argv"))));
      assertEquals(items.get(1).toString(), lastArg(strings(starts.get(1).path("argv"))));
      assertTrue(first != player.pid());
      assertFalse(
          ProcessHandle.of(first).map(ProcessHandle::isAlive).orElse(false),
          "item 1's omxplayer is gone");
      assertEquals(0.0, player.position(), 0.05, "item 2 at its start");
      assertEquals(1, fake.calls("Quit").size(), "item 1's was asked to quit");
      assertTrue(exits.isEmpty(), "a restart is no failure: " + exits);
    }
  }

  private static String lastArg(List<String> argv) {
    return argv.get(argv.size() - 1);
  }

  @Test
  void aRankKilledBySigkillLeavesNoOmxplayerAndNoBusBehind() throws Exception {
    Path dir = FakeOmxplayer.workDir("rank-killed");
    FakeOmxplayer fake = FakeOmxplayer.install(dir);
    double took =
        RankKills.killAndAwaitNoneLeft(
            dir,
            "omxplayer",
            dir.toString(),
            TestMedia.barCoded(320, 180, 4).toString(),
            fake.executable.toString(),
            fake.record.toString());
    assertTrue(took < 5, "gone in " + took + " s");
  }

  private static OmxplayerPlayer player(
      String name,
      Path dir,
      FakeOmxplayer fake,
      double seconds,
      Rect window,
      SpanCrop crop,
      int output)
      throws Exception {
    Map<String, String> env = new HashMap<>(fake.environment(seconds));
    PlayerSpec spec =
        new PlayerSpec(
            name,
            TestMedia.barCoded(320, 180, 4),
            window,
            output,
            crop,
            Audio.NONE,
            List.of(),
            dir,
            env);
    return new OmxplayerPlayer(
        spec, OmxplayerOptions.DEFAULTS.withExecutable(fake.executable.toString()));
  }

  private static JsonNode last(List<JsonNode> calls) {
    return calls.isEmpty() ? null : calls.get(calls.size() - 1);
  }

  private static List<String> strings(JsonNode array) {
    List<String> out = new ArrayList<>();
    array.forEach(node -> out.add(node.asText()));
    return out;
  }

  private static boolean containsInOrder(List<String> argv, String option, String value) {
    int i = argv.indexOf(option);
    return i >= 0 && i + 1 < argv.size() && argv.get(i + 1).equals(value);
  }
}
