package dev.wall.player.cli.common;

/** The exit codes every wall command keeps to. */
public final class ExitCodes {
  public static final int OK = 0;
  public static final int RUNTIME_FAILURE = 1;
  public static final int BAD_INPUT = 2;
  public static final int NODE_LOST = 3;

  private ExitCodes() {}
}
