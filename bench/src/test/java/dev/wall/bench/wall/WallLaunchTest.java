package dev.wall.bench.wall;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.wall.bench.seed.SeedRankMain;
import dev.wall.player.nodes.LocalMachine;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;

class WallLaunchTest {
  @Test
  void theSeedRunsOneBaselineRankPerScreenUnderMpirun() {
    List<String> argv =
        WallLaunch.seedArgv(
            Path.of("/w/wall.json"), 4, Path.of("/w/run"), new LocalMachine(false, 4, "here"));

    assertEquals("mpirun", argv.get(0));
    assertEquals("4", argv.get(argv.indexOf("-np") + 1));
    assertEquals(
        List.of(SeedRankMain.class.getName(), "/w/wall.json", "/w/run"),
        argv.subList(argv.size() - 3, argv.size()));
    assertFalse(argv.contains("--allow-run-as-root"));
    assertFalse(argv.contains("--oversubscribe"), "4 ranks fit 4 cores");
    assertTrue(argv.containsAll(List.of("--bind-to", "none", "-x", "DISPLAY")));
  }

  @Test
  void moreScreensThanCoresOversubscribeAndRootIsAllowed() {
    List<String> argv =
        WallLaunch.seedArgv(
            Path.of("/w/wall.json"), 8, Path.of("/w/run"), new LocalMachine(true, 2, "here"));

    assertTrue(argv.contains("--allow-run-as-root"));
    assertTrue(argv.contains("--oversubscribe"));
    assertEquals("1", argv.get(argv.indexOf("mpi_yield_when_idle") + 1));
  }
}
