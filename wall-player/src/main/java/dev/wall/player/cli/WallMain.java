package dev.wall.player.cli;

import java.io.PrintWriter;

/** The {@code wall} command. Only builds the command line, runs it, and exits. */
public final class WallMain {
  private WallMain() {}

  public static void main(String[] args) {
    PrintWriter out = new PrintWriter(System.out, true);
    PrintWriter err = new PrintWriter(System.err, true);
    System.exit(WallCli.run(out, err, args));
  }
}
