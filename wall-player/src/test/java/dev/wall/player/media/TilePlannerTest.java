package dev.wall.player.media;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.wall.core.layout.Audio;
import dev.wall.core.layout.Layout;
import dev.wall.core.layout.PlayerKind;
import dev.wall.core.layout.Rect;
import dev.wall.core.layout.Screen;
import dev.wall.core.layout.Size;
import dev.wall.core.layout.Span;
import dev.wall.player.players.Board;
import dev.wall.player.players.MediaInfo;
import dev.wall.player.players.PlayerException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class TilePlannerTest {
  private static final Board PI4 = new Board("Raspberry Pi 4 Model B Rev 1.4", 12);
  private static final Board PI5 = new Board("Raspberry Pi 5 Model B Rev 1.0", 12);

  /** A 3x3 span of 1080p screens with 40-unit bezels, in a 5840x3320 canvas. */
  private static Layout spanWall() {
    return spanWall("/srv/wall/media");
  }

  private static Layout spanWall(String mediaRoot) {
    List<Screen> screens = new ArrayList<>();
    for (int i = 0; i < 9; i++) {
      Rect region = new Rect((i % 3) * 1960, (i / 3) * 1120, 1920, 1080);
      screens.add(
          new Screen(
              "s" + i,
              "rpi" + i,
              null,
              0,
              null,
              region,
              (String) null,
              i == 4 ? Audio.HDMI : Audio.NONE,
              List.of()));
    }
    return Layout.of(
        1,
        "w",
        1,
        PlayerKind.MPV,
        "/srv/wall/media",
        null,
        null,
        null,
        new Size(5840, 3320),
        new Span("panorama.mp4"),
        screens);
  }

  private static TilePlanner.Prober fixed(MediaInfo info) {
    return source -> info;
  }

  @Test
  void eachSpanScreenIsItsRegionWithoutTheBezelsScaledToTheScreen() throws Exception {
    // The span video at half the canvas's units: 2920x1660.
    List<TileJob> jobs =
        new TilePlanner(
                spanWall(),
                Map.of(),
                new Size(1920, 1080),
                fixed(new MediaInfo(2920, 1660, 25, 12, "h264")))
            .plan("w.json");
    assertEquals(9, jobs.size());
    assertEquals(new Rect(0, 0, 960, 540), jobs.get(0).crop());
    assertEquals(new Rect(980, 0, 960, 540), jobs.get(1).crop(), "the 40-unit bezel is 20 pixels");
    assertEquals(new Rect(1960, 1120, 960, 540), jobs.get(8).crop());
    for (TileJob job : jobs) {
      assertEquals(1920, job.width());
      assertEquals(1080, job.height());
      assertEquals(VideoCodec.H264, job.codec(), "a node not named is a PC");
      assertEquals(300, job.frames());
      assertEquals(25, job.frameRate());
      assertEquals(job.rank() == 4, job.audio(), "sound only on the screen with sound");
    }
  }

  @Test
  void aPi5GetsHevcAndAPi4H264UpTo1080pAndHevcAbove() throws Exception {
    Map<String, Board> boards = Map.of("rpi0", PI5, "rpi1", PI4, "rpi2", PI4);
    Layout layout = spanWall();
    List<TileJob> hd =
        new TilePlanner(
                layout, boards, new Size(1920, 1080), fixed(new MediaInfo(5840, 3320, 30, 4)))
            .plan("w.json");
    assertEquals(VideoCodec.HEVC, hd.get(0).codec());
    assertEquals(VideoCodec.H264, hd.get(1).codec());
    List<TileJob> uhd =
        new TilePlanner(
                layout, boards, new Size(3840, 2160), fixed(new MediaInfo(5840, 3320, 30, 4)))
            .plan("w.json");
    assertEquals(VideoCodec.HEVC, uhd.get(1).codec(), "a Pi 4's H.264 block stops at 1080p");
    assertEquals(3840, uhd.get(1).width());
  }

  @Test
  void everyScreenOfAnItemGetsTheSameRateAndFrameCountAndOwnClipsAreScaledOnlyWhenLarger()
      throws Exception {
    List<Screen> screens =
        List.of(
            new Screen(
                "small",
                "a",
                null,
                0,
                new Rect(0, 0, 1280, 720),
                null,
                "small.mp4",
                Audio.NONE,
                List.of()),
            new Screen(
                "big",
                "b",
                null,
                0,
                new Rect(0, 0, 1280, 720),
                null,
                "big.mp4",
                Audio.NONE,
                List.of()));
    Layout layout =
        Layout.of(1, "w", 1, PlayerKind.MPV, "/m", null, null, null, null, null, screens);
    List<TileJob> jobs =
        new TilePlanner(
                layout,
                Map.of(),
                new Size(1920, 1080),
                source ->
                    source.getFileName().toString().equals("small.mp4")
                        ? new MediaInfo(640, 360, 25, 10.0)
                        : new MediaInfo(3840, 2160, 30, 9.5))
            .plan("w.json");
    assertEquals(List.of(640, 360), List.of(jobs.get(0).width(), jobs.get(0).height()));
    assertEquals(List.of(1280, 720), List.of(jobs.get(1).width(), jobs.get(1).height()));
    assertEquals(30, jobs.get(0).frameRate());
    assertEquals(300, jobs.get(0).frames(), "the longest source at the highest rate");
    assertEquals(300, jobs.get(1).frames());
    assertFalse(jobs.get(0).settings().equals(jobs.get(1).settings()));
  }

  @Test
  void aSourceFfprobeCannotReadIsRefusedNamingItsPlaceInTheLayout(@TempDir Path root)
      throws Exception {
    Files.writeString(root.resolve("panorama.mp4"), "not a video");
    TilePlanner.Refused refused =
        assertThrows(
            TilePlanner.Refused.class,
            () ->
                new TilePlanner(
                        spanWall(root.toString()),
                        Map.of(),
                        new Size(1920, 1080),
                        source -> {
                          throw new PlayerException("ffprobe could not read " + source);
                        })
                    .plan("w.json"));
    assertTrue(
        refused.getMessage().startsWith("w.json: span.media: ffprobe could not read "),
        refused.getMessage());
    assertFalse(refused.getMessage().contains("\n"));
  }

  @Test
  void theShapeChangesWithTheRegionTheWindowAndTheSource() {
    Layout layout = spanWall();
    String before = TilePlanner.shape(layout, 1, 0);
    Layout moved = layout.withScreenMedia(Map.of("s1", List.of("other.mp4")));
    assertFalse(before.equals(TilePlanner.shape(moved, 1, 0)));
    assertEquals(TilePlanner.shape(layout, 2, 0), TilePlanner.shape(moved, 2, 0));
    assertTrue(before.contains("region=1920x1080+1960+0"), before);
  }
}
