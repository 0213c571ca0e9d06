package dev.wall.player.setup;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.wall.core.testing.Tools;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The real CLI, run as an unprivileged user against {@code /}: one line, exit 2, no stack trace.
 */
class RootRequiredIT {
  @Test
  void editingTheLiveSystemWithoutRootIsRefusedInOneLine(@TempDir Path tmp) throws Exception {
    Tools.requireRootAnd("needs root to switch to nobody", "runuser");
    Files.setPosixFilePermissions(tmp, PosixFilePermissions.fromString("rwxr-xr-x"));
    Path layout = tmp.resolve("lobby.json");
    Files.copy(Path.of("src/test/resources/setup/fixtures/bookworm/home/pi/lobby.json"), layout);
    Files.setPosixFilePermissions(layout, PosixFilePermissions.fromString("rw-r--r--"));
    List<String> argv = new ArrayList<>(List.of("runuser", "-u", "nobody", "--"));
    argv.addAll(Cmd.wall("setup", "hosts", "--host", "rpi1", "--layout", layout.toString()));
    Cmd.Result run = Cmd.run(argv, Map.of(), Duration.ofSeconds(60));
    assertEquals(2, run.code(), run.out() + run.stderr());
    assertEquals(
        "wall: wall setup edits the system files of / and needs root: run it with sudo (or try --dry-run first)\n",
        run.stderr());
    assertEquals("", run.out());
  }
}
