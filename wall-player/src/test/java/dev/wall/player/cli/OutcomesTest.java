package dev.wall.player.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.wall.player.cli.common.ExitCodes;
import dev.wall.player.cli.common.WallFailure;
import dev.wall.player.launch.Outcome;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Each way a wall ends has its documented exit code and its line. */
class OutcomesTest {

  @Test
  void aCompletedWallExitsZero() {
    assertEquals(ExitCodes.OK, Outcomes.exitCode(new Outcome.Completed()));
  }

  @Test
  void failedScreensExitOneWithALinePerScreen() {
    WallFailure failure =
        assertThrows(
            WallFailure.class,
            () ->
                Outcomes.exitCode(
                    new Outcome.ScreensFailed(
                        List.of("screen a on rpi1: mpv exited", "screen b on rpi2: mpv exited"))));
    assertEquals(ExitCodes.RUNTIME_FAILURE, failure.exitCode());
    assertEquals(
        "screen a on rpi1: mpv exited\nwall: screen b on rpi2: mpv exited", failure.getMessage());
  }

  @Test
  void aLostRankExitsThree() {
    WallFailure failure =
        assertThrows(
            WallFailure.class,
            () -> Outcomes.exitCode(new Outcome.RankLost("rank 2 (screen c) on rpi3 was lost")));
    assertEquals(ExitCodes.NODE_LOST, failure.exitCode());
    assertEquals("rank 2 (screen c) on rpi3 was lost", failure.getMessage());
  }
}
