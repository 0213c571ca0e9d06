package dev.wall.player.nodes;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.wall.core.layout.Audio;
import dev.wall.core.layout.BoardKind;
import dev.wall.core.layout.Layout;
import dev.wall.core.layout.PlayerKind;
import dev.wall.core.layout.Screen;
import dev.wall.player.wire.Probe;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The doctor's CODEC column, from what a node says of itself and of its clips (the node's answer
 * made here, in-process, as for this machine).
 */
class DoctorCodecTest {
  private static final Path CLIP = Path.of("/srv/wall/media/lobby/left.mp4");

  private static Doctor.Cell codecCell(String model, Probe.Media media) {
    return codecCell(model, null, media);
  }

  /** The cell for a node whose model is {@code model} and whose layout says {@code board}. */
  private static Doctor.Cell codecCell(String model, BoardKind board, Probe.Media media) {
    Layout layout =
        Layout.of(
            1,
            "lobby",
            1,
            PlayerKind.MPV,
            "/srv/wall/media",
            null,
            null,
            null,
            null,
            null,
            List.of(
                new Screen(
                    "left",
                    "localhost",
                    null,
                    0,
                    null,
                    null,
                    List.of("lobby/left.mp4"),
                    Audio.NONE,
                    List.of(),
                    0,
                    board)));
    Probe.Answer answer =
        new Probe.Answer(
            Map.of(),
            "-",
            "ok",
            List.of(),
            "mpv",
            null,
            "ok x11 :0",
            Map.of("model", model, "release", "12"),
            0,
            List.of(),
            List.of(),
            List.of(),
            Map.of(),
            Map.of(CLIP, media),
            "x11 no-gpu");
    RemoteNodes nodes = new RemoteNodes(host -> true, request -> answer, null, "", List.of());
    List<Doctor.Row> rows = new Doctor(layout, nodes, Map.of(), Map.of(), "lobby.json").examine();
    return rows.get(0).cells().get("codec");
  }

  @Test
  void aClipAPi5CannotDecodeInHardwareIsFlaggedWithThePrepareCommand() {
    Doctor.Cell cell =
        codecCell(
            "Raspberry Pi 5 Model B Rev 1.0", new Probe.Media("h264", 1920, 1080, 30, "High", 40));
    assertFalse(cell.ok());
    assertEquals("software", cell.text());
    assertEquals(
        "left.mp4 is H.264: a Pi 5 decodes only HEVC in hardware; make each screen a clip this"
            + " Raspberry Pi 5 Model B Rev 1.0 decodes in hardware: wall media prepare lobby.json",
        cell.fix());
  }

  @Test
  void aPi4TakesHevcAt4kAndH264At1080p() {
    assertTrue(
        codecCell(
                "Raspberry Pi 4 Model B Rev 1.4",
                new Probe.Media("hevc", 3840, 2160, 30, "Main", 150))
            .ok());
    Doctor.Cell h264 =
        codecCell(
            "Raspberry Pi 4 Model B Rev 1.4", new Probe.Media("h264", 3840, 2160, 30, "High", 51));
    assertFalse(h264.ok());
    assertTrue(h264.fix().startsWith("left.mp4 is H.264 at 3840x2160: "), h264.fix());
  }

  @Test
  void aPcIsNotJudged() {
    Doctor.Cell cell = codecCell("", new Probe.Media("h264", 7680, 4320, 30, "High", 62));
    assertTrue(cell.ok());
    assertEquals("n/a", cell.text());
  }

  @Test
  void aNodeThatDoesNotSayItsModelIsJudgedAsTheLayoutSays() {
    Doctor.Cell cell =
        codecCell("", BoardKind.PI5, new Probe.Media("h264", 1920, 1080, 30, "High", 40));
    assertFalse(cell.ok());
    assertEquals(
        "left.mp4 is H.264: a Pi 5 decodes only HEVC in hardware; make each screen a clip this"
            + " Raspberry Pi 5 Model B decodes in hardware: wall media prepare lobby.json",
        cell.fix());
    assertEquals(
        "n/a",
        codecCell("", BoardKind.PC, new Probe.Media("h264", 1920, 1080, 30, "High", 40)).text());
  }

  @Test
  void aLayoutThatSaysAnotherPiThanTheNodeIsNamed() {
    Doctor.Cell cell =
        codecCell(
            "Raspberry Pi 4 Model B Rev 1.4",
            BoardKind.PI5,
            new Probe.Media("hevc", 1920, 1080, 30, "Main", 120));
    assertFalse(cell.ok());
    assertEquals("board", cell.text());
    assertEquals(
        "the layout says localhost is a pi5, and it is a Raspberry Pi 4 Model B Rev 1.4; correct"
            + " \"board\" on its screens (or leave it out), then run wall media prepare lobby.json",
        cell.fix());
  }
}
