package dev.wall.player.players.omxplayer;

import static dev.wall.player.players.Decoding.describe;

import dev.wall.player.players.Decoding;
import dev.wall.player.players.MediaInfo;
import java.util.List;

/** omxplayer decodes through the firmware: H.264 (and MPEG-4) up to 1080p, never HEVC. */
final class OmxplayerDecoding {
  private OmxplayerDecoding() {}

  static Decoding of(List<MediaInfo> clips) {
    for (MediaInfo clip : clips) {
      if ("hevc".equals(clip.codec())) {
        return new Decoding(
            "software",
            List.of(),
            false,
            describe(clip)
                + ": omxplayer has no HEVC decoder; re-encode it as H.264 up to 1080p"
                + " (ffmpeg -i IN -c:v libx264 OUT.mp4), or play it with mpv");
      }
      if (!Decoding.fitsH264Block(clip)) {
        return new Decoding(
            "firmware",
            List.of(),
            true,
            describe(clip) + ": omxplayer decodes up to 1080p; re-encode it at 1080p");
      }
    }
    return new Decoding("firmware", List.of(), true, null);
  }
}
