package dev.wall.player.cli.layout;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.wall.core.layout.Layout;
import dev.wall.core.layout.LayoutReader;
import dev.wall.core.testing.Tools;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class Pi5DecodingTest {
  @TempDir Path dir;

  @Test
  void onlyAPi5PlayingH264Above720pIsWarned() {
    assertTrue(Pi5Decoding.warning("Raspberry Pi 5 Model B Rev 1.0", "h264", 1920, 1080).isPresent());
    assertEquals(Optional.empty(), Pi5Decoding.warning("Raspberry Pi 5 Model B Rev 1.0", "h264", 1280, 720));
    assertEquals(Optional.empty(), Pi5Decoding.warning("Raspberry Pi 5 Model B Rev 1.0", "hevc", 3840, 2160));
    assertEquals(Optional.empty(), Pi5Decoding.warning("Raspberry Pi 4 Model B Rev 1.5", "h264", 1920, 1080));
  }

  @Test
  void theModelIsReadFromTheDeviceTreeWithoutItsNul() throws Exception {
    Path model = Files.write(dir.resolve("model"), "Raspberry Pi 5 Model B Rev 1.0\0".getBytes());
    assertEquals(Optional.of("Raspberry Pi 5 Model B Rev 1.0"), Pi5Decoding.model(model));
    assertEquals(Optional.empty(), Pi5Decoding.model(dir.resolve("absent")));
  }

  @Test
  void thisNodesRealClipsAreProbedForCodecAndSize() throws Exception {
    Tools.require(Tools.available("ffmpeg", "ffprobe"), "needs ffmpeg");
    clip("big.mp4", "1920x1080", "libx264");
    clip("small.mp4", "1280x720", "libx264");
    Path layoutFile = Files.writeString(dir.resolve("wall.json"), "{\"version\": 1, \"mediaRoot\": \"" + dir + "\", \"screens\": ["
        + "{\"name\": \"a\", \"host\": \"localhost\", \"media\": \"big.mp4\"},"
        + "{\"name\": \"b\", \"host\": \"localhost\", \"output\": 1, \"media\": \"small.mp4\"},"
        + "{\"name\": \"c\", \"host\": \"rpi9\", \"media\": \"big.mp4\"}]}");
    Layout layout = new LayoutReader().read(layoutFile);
    List<String> lines = Pi5Decoding.warnings("wall.json", layout, dir.resolve("scratch"), "Raspberry Pi 5 Model B Rev 1.0");
    assertEquals(List.of("wall.json: screens[0].media: warning: big.mp4 is H.264 1920x1080, which a Pi 5 decodes in"
        + " software (its only hardware decoder is HEVC) and drops frames above 720p; re-encode it as HEVC"
        + " (ffmpeg -i IN -c:v libx265 OUT), or at 720p"), lines, "rpi9's screen is rpi9's to check");
  }

  private void clip(String name, String size, String codec) throws Exception {
    Process ffmpeg = new ProcessBuilder("ffmpeg", "-v", "error", "-f", "lavfi", "-i", "color=c=gray:s=" + size + ":d=0.1",
        "-c:v", codec, "-pix_fmt", "yuv420p", dir.resolve(name).toString()).redirectErrorStream(true)
        .redirectOutput(dir.resolve(name + ".log").toFile()).start();
    assertTrue(ffmpeg.waitFor(60, TimeUnit.SECONDS) && ffmpeg.exitValue() == 0, Files.readString(dir.resolve(name + ".log")));
  }
}
