package dev.wall.core.layout;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.wall.core.testing.RepoFiles;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class LayoutReaderTest {
  private static final String MINIMAL =
      "{\"version\": 1, \"mediaRoot\": \"/m\", \"screens\": [{\"name\": \"a\", \"host\": \"rpi1\","
          + " \"media\": \"a.mp4\"}]}";

  private final LayoutReader reader = new LayoutReader();

  @Test
  void theWarmUpLayoutIsValidSoItsBindingRuns() {
    Layout layout = LayoutReader.warmUp();
    assertEquals("warm-up", layout.name());
    assertEquals(new Network("10.0.0.0/24", "eth0", null, null), layout.network());
  }

  @Test
  void fillsInEveryDefault() throws InvalidLayoutException {
    Layout layout = reader.read("min.json", MINIMAL);
    assertEquals(1, layout.version());
    assertEquals(Layout.DEFAULT_LOOPS, layout.loops());
    assertEquals(PlayerKind.AUTO, layout.player());
    assertEquals(LoopMode.LOCKSTEP, layout.loopMode());
    assertEquals(SyncSettings.DEFAULTS, layout.sync());
    assertNull(layout.network());
    Screen screen = layout.screen(0);
    assertEquals(0, screen.output());
    assertEquals(Audio.NONE, screen.audio());
    assertEquals(List.of(), screen.playerArgs());
    assertNull(screen.window());
    assertEquals(List.of(Path.of("/m/a.mp4")), layout.clips(screen));
  }

  @Test
  void readsEveryFieldOfTheSpanExample() throws InvalidLayoutException {
    Layout layout = reader.read(RepoFiles.root().resolve("layouts/span-2x2-bezels.json"));
    assertEquals("atrium", layout.name());
    assertEquals(new Size(3880, 2200), layout.wall());
    assertEquals(new Rect(1960, 1120, 1920, 1080), layout.screen(3).region());
    assertEquals(Audio.HDMI, layout.screen(3).audio());
    assertEquals("192.168.1.0/24", layout.network().subnet());
    assertEquals("eth0", layout.network().iface());
    assertEquals(10, layout.sync().toleranceMs());
    assertTrue(layout.screen(0).showsSpan());
    assertEquals(
        List.of(Path.of("/srv/wall/media/atrium/panorama-3880x2200.mp4")),
        layout.clips(layout.screen(0)));
  }

  @Test
  void readsPlaylistsLatencyAndTheClock() throws InvalidLayoutException {
    String json =
        "{\"version\": 1, \"mediaRoot\": \"/m\", \"unevenItems\": \"hold\","
            + " \"sync\": {\"reference\": \"b\"}, \"wall\": {\"width\": 20, \"height\": 10},"
            + " \"span\": {\"media\": [\"p1.mp4\", \"p2.mp4\"]}, \"screens\": ["
            + "{\"name\": \"a\", \"host\": \"rpi1\", \"media\": [\"a1.mp4\", \"x/../a2.mp4\"], \"latencyMs\": -40},"
            + "{\"name\": \"b\", \"host\": \"rpi2\", \"region\": {\"x\": 10, \"y\": 0, \"width\": 10, \"height\": 10},"
            + " \"audio\": \"hdmi\"}]}";
    Layout layout = reader.read("show.json", json);
    assertEquals(UnevenItems.HOLD, layout.unevenItems());
    assertEquals(List.of("a1.mp4", "x/../a2.mp4"), layout.screen(0).media());
    assertEquals(
        List.of(Path.of("/m/a1.mp4"), Path.of("/m/a2.mp4")), layout.clips(layout.screen(0)));
    assertEquals(
        List.of(Path.of("/m/p1.mp4"), Path.of("/m/p2.mp4")), layout.clips(layout.screen(1)));
    assertEquals(-40, layout.screen(0).latencyMs());
    assertEquals(0, layout.screen(1).latencyMs());
    assertEquals(2, layout.items());
    assertTrue(layout.hasPlaylist());
    assertEquals(1, layout.clockScreen().getAsInt());
  }

  @Test
  void readsEachNodesBoardAndWhereAPublishedWallPlaysFrom() throws InvalidLayoutException {
    Layout plain = reader.read("plain.json", MINIMAL);
    assertEquals(null, plain.screen(0).board(), "the node is asked");
    assertEquals(PlayFrom.CACHE, plain.playFrom(), "the caches, where a publish holds");
    String json =
        MINIMAL
            .replace("\"version\": 1", "\"version\": 1, \"playFrom\": \"share\"")
            .replace("\"host\": \"rpi1\"", "\"host\": \"rpi1\", \"board\": \"pi5\"");
    Layout layout = reader.read("share.json", json);
    assertEquals(PlayFrom.SHARE, layout.playFrom());
    assertEquals(BoardKind.PI5, layout.screen(0).board());
  }

  @Test
  void aSingleClipIsAOneItemPlaylistAndTheOneSoundScreenIsTheClock() throws InvalidLayoutException {
    Layout layout = reader.read(RepoFiles.root().resolve("layouts/lobby-3-clips.json"));
    assertEquals(List.of("lobby/left.mp4"), layout.screen(0).media());
    assertEquals(1, layout.items());
    assertEquals(UnevenItems.REFUSE, layout.unevenItems());
    assertEquals(1, layout.clockScreen().getAsInt(), "centre plays hdmi audio");
    assertTrue(
        reader.read("min.json", MINIMAL).clockScreen().isEmpty(), "a silent wall keeps its median");
  }

  @Test
  void readsTheFieldsTheOtherPartsOfWallUse() throws InvalidLayoutException {
    String json =
        MINIMAL.replace(
            "\"mediaRoot\"",
            "\"loopMode\": \"independent\", \"sync\": {\"seekThresholdMs\": 800, \"maxRateTrim\": 0.1},"
                + " \"network\": {\"gateway\": \"192.168.1.1\", \"dns\": [\"192.168.1.1\", \"9.9.9.9\"]},"
                + " \"mediaRoot\"");
    Layout layout = reader.read("x.json", json);
    assertEquals(LoopMode.INDEPENDENT, layout.loopMode());
    assertEquals(new SyncSettings(10, 800, 0.1), layout.sync());
    assertEquals("192.168.1.1", layout.network().gateway());
    assertEquals(List.of("192.168.1.1", "9.9.9.9"), layout.network().dns());
  }

  @Test
  void acceptsAByteOrderMarkAndWindowsLineEnds(@TempDir Path dir) throws Exception {
    Path file = dir.resolve("notepad.json");
    byte[] body = MINIMAL.replace(", ", ",\r\n").getBytes(StandardCharsets.UTF_8);
    byte[] withBom = new byte[body.length + 3];
    withBom[0] = (byte) 0xEF;
    withBom[1] = (byte) 0xBB;
    withBom[2] = (byte) 0xBF;
    System.arraycopy(body, 0, withBom, 3, body.length);
    Files.write(file, withBom);
    assertEquals("a", reader.read(file).screen(0).name());
    LayoutText text = LayoutFile.read(file);
    assertTrue(text.byteOrderMark());
    assertEquals(List.of((byte) 0xEF, (byte) 0xBB), List.of(text.bytes()[0], text.bytes()[1]));
  }

  @Test
  void acceptsAFileOfExactly1MiB(@TempDir Path dir) throws Exception {
    Path file = dir.resolve("big.json");
    String padded = MINIMAL + " ".repeat((int) LayoutFile.MAX_BYTES - MINIMAL.length());
    Files.writeString(file, padded);
    assertEquals(LayoutFile.MAX_BYTES, Files.size(file));
    assertEquals("a", reader.read(file).screen(0).name());
    Files.writeString(file, padded + " ");
    InvalidLayoutException e = assertThrows(InvalidLayoutException.class, () -> reader.read(file));
    assertEquals(
        file
            + ": is 1025 KiB, more than the 1024 KiB (1 MiB) a layout may be; check that"
            + " this is the layout file; a layout is a few KiB of JSON",
        e.problems().get(0).line());
  }

  @Test
  void checkMediaFindsMissingClipsAndSuggestsCloseNames(@TempDir Path media) throws Exception {
    Files.createDirectories(media.resolve("lobby"));
    Files.writeString(media.resolve("lobby/Left.MP4"), "not really a video");
    Files.writeString(media.resolve("right.mp4"), "not really a video");
    String json =
        "{\"version\": 1, \"mediaRoot\": \""
            + media
            + "\", \"screens\": ["
            + "{\"name\": \"a\", \"host\": \"rpi1\", \"media\": \"lobby/left.mp4\"},"
            + "{\"name\": \"b\", \"host\": \"rpi2\", \"media\": \"right.mp4\"},"
            + "{\"name\": \"c\", \"host\": \"rpi3\", \"media\": \"nowhere/c.mp4\"}]}";
    Layout layout = reader.read("m.json", json);
    assertEquals(
        List.of(
            "m.json: screens[0].media: "
                + media
                + "/lobby/left.mp4 does not exist; did you mean"
                + " \"Left.MP4\"?",
            "m.json: screens[2].media: "
                + media
                + "/nowhere/c.mp4 does not exist; copy the clip"
                + " there, or fix the name"),
        reader.checkMedia("m.json", layout).stream().map(Problem::line).toList());
  }

  @Test
  void checkMediaSaysWhenTheShareIsNotMounted(@TempDir Path media) throws Exception {
    Files.writeString(media.resolve("NFS_NOT_MOUNTED"), "");
    Layout layout = reader.read("m.json", MINIMAL.replace("/m", media.toString()));
    assertEquals(
        List.of(
            "m.json: mediaRoot: the media share is not mounted at "
                + media
                + " (it holds"
                + " NFS_NOT_MOUNTED); mount it: sudo mount "
                + media),
        reader.checkMedia("m.json", layout).stream().map(Problem::line).toList());
    assertEquals(
        List.of(
            "m.json: mediaRoot: "
                + media.resolve("gone")
                + " is not a folder on this machine;"
                + " mount the media share there, or fix mediaRoot"),
        reader.checkMedia("m.json", layout, media.resolve("gone")).stream()
            .map(Problem::line)
            .toList());
  }

  @Test
  void checkMediaLooksAtTheSpanOnlyWhenAScreenShowsIt(@TempDir Path media) throws Exception {
    Files.writeString(media.resolve("a.mp4"), "");
    String json =
        MINIMAL
            .replace("/m", media.toString())
            .replace(
                "\"screens\"",
                "\"wall\": {\"width\": 10, \"height\": 10},"
                    + " \"span\": {\"media\": \"gone.mp4\"}, \"screens\"");
    Layout layout = reader.read("m.json", json);
    assertEquals(List.of(), reader.checkMedia("m.json", layout));
  }
}
