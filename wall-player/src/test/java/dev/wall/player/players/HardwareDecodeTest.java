package dev.wall.player.players;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import org.junit.jupiter.api.Test;

/** What a Pi's video block decodes, by codec, profile, level, size and frame rate. */
class HardwareDecodeTest {
  private static final Board PI4 = new Board("Raspberry Pi 4 Model B Rev 1.4", 12);
  private static final Board PI5 = new Board("Raspberry Pi 5 Model B Rev 1.0", 12);
  private static final Board PC = new Board("", 12);

  private static MediaInfo clip(String codec, int w, int h, double fps, String profile, int level) {
    return new MediaInfo(w, h, fps, 10, codec, profile, level);
  }

  @Test
  void aPi4DecodesH264UpTo1080pAtLevel42AndHevcUpTo4k() {
    assertNull(HardwareDecode.whyNot(PI4, clip("h264", 1920, 1080, 60, "High", 42)));
    assertNull(HardwareDecode.whyNot(PI4, clip("hevc", 3840, 2160, 60, "Main 10", 153)));
    assertEquals(
        "H.264 at 3840x2160: a Pi 4's H.264 block stops at 1920x1080",
        HardwareDecode.whyNot(PI4, clip("h264", 3840, 2160, 30, "High", 51)));
    assertEquals(
        "H.264 profile High 10: a Pi 4's H.264 block takes 8-bit 4:2:0 only",
        HardwareDecode.whyNot(PI4, clip("h264", 1280, 720, 30, "High 10", 31)));
    assertEquals(
        "H.264 level 5.1: a Pi 4's H.264 block stops at level 4.2 (1080p60)",
        HardwareDecode.whyNot(PI4, clip("h264", 1920, 1080, 30, "High", 51)));
  }

  @Test
  void aPi5DecodesOnlyHevcInHardwareUpTo4kp60() {
    assertEquals(
        "H.264: a Pi 5 decodes only HEVC in hardware",
        HardwareDecode.whyNot(PI5, clip("h264", 640, 360, 30, "High", 30)));
    assertEquals(
        "HEVC at 5760x3240: a Pi's HEVC block stops at 4096x2160",
        HardwareDecode.whyNot(PI5, clip("hevc", 5760, 3240, 30, "Main", 156)));
    assertEquals(
        "HEVC at 120 fps: a Pi's HEVC block stops at 60 frames a second",
        HardwareDecode.whyNot(PI5, clip("hevc", 1920, 1080, 120, "Main", 120)));
    assertNull(HardwareDecode.whyNot(PI5, clip("hevc", 1920, 1080, 30, null, 0)));
  }

  @Test
  void aPcIsNotJudged() {
    assertNull(HardwareDecode.whyNot(PC, clip("h264", 7680, 4320, 120, "High 10", 62)));
  }
}
