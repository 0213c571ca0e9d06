package dev.wall.player.cli.setup;

import dev.wall.core.setup.Node;
import dev.wall.core.setup.modules.AutostartModule;
import dev.wall.player.cli.common.BadInputException;
import dev.wall.player.cli.common.CommonOptions;
import dev.wall.player.display.DisplayStack;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code wall setup autostart}. */
@Command(
    name = "autostart",
    description = {
      "On the controller: a systemd unit that plays the wall at boot, forever, on the display stack the node has.",
      "The stack is a running desktop's (Wayland, else X11), else the desktop the node boots into, else the console"
          + " (DRM/KMS); the unit names the choice. Windowed screens need X11."
    },
    footer = {
      "",
      "Examples:",
      "  wall setup autostart --layout /srv/wall/lobby.json --dry-run   # diff only",
      "  sudo wall setup autostart --layout /srv/wall/lobby.json",
      "  sudo wall setup autostart --layout /srv/wall/lobby.json --display-stack drm   # a console, whatever is installed",
      "  sudo wall setup autostart --layout /srv/wall/lobby.json --undo",
      "  wall setup autostart --layout lobby.json --host rpi2 --root /mnt/sd   # an SD card"
    })
public final class AutostartCommand implements Callable<Integer> {
  @Mixin CommonOptions common;
  @Mixin SetupOptions setup;
  @Spec CommandSpec spec;

  @Option(
      names = "--display-stack",
      paramLabel = "STACK",
      description = "x11, wayland or drm (a console), instead of what the node shows.")
  String displayStack;

  @Override
  public Integer call() throws Exception {
    String override = displayStack == null ? null : displayStack.toLowerCase(Locale.ROOT);
    if (override != null && !List.of("x11", "wayland", "drm").contains(override)) {
      throw new BadInputException(
          "--display-stack " + displayStack + ": not a display stack; use x11, wayland or drm");
    }
    return new SetupSession(setup, null, spec.commandLine().getOut())
        .run(node -> List.of(new AutostartModule(display(node, override))), false);
  }

  /**
   * What the unit plays on: {@code override} (x11, wayland or drm), or what the node's tree shows
   * for the wall's user.
   */
  static AutostartModule.Display display(Node node, String override) {
    DisplayStack stack =
        override == null
            ? DisplayStack.atBoot(
                p -> Files.exists(node.tree().resolve(p.toString())),
                p -> read(node, p),
                node.user().uid(),
                node.user().home())
            : DisplayStack.detect(
                java.util.Map.of(DisplayStack.STACK_VARIABLE, override),
                p -> false,
                node.user().uid(),
                node.user().home());
    String reason = override == null ? stack.reason() : "--display-stack " + override + " said so";
    return new AutostartModule.Display(
        stack.kind().jsonName(), stack.environment(), reason, stack.kind().placesWindows());
  }

  private static Optional<String> read(Node node, Path path) {
    try {
      Path file = node.tree().resolve(path.toString());
      return Files.isRegularFile(file) ? Optional.of(Files.readString(file)) : Optional.empty();
    } catch (IOException e) {
      return Optional.empty();
    }
  }
}
