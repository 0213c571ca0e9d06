package dev.wall.player.players.mpv;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.wall.player.display.DisplayStack.Kind;
import dev.wall.player.players.Board;
import dev.wall.player.players.Decoding;
import dev.wall.player.players.MediaInfo;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class MpvDecodingTest {
  static final Board PI4_BOOKWORM = new Board("Raspberry Pi 4 Model B Rev 1.5", 12);
  static final Board PI4_TRIXIE = new Board("Raspberry Pi 4 Model B Rev 1.5", 13);
  static final Board PI5 = new Board("Raspberry Pi 5 Model B Rev 1.0", 12);
  static final Board PC = new Board("", 12);
  static final MediaInfo H264_1080 = new MediaInfo(1920, 1080, 30, 20, "h264");
  static final MediaInfo H264_1080_60 = new MediaInfo(1920, 1080, 60, 20, "h264");
  static final MediaInfo H264_4K = new MediaInfo(3840, 2160, 30, 20, "h264");
  static final MediaInfo HEVC_4K = new MediaInfo(3840, 2160, 60, 20, "hevc");

  private static Decoding mpv(Board board, Kind stack, boolean gpu, MediaInfo... clips) {
    return MpvDecoding.of(board, stack, gpu, List.of(clips));
  }

  @Test
  void aPi4OnBookwormDecodesH264UpTo1080pInItsH264BlockThroughV4l2m2mCopy() {
    Decoding d = mpv(PI4_BOOKWORM, Kind.DRM, true, H264_1080_60);
    assertEquals(List.of("--hwdec=v4l2m2m-copy"), d.mpvArgs());
    assertTrue(d.hardware() && d.ok(), d.toString());
  }

  @Test
  void aPi4OnTrixieDecodesH264InSoftwareBecauseV4l2m2mHangsThereButHoldsOnly1080pAt30() {
    Decoding d = mpv(PI4_TRIXIE, Kind.DRM, true, H264_1080);
    assertEquals(
        List.of("--hwdec=drm", "--hwdec-codecs=hevc"),
        d.mpvArgs(),
        "HEVC still in hardware, H.264 not");
    assertEquals("software", d.decoder());
    assertTrue(!d.hardware() && d.ok(), d.toString());
    Decoding fast = mpv(PI4_TRIXIE, Kind.DRM, true, H264_1080_60);
    assertTrue(
        fast.problem()
            .startsWith(
                "H.264 1920x1080 at 60.0 fps: a Pi 4 decodes H.264 in software and holds"
                    + " it up to 1080p at 30 frames a second; re-encode it as HEVC"),
        fast.problem());
  }

  @Test
  void h264Above1080pIsBeyondAPi4sBlockAndItsCpuAndAPi5sCpu() {
    Decoding pi4 = mpv(PI4_BOOKWORM, Kind.X11, false, H264_4K);
    assertEquals(
        List.of("--hwdec=drm-copy", "--hwdec-codecs=hevc"),
        pi4.mpvArgs(),
        "not v4l2m2m: it stops at 1080p");
    assertTrue(pi4.problem().contains("a Pi 4's H.264 decoder stops at 1080p"), pi4.problem());
    Decoding pi5 = mpv(PI5, Kind.X11, false, H264_4K);
    assertTrue(
        pi5.problem()
            .startsWith(
                "H.264 3840x2160 at 30.0 fps: a Pi 5 has no H.264 decoder, and its CPU holds"
                    + " H.264 up to 1080p at 60 frames a second; re-encode it as HEVC"),
        pi5.problem());
  }

  @Test
  void aPi5DecodesH264UpTo1080pInSoftwareAndHevcInHardware() {
    Decoding h264 = mpv(PI5, Kind.DRM, true, H264_1080_60);
    assertEquals(List.of("--hwdec=drm", "--hwdec-codecs=hevc"), h264.mpvArgs());
    assertEquals("software", h264.decoder());
    assertTrue(h264.ok() && !h264.hardware());
    Decoding hevc = mpv(PI5, Kind.DRM, true, HEVC_4K);
    assertEquals("drm", hevc.decoder());
    assertTrue(hevc.ok() && hevc.hardware());
  }

  @Test
  void hevcIsDecodedZeroCopyOnlyWhereMpvsGpuOutputTakesTheFramesElseCopiedBack() {
    assertEquals("drm", mpv(PI4_BOOKWORM, Kind.DRM, true, HEVC_4K).decoder());
    assertEquals(
        "drm-copy",
        mpv(PI4_BOOKWORM, Kind.DRM, false, HEVC_4K).decoder(),
        "mpv's plain DRM output");
    assertEquals("drm-copy", mpv(PI4_BOOKWORM, Kind.X11, true, HEVC_4K).decoder());
    assertEquals("drm-copy", mpv(PI5, Kind.WAYLAND, true, HEVC_4K).decoder());
  }

  @Test
  void aPlaylistWithHevcKeepsHevcInHardwareAndItsH264InSoftware() {
    Decoding mixed = mpv(PI4_BOOKWORM, Kind.X11, true, H264_1080, HEVC_4K);
    assertEquals(List.of("--hwdec=drm-copy", "--hwdec-codecs=hevc"), mixed.mpvArgs());
    assertEquals("drm-copy for HEVC, software for the rest", mixed.decoder());
  }

  @Test
  void
      unprobedClipsOnAPiGetHevcInHardwareAndAnythingElseInSoftwareNeverTheH264BlockThatCouldHang() {
    Decoding d = mpv(PI4_BOOKWORM, Kind.DRM, true);
    assertEquals(List.of("--hwdec=drm", "--hwdec-codecs=hevc"), d.mpvArgs());
    assertTrue(d.ok());
  }

  @Test
  void aPcOrAnUnknownBoardKeepsMpvsDefault() {
    assertEquals(List.of(), mpv(PC, Kind.X11, true, H264_4K).mpvArgs());
    assertEquals(
        List.of(),
        mpv(new Board("Raspberry Pi 3 Model B Plus Rev 1.3", 12), Kind.X11, true, H264_1080)
            .mpvArgs());
    assertNull(mpv(PC, Kind.X11, true, H264_4K).problem());
  }

  @Test
  void aPi4OfAnUnknownReleaseIsTreatedAsTheNewestNeverRiskingTheHang() {
    assertEquals(
        List.of("--hwdec=drm", "--hwdec-codecs=hevc"),
        mpv(new Board("Raspberry Pi 4 Model B Rev 1.5", 0), Kind.DRM, true, H264_1080).mpvArgs());
  }

  @Test
  void everyDecodingTheWallChoosesPassesMpvsAllowListForALayoutsPlayerArgs() {
    List<String> seen = new ArrayList<>();
    for (Board board : List.of(PI4_BOOKWORM, PI4_TRIXIE, PI5, PC)) {
      for (Kind stack : Kind.values()) {
        for (boolean gpu : List.of(true, false)) {
          for (MediaInfo clip : List.of(H264_1080, H264_1080_60, H264_4K, HEVC_4K)) {
            List<String> args = mpv(board, stack, gpu, clip).mpvArgs();
            assertEquals(
                List.of(),
                new MpvArgs().check(args),
                board + " " + stack + " " + clip + ": " + args);
            seen.addAll(args);
          }
        }
      }
    }
    assertTrue(
        seen.containsAll(
            List.of(
                "--hwdec=drm", "--hwdec=drm-copy", "--hwdec=v4l2m2m-copy", "--hwdec-codecs=hevc")),
        "every choice was checked: " + seen);
  }
}
