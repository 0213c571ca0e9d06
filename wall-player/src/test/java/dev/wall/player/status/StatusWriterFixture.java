package dev.wall.player.status;

import dev.wall.core.sync.ScreenState;
import dev.wall.player.wire.StatusFile;
import dev.wall.player.wire.WallStatus;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Run as its own JVM by {@link StatusFileKillIT}: writes the status file as the controller does,
 * but without pause, growing and shrinking it, so that a kill lands inside a write as often as
 * between two; says {@code writing} once the first is in place. Given a number of rounds, it ends
 * after them (the run that records the class archive the killed ones start from).
 */
public final class StatusWriterFixture {
  private StatusWriterFixture() {}

  public static void main(String[] args) throws Exception {
    Path runDir = Path.of(args[0]);
    long rounds = args.length > 1 ? Long.parseLong(args[1]) : Long.MAX_VALUE;
    try (StatusBoard board = new StatusBoard(runDir, "ctl", "lobby.json", true)) {
      for (long round = 0; round < rounds; round++) {
        List<WallStatus.Screen> screens = new ArrayList<>();
        for (int i = 0; i < 1 + round % 64; i++) {
          screens.add(
              new WallStatus.Screen(
                  "s" + i,
                  "rpi" + i,
                  ScreenState.PLAYING,
                  1.0 * round,
                  0.5,
                  1.0,
                  i,
                  "x".repeat((int) (round % 500)),
                  null));
        }
        board.status(new WallStatus((int) round, 0, round, 1, 30, screens));
        StatusFile.write(runDir, board.snapshot());
        if (round == 0) {
          System.out.println("writing");
          System.out.flush();
        }
      }
    }
  }
}
