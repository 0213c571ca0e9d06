package dev.wall.player.rank;

import dev.wall.core.layout.InvalidLayoutException;
import dev.wall.core.layout.Layout;
import dev.wall.core.layout.Screen;
import dev.wall.core.sync.RankStatus;
import dev.wall.player.plan.DisplaySettings;
import dev.wall.player.plan.ShowPlan;
import dev.wall.player.players.Backend;
import dev.wall.player.players.registry.Backends;
import dev.wall.player.process.ChildProcess;
import dev.wall.player.wire.RankLaunch;
import dev.wall.player.wire.RoundWire;
import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.jar.JarEntry;
import java.util.jar.JarFile;

/**
 * What a rank does when it only warms up, for {@code -XX:ArchiveClassesAtExit} to record: every
 * class the archive lacks is read from its jar and verified at start-up, and every lambda not seen
 * here is spun then, at the moment four ranks and four players share two cores (one lambda took 70
 * ms there). So this runs what a rank runs before its screen is released, short of MPI and a
 * player, and loads (without initialising) every class of wall's jars and Open MPI's.
 */
final class RankWarmUp {
  private static final Duration STOP_GRACE = Duration.ofSeconds(1);

  private RankWarmUp() {}

  static void run(ShowPlan plan) throws IOException {
    Layout layout = plan.layout();
    Screen screen = layout.screen(0);
    Path screens = plan.screensDir();
    Backends.spec(layout, screen, screens, Map.of());
    ShowPlan shown =
        new ShowPlan(
            plan.layoutFile(),
            layout,
            plan.runDir(),
            DisplaySettings.from(Map.of("DISPLAY", ":0"), null),
            false,
            null);
    try {
      RankLaunch.parse(file -> layout, new RankLaunch(shown, false).args().toArray(String[]::new));
    } catch (InvalidLayoutException e) {
      throw new IllegalStateException("a plan that does not read back: " + e.getMessage(), e);
    }
    Backends.ALL.choose(layout.player());
    startAndStopAChild(screens.resolve("warm-up.log"));
    for (Backend backend : Backends.ALL.all()) {
      backend.warmUp(screens);
    }
    RoundWire.decodeStatus(RoundWire.encode(RankStatus.healthy(1, 2, false, 1)));
    loadEveryClassBeside(RankWarmUp.class, Layout.class);
    loadEveryClassBeside(classNamed("mpi.MPI"));
  }

  /** The same path as a player's start, with a lifeline, on a program every node has. */
  private static void startAndStopAChild(Path log) {
    try (ChildProcess child =
        ChildProcess.startWithLifeline("warm-up", List.of("true"), log, Map.of())) {
      child.waitFor(STOP_GRACE);
    } catch (IOException e) {
      // No `true` on the path: the archive only misses a few classes.
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  private static Class<?> classNamed(String name) {
    try {
      return Class.forName(name, false, RankWarmUp.class.getClassLoader());
    } catch (ClassNotFoundException | LinkageError e) {
      return null;
    }
  }

  /** Loads every class in the jars these classes came from; build folders (tests) are skipped. */
  private static void loadEveryClassBeside(Class<?>... anchors) throws IOException {
    for (Class<?> anchor : anchors) {
      Path jar = jarOf(anchor);
      if (jar == null) {
        continue;
      }
      try (JarFile file = new JarFile(jar.toFile())) {
        for (JarEntry entry : java.util.Collections.list(file.entries())) {
          String name = entry.getName();
          if (name.endsWith(".class")
              && !name.endsWith("module-info.class")
              && !name.startsWith("META-INF/")) {
            classNamed(name.substring(0, name.length() - ".class".length()).replace('/', '.'));
          }
        }
      }
    }
  }

  private static Path jarOf(Class<?> anchor) {
    if (anchor == null || anchor.getProtectionDomain().getCodeSource() == null) {
      return null;
    }
    try {
      Path path = Path.of(anchor.getProtectionDomain().getCodeSource().getLocation().toURI());
      return Files.isRegularFile(path) ? path : null;
    } catch (URISyntaxException | IllegalArgumentException e) {
      return null;
    }
  }
}
