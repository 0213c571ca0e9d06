package dev.wall.player.playertest;

import dev.wall.core.layout.Audio;
import dev.wall.core.layout.Rect;
import dev.wall.player.players.Player;
import dev.wall.player.players.PlayerSpec;
import dev.wall.player.players.omxplayer.OmxplayerOptions;
import dev.wall.player.players.omxplayer.OmxplayerPlayer;
import dev.wall.player.players.vlc.VlcOptions;
import dev.wall.player.players.vlc.VlcPlayer;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * Run as its own JVM: holds one prepared player the way a rank does, prints the processes it
 * started ({@code started PID...}), and waits to be killed. A test SIGKILLs it, as a crashed or
 * killed rank, and checks that none of them outlives it.
 *
 * <p>Arguments: {@code omxplayer WORKDIR CLIP FAKE_EXECUTABLE RECORD} or {@code vlc WORKDIR CLIP
 * DISPLAY USER}.
 */
public final class RankStandIn {
  private RankStandIn() {}

  public static void main(String[] args) throws Exception {
    Path workDir = Path.of(args[1]);
    Path clip = Path.of(args[2]);
    Player player;
    if (args[0].equals("omxplayer")) {
      Map<String, String> env =
          new HashMap<>(Map.of("FAKE_OMXPLAYER_RECORD", args[4], "FAKE_OMXPLAYER_DURATION", "600"));
      PlayerSpec spec =
          new PlayerSpec("standin", clip, null, 0, null, Audio.NONE, List.of(), workDir, env);
      player = new OmxplayerPlayer(spec, OmxplayerOptions.DEFAULTS.withExecutable(args[3]));
    } else {
      PlayerSpec spec =
          new PlayerSpec(
              "standin",
              clip,
              new Rect(0, 0, 320, 180),
              0,
              null,
              Audio.NONE,
              List.of(),
              workDir,
              Map.of("DISPLAY", args[3]));
      player = new VlcPlayer(spec, VlcOptions.DEFAULTS.withRunAsUser(args[4]).withVout("xcb_x11"));
    }
    player.prepare(Duration.ofSeconds(30));
    player.release();
    System.out.println(
        "started "
            + ProcessHandle.current()
                .descendants()
                .map(p -> String.valueOf(p.pid()))
                .collect(Collectors.joining(" ")));
    System.out.flush();
    Thread.sleep(Duration.ofMinutes(5).toMillis());
  }
}
