package dev.wall.player.cli.layout;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.wall.core.layout.Layout;
import dev.wall.core.layout.LayoutReader;
import dev.wall.player.display.DisplayStack;
import dev.wall.player.players.Board;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class NodeDecodingTest {
  private static final DisplayStack CONSOLE =
      DisplayStack.detect(Map.of(), p -> p.toString().endsWith("renderD128"), 1000, "/home/pi");
  @TempDir Path dir;

  @Test
  void aPiSaysHowItDecodesEachOfItsScreensRealClipsAndWarnsOfWhatItCannotHold() throws Exception {
    assumeTrue(
        Files.isExecutable(Path.of("/usr/bin/ffmpeg"))
            && Files.isExecutable(Path.of("/usr/bin/ffprobe")),
        "needs ffmpeg");
    clip("big.mp4", "3840x2160", "libx264");
    clip("hd.mp4", "1920x1080", "libx264");
    Path layoutFile =
        Files.writeString(
            dir.resolve("wall.json"),
            "{\"version\": 1, \"player\": \"mpv\","
                + " \"mediaRoot\": \""
                + dir
                + "\", \"screens\": ["
                + "{\"name\": \"a\", \"host\": \"localhost\", \"media\": \"big.mp4\"},"
                + "{\"name\": \"b\", \"host\": \"localhost\", \"output\": 1, \"media\": \"hd.mp4\"},"
                + "{\"name\": \"c\", \"host\": \"rpi9\", \"media\": \"big.mp4\"}]}");
    Layout layout = new LayoutReader().read(layoutFile);
    Board pi5 = new Board("Raspberry Pi 5 Model B Rev 1.0", 12);
    List<String> lines =
        NodeDecoding.lines("wall.json", layout, dir.resolve("scratch"), pi5, CONSOLE);
    assertEquals(
        List.of(
            "wall.json: screens[0].media: warning: big.mp4 is H.264 3840x2160 at 25.0 fps: a Pi 5 has no"
                + " H.264 decoder, and its CPU holds H.264 up to 1080p at 60 frames a second; re-encode it as HEVC, which"
                + " both Pi 4 and Pi 5 decode in hardware up to 4K (ffmpeg -i IN -c:v libx265 -tag:v hvc1 OUT.mp4); until"
                + " then it plays in software (mpv --hwdec=drm --hwdec-codecs=hevc)",
            "wall.json: screens[1].media: note: hd.mp4 is H.264 1920x1080 at 25.0 fps; this Raspberry Pi 5 Model B Rev"
                + " 1.0 (bookworm, drm) decodes it in software (mpv --hwdec=drm --hwdec-codecs=hevc)"),
        lines,
        "rpi9's screen is rpi9's to check");
    Board pi4 = new Board("Raspberry Pi 4 Model B Rev 1.5", 12);
    assertTrue(
        NodeDecoding.lines("wall.json", layout, dir.resolve("scratch"), pi4, CONSOLE)
            .get(1)
            .endsWith("decodes it in hardware, v4l2m2m-copy (mpv --hwdec=v4l2m2m-copy)"));
    assertEquals(
        List.of(),
        NodeDecoding.lines("wall.json", layout, dir.resolve("scratch"), new Board("", 12), CONSOLE),
        "a PC says nothing");
  }

  private void clip(String name, String size, String codec) throws Exception {
    Process ffmpeg =
        new ProcessBuilder(
                "ffmpeg",
                "-v",
                "error",
                "-f",
                "lavfi",
                "-i",
                "color=c=gray:s=" + size + ":d=0.1",
                "-c:v",
                codec,
                "-pix_fmt",
                "yuv420p",
                dir.resolve(name).toString())
            .redirectErrorStream(true)
            .redirectOutput(dir.resolve(name + ".log").toFile())
            .start();
    assertTrue(
        ffmpeg.waitFor(60, TimeUnit.SECONDS) && ffmpeg.exitValue() == 0,
        Files.readString(dir.resolve(name + ".log")));
  }
}
