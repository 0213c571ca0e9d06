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

  public static Player create(Layout layout, Screen screen, Path workDir, Map<String, String> environment) {
    PlayerSpec spec = spec(layout, screen, workDir, environment);
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
