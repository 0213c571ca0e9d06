package dev.wall.player.players.vlc;

/**
 * The VLC backend's own settings.
 *
 * @param executable {@code cvlc}, VLC without its GUI
 * @param runAsUser VLC refuses to run as root; when the wall runs as root (tests, CI) VLC is
 *     started as this unprivileged user through {@code runuser -u}. Ignored when not root. A Pi
 *     runs the wall as its ordinary user and needs none.
 * @param vout VLC's video output module, or null for VLC's choice ({@code xcb_x11} suits Xvfb)
 * @param fileCachingMillis VLC's read-ahead; its default of 1000 ms makes it race about a second
 *     ahead right after it is released from a paused start
 * @param xdotool sizes and moves the window: VLC 3 under X ignores {@code --width/--height} and
 *     {@code --video-x/--video-y}
 */
public record VlcOptions(
    String executable, String runAsUser, String vout, int fileCachingMillis, String xdotool) {
  public static final VlcOptions DEFAULTS = new VlcOptions("cvlc", null, null, 200, "xdotool");

  public VlcOptions withRunAsUser(String user) {
    return new VlcOptions(executable, user, vout, fileCachingMillis, xdotool);
  }

  public VlcOptions withVout(String newVout) {
    return new VlcOptions(executable, runAsUser, newVout, fileCachingMillis, xdotool);
  }
}
