package dev.wall.player.power;

import java.util.List;

/** One program to run: its argv (never a shell line) and what to write on its standard input. */
public record PowerCommand(List<String> argv, String stdin) {
  public PowerCommand {
    argv = List.copyOf(argv);
  }

  public static PowerCommand of(String... argv) {
    return new PowerCommand(List.of(argv), "");
  }

  /** As a technician would type it, for messages and golden files. */
  public String shown() {
    String line = String.join(" ", argv);
    return stdin.isEmpty() ? line : "echo '" + stdin.strip() + "' | " + line;
  }
}
