package dev.wall.player.media;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.wall.core.layout.Rect;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;

class EncodeTest {
  private static TileJob job(VideoCodec codec, boolean audio, double rate) {
    return new TileJob(
        "s1",
        1,
        "rpi1",
        0,
        "pan.mp4",
        Path.of("/m/pan.mp4"),
        new Rect(980, 0, 960, 540),
        1920,
        1080,
        codec,
        rate,
        360,
        audio,
        "shape");
  }

  private static String after(List<String> argv, String option) {
    return argv.get(argv.indexOf(option) + 1);
  }

  @Test
  void anH264TileIsCroppedScaledPaddedAndCutToItsFramesWithFixedKeyFramesAndNoSound() {
    List<String> argv = Encode.argv(job(VideoCodec.H264, false, 30), Path.of("/o/x.mp4"));
    assertEquals("ffmpeg", argv.get(0));
    assertEquals(
        "crop=w=960:h=540:x=980:y=0:exact=1,scale=w=1920:h=1080:flags=lanczos,setsar=1,"
            + "fps=fps=30,tpad=stop=-1:stop_mode=clone,format=yuv420p",
        after(argv, "-vf"));
    assertEquals("libx264", after(argv, "-c:v"));
    assertEquals("30", after(argv, "-g"));
    assertEquals("30", after(argv, "-keyint_min"));
    assertEquals("0", after(argv, "-sc_threshold"));
    assertEquals("360", after(argv, "-frames:v"));
    assertEquals("1", after(argv, "-threads"));
    assertTrue(argv.contains("-an"));
    assertFalse(argv.contains("0:a:0?"));
    assertEquals("/o/x.mp4", argv.get(argv.size() - 1));
  }

  @Test
  void anHevcTileWithSoundKeepsTheFirstAudioTrackAndIsTaggedForPlayers() {
    List<String> argv =
        Encode.argv(job(VideoCodec.HEVC, true, 30000.0 / 1001), Path.of("/o/x.mp4"));
    assertEquals("libx265", after(argv, "-c:v"));
    assertEquals("hvc1", after(argv, "-tag:v"));
    assertTrue(after(argv, "-x265-params").startsWith("keyint=30:min-keyint=30:scenecut=0"));
    assertEquals("30000/1001", after(argv, "-r"));
    assertTrue(argv.contains("0:a:0?"));
    assertFalse(argv.contains("-an"));
  }
}
