package dev.wall.player.backend;

import dev.wall.core.layout.Layout;
import dev.wall.core.layout.PlayerKind;
import dev.wall.core.layout.Screen;
import dev.wall.player.backend.mpv.MpvOptions;
import dev.wall.player.backend.mpv.MpvPlayer;
import java.nio.file.Path;
import java.util.Map;

/** Picks and builds one screen's player from the layout's {@code player}. */
public final class PlayerFactory {
  private PlayerFactory() {}

  /**
   * @param checkMedia refuse at once, naming the file, when the clip is not there (on a node this
   *     is usually an NFS share that is not mounted) instead of waiting for the player to time out
   */
  public static Player create(Layout layout, Screen screen, Path workDir, Map<String, String> environment,
      boolean checkMedia) {
    PlayerSpec spec = spec(layout, screen, workDir, environment);
    if (checkMedia && !java.nio.file.Files.isReadable(spec.media())) {
      throw new IllegalStateException(
          "media file " + spec.media() + " is missing or unreadable (is the NFS share mounted?)");
    }
    PlayerKind kind = layout.player();
    if (kind == PlayerKind.AUTO || kind == PlayerKind.MPV) {
      return new MpvPlayer(spec, MpvOptions.DEFAULTS);
    }
    throw new IllegalArgumentException("player " + kind.jsonName() + " is not supported yet");
  }

  public static PlayerSpec spec(Layout layout, Screen screen, Path workDir, Map<String, String> environment) {
    SpanCrop crop = screen.showsSpan() && screen.region() != null && layout.wall() != null
        ? SpanCrop.of(screen.region(), layout.wall()) : null;
    return new PlayerSpec(screen.name(), layout.mediaPath(screen), screen.window(), screen.output(),
        crop, screen.audio(), screen.playerArgs(), workDir, environment);
  }
}
