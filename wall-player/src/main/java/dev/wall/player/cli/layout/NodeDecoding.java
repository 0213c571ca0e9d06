package dev.wall.player.cli.layout;

import dev.wall.core.layout.Layout;
import dev.wall.core.layout.PlayerKind;
import dev.wall.core.layout.Screen;
import dev.wall.player.display.DisplayStack;
import dev.wall.player.players.Board;
import dev.wall.player.players.Decoding;
import dev.wall.player.players.MediaInfo;
import dev.wall.player.players.MediaProbe;
import dev.wall.player.players.PlayerException;
import dev.wall.player.players.registry.Backends;
import java.io.IOException;
import java.net.InetAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * {@code wall validate --check-media} on a Raspberry Pi 4 or 5: how this node decodes each of its
 * screens' clips ({@link Decoding}, as its rank will), in a note, and a warning for a clip it
 * cannot hold (H.264 above 1080p; above 1080p30 in software on a Pi 4), which still plays, dropping
 * frames. The board is known only on the node itself (its device tree); elsewhere nothing is said.
 */
final class NodeDecoding {
  private NodeDecoding() {}

  /** One line per clip of this node's screens: a note of its decoding, or a warning. */
  static List<String> lines(
      String file, Layout layout, Path scratch, Board board, DisplayStack stack)
      throws IOException {
    List<String> lines = new ArrayList<>();
    if (board.soc() == Board.Soc.OTHER) {
      return lines;
    }
    PlayerKind player;
    try {
      player = Backends.ALL.choose(layout.player()).kind();
    } catch (IllegalStateException e) {
      player = PlayerKind.MPV; // the player check says what is missing; the decoding is mpv's
    }
    String host = InetAddress.getLocalHost().getHostName();
    Files.createDirectories(scratch);
    for (int i = 0; i < layout.screens().size(); i++) {
      Screen screen = layout.screen(i);
      if (!screen.host().equals(host) && !screen.host().equals("localhost")) {
        continue;
      }
      for (Path clip : layout.clips(screen)) {
        MediaInfo info;
        try {
          info = MediaProbe.probe(clip, scratch.resolve("codec-probe.json"));
        } catch (PlayerException e) {
          continue; // a clip that is not there or not a video is the media check's to report
        }
        Decoding decoding =
            Backends.ALL.decoding(player, board, stack.kind(), stack.gpu(), List.of(info));
        String where = file + ": screens[" + i + "].media: ";
        lines.add(
            decoding.ok()
                ? where
                    + "note: "
                    + clip.getFileName()
                    + " is "
                    + Decoding.describe(info)
                    + "; this "
                    + board.model()
                    + " ("
                    + board.releaseName()
                    + ", "
                    + stack.kind().jsonName()
                    + ") decodes it "
                    + how(decoding)
                : where
                    + "warning: "
                    + clip.getFileName()
                    + " is "
                    + decoding.problem()
                    + "; until then it plays "
                    + how(decoding));
      }
    }
    return lines;
  }

  private static String how(Decoding decoding) {
    String args =
        decoding.mpvArgs().isEmpty() ? "" : " (mpv " + String.join(" ", decoding.mpvArgs()) + ")";
    return (decoding.hardware() ? "in hardware, " + decoding.decoder() : "in software") + args;
  }
}
