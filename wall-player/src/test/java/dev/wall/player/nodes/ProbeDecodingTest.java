package dev.wall.player.nodes;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.wall.player.wire.Probe;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** What the controller asks a node about its decoding, and how a slow node is given time. */
class ProbeDecodingTest {
  @Test
  void theDecodingQuestionAndItsAnswerTravelAndOlderNodesIgnoreIt() {
    Probe.Request request =
        new Probe.Request(
                "rpi2",
                null,
                false,
                true,
                Path.of("/srv/wall"),
                List.of(Path.of("/srv/wall/a b.mp4")),
                true,
                null,
                Map.of("DISPLAY", ":0"),
                true)
            .withDecoding();
    assertTrue(Probe.Request.parse(request.lines()).decoding());
    Probe.Answer answer =
        new Probe.Answer(
            Map.of(),
            "-",
            "ok",
            List.of(),
            "mpv",
            null,
            "ok x11 :0",
            Map.of(
                "model", "Raspberry Pi 5 Model B Rev 1.0", "release", "12", "machine", "aarch64"),
            0,
            List.of(),
            List.of(),
            List.of(),
            Map.of(),
            Map.of(Path.of("/srv/wall/a b.mp4"), new Probe.Media("hevc", 3840, 2160, 30)),
            "drm gpu");
    List<String> lines = new java.util.ArrayList<>(List.of("wall-java: starting", "started 7300"));
    lines.addAll(answer.lines());
    Probe.Answer read = Probe.Answer.parse(lines);
    assertEquals(
        new Probe.Media("hevc", 3840, 2160, 30), read.media().get(Path.of("/srv/wall/a b.mp4")));
    assertEquals("drm gpu", read.stack());
    assertEquals("Raspberry Pi 5 Model B Rev 1.0", read.facts().get("model"));
  }

  @Test
  void aClipsProfileAndLevelTravelOnALineOfTheirOwnThatAnOlderControllerSkips() {
    Path clip = Path.of("/srv/wall/a b.mp4");
    Probe.Media media = new Probe.Media("h264", 1920, 1080, 30, "Constrained Baseline", 42);
    Probe.Answer answer =
        new Probe.Answer(
            Map.of(),
            "-",
            "ok",
            List.of(),
            "mpv",
            null,
            "ok x11 :0",
            Map.of(),
            0,
            List.of(),
            List.of(),
            List.of(),
            Map.of(),
            Map.of(clip, media),
            null);
    List<String> lines = answer.lines();
    assertTrue(
        lines.contains("media-profile Constrained_Baseline 42 /srv/wall/a b.mp4"),
        lines.toString());
    assertEquals(media, Probe.Answer.parse(lines).media().get(clip));
    List<String> older = lines.stream().filter(l -> !l.startsWith("media-profile ")).toList();
    assertEquals(
        new Probe.Media("h264", 1920, 1080, 30), Probe.Answer.parse(older).media().get(clip));
  }

  @Test
  void aNodeIsGivenTimeInProportionToItsOwnJavasStartBeyondASecond() {
    assertEquals(1, NodeProbe.scale(300), "a PC or a Pi: the deadlines as they are");
    assertEquals(1, NodeProbe.scale(1000));
    assertEquals(7.3, NodeProbe.scale(7300), 1e-9, "an emulated node: seven times as long");
  }
}
