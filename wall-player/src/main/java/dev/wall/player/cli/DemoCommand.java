package dev.wall.player.cli;

import dev.wall.core.layout.InvalidLayoutException;
import dev.wall.core.layout.Layout;
import dev.wall.core.layout.LayoutReader;
import dev.wall.core.layout.Rect;
import dev.wall.core.layout.Screen;
import dev.wall.player.cli.common.BadInputException;
import dev.wall.player.cli.common.CommonOptions;
import dev.wall.player.display.VirtualDisplay;
import dev.wall.player.plan.DisplaySettings;
import dev.wall.player.plan.ShowPlan;
import dev.wall.player.show.WallShow;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code wall demo}: plays a layout whose screens all sit on this machine's display, starting a
 * virtual display (Xvfb) of its own when there is no {@code DISPLAY}, and saves a snapshot of the
 * whole wall at the end. {@code bin/demo} makes the media and calls this.
 */
@Command(
    name = "demo",
    description = "Play a one-machine demo wall and save a snapshot of it at the end.",
    footer = {
      "",
      "Example:",
      "  wall demo --layout layouts/demo-2x2.json --media-root media --snapshot out/demo-wall.png"
    })
public final class DemoCommand implements Callable<Integer> {
  @Mixin CommonOptions common;

  @Spec picocli.CommandLine.Model.CommandSpec spec;

  @Option(
      names = "--layout",
      required = true,
      paramLabel = "FILE",
      description = "A layout with every screen on this machine.")
  Path layoutFile;

  @Option(
      names = "--media-root",
      required = true,
      paramLabel = "DIR",
      description = "Where the demo clips are.")
  Path mediaRoot;

  @Option(
      names = "--snapshot",
      required = true,
      paramLabel = "PNG",
      description = "Where to save the picture of the wall.")
  Path snapshot;

  @Option(
      names = "--loops",
      paramLabel = "N",
      description = "Loops to play (default: the layout's).")
  Integer loops;

  @Option(
      names = "--run-dir",
      paramLabel = "DIR",
      defaultValue = "${java.io.tmpdir}/wall-demo-${user.name}",
      description = "Scratch folder (default: ${DEFAULT-VALUE}).")
  Path runDir;

  @Override
  public Integer call() throws InvalidLayoutException, IOException {
    Layout layout = new LayoutReader().read(layoutFile);
    Files.createDirectories(snapshot.toAbsolutePath().getParent());
    String display = System.getenv("DISPLAY");
    if (display != null && !display.isEmpty()) {
      return play(layout, display);
    }
    Rect canvas = canvas(layout);
    spec.commandLine()
        .getOut()
        .println(
            "demo: no DISPLAY, starting a virtual "
                + canvas.width()
                + "x"
                + canvas.height()
                + " display (Xvfb)");
    try (VirtualDisplay virtual =
        VirtualDisplay.start(canvas.width(), canvas.height(), runDir, Duration.ofSeconds(20))) {
      return play(layout, virtual.display());
    }
  }

  /** The same show as {@code wall play} would play, on {@code display}. */
  private int play(Layout layout, String display) throws InvalidLayoutException, IOException {
    Map<String, String> env = System.getenv();
    ShowPlan plan =
        ShowPlan.resolve(
            layoutFile,
            layout,
            loops,
            mediaRoot,
            runDir,
            DisplaySettings.from(env, display),
            false,
            snapshot);
    return Outcomes.exitCode(
        WallShow.play(
            plan,
            WallShow.Settings.plain(System.console() != null),
            env,
            spec.commandLine().getOut(),
            spec.commandLine().getErr()));
  }

  /** The smallest display that holds every window. */
  static Rect canvas(Layout layout) {
    int width = 0;
    int height = 0;
    for (Screen screen : layout.screens()) {
      if (screen.window() == null) {
        throw new BadInputException(
            layoutFileless(screen) + " has no window; a demo needs every screen in a window");
      }
      width = Math.max(width, screen.window().right());
      height = Math.max(height, screen.window().bottom());
    }
    return new Rect(0, 0, width, height);
  }

  private static String layoutFileless(Screen screen) {
    return "screen " + screen.name();
  }
}
