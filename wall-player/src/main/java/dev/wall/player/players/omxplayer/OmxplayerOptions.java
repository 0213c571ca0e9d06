package dev.wall.player.players.omxplayer;

/**
 * The omxplayer backend's own settings.
 *
 * @param executable omxplayer's binary itself, not the {@code /usr/bin/omxplayer} wrapper: the
 *     wrapper always exports its one shared bus (a race when two screens start on one Pi), and we
 *     give every screen a private bus of its own
 * @param libraryPath what the wrapper puts on {@code LD_LIBRARY_PATH} for the binary
 * @param dbusDaemon the bus daemon, from Debian's dbus package (omxplayer depends on it)
 * @param endGuardSeconds omxplayer quits at the end of the file, and its {@code --loop} flashes
 *     black, so the backend pauses this long before the end and holds that frame as the last one
 * @param seekToleranceSeconds omxplayer seeks to key frames; a seek is done once the position is
 *     this close to the target
 */
public record OmxplayerOptions(
    String executable,
    String libraryPath,
    String dbusDaemon,
    double endGuardSeconds,
    double seekToleranceSeconds) {

  public static final OmxplayerOptions DEFAULTS =
      new OmxplayerOptions(
          "omxplayer.bin", "/opt/vc/lib:/usr/lib/omxplayer", "dbus-daemon", 0.2, 1.0);

  public OmxplayerOptions withExecutable(String newExecutable) {
    return new OmxplayerOptions(
        newExecutable, libraryPath, dbusDaemon, endGuardSeconds, seekToleranceSeconds);
  }
}
