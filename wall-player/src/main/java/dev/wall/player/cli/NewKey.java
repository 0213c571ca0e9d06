package dev.wall.player.cli;

import dev.wall.player.control.ControlKey;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.Map;

/**
 * {@code wall ctl --new-key}: a new control key from the system's strong random source, kept in a
 * file only its user may read (by default {@code ~/.config/wall/control.key}, which survives a
 * reboot, unlike the run folder), and printed as the last line for the technician to give to show
 * control. A running wall reads its key when it starts: restart it to use the new one.
 */
final class NewKey {
  private NewKey() {}

  static int make(Path file, Map<String, String> environment, PrintWriter out) throws IOException {
    Path target = file != null ? file : ControlKey.defaultFile(environment);
    ControlKey key = ControlKey.generate();
    key.write(target);
    out.println(
        "wall: a new control key is in "
            + target
            + " (mode 0600); HTTP control takes it as"
            + " Authorization: Bearer KEY, OSC as each message's first argument; restart wall play to"
            + " use it. The key:");
    out.println(key.text());
    out.flush();
    return 0;
  }
}
