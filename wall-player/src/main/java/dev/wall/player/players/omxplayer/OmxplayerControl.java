package dev.wall.player.players.omxplayer;

import java.io.IOException;
import java.time.Duration;
import org.freedesktop.dbus.DBusPath;
import org.freedesktop.dbus.connections.impl.DBusConnection;
import org.freedesktop.dbus.connections.impl.DBusConnectionBuilder;
import org.freedesktop.dbus.exceptions.DBusException;
import org.freedesktop.dbus.messages.Error;
import org.freedesktop.dbus.messages.Message;
import org.freedesktop.dbus.messages.MethodCall;
import org.freedesktop.dbus.types.Variant;

/**
 * omxplayer's MPRIS control, over dbus-java with explicit signatures. Messages are built by hand,
 * not through typed proxies, because omxplayer answers {@code Properties.Get} with the bare value
 * ({@code x}, {@code d}, {@code s}) where MPRIS says variant, replies to {@code SetPosition} with
 * an int64 and to {@code Set} with a double: raw replies read all of that without guessing.
 */
final class OmxplayerControl implements AutoCloseable {
  static final String OBJECT_PATH = "/org/mpris/MediaPlayer2";
  static final String ROOT_INTERFACE = "org.mpris.MediaPlayer2";
  static final String PLAYER_INTERFACE = "org.mpris.MediaPlayer2.Player";
  static final String PROPERTIES_INTERFACE = "org.freedesktop.DBus.Properties";

  /** SetPosition's first argument is a track id omxplayer ignores; any object path will do. */
  static final DBusPath NO_TRACK = new DBusPath("/not/used");

  private final DBusConnection connection;
  private final String busName;
  private final Duration timeout;

  private OmxplayerControl(DBusConnection connection, String busName, Duration timeout) {
    this.connection = connection;
    this.busName = busName;
    this.timeout = timeout;
  }

  static OmxplayerControl connect(String busAddress, String busName, Duration timeout)
      throws IOException {
    try {
      DBusConnection connection =
          DBusConnectionBuilder.forAddress(busAddress).withShared(false).build();
      return new OmxplayerControl(connection, busName, timeout);
    } catch (DBusException e) {
      throw new IOException(
          "cannot connect to the bus at " + busAddress + ": " + e.getMessage(), e);
    }
  }

  /** True once omxplayer holds its name on the bus, which it takes before it opens the clip. */
  boolean playerOnBus() throws IOException {
    Object[] reply =
        call(
            "org.freedesktop.DBus",
            "/org/freedesktop/DBus",
            "org.freedesktop.DBus",
            "NameHasOwner",
            "s",
            timeout,
            busName);
    return reply.length > 0 && Boolean.TRUE.equals(reply[0]);
  }

  void pause(Duration wait) throws IOException {
    player("Pause", "", wait);
  }

  void play() throws IOException {
    player("Play", "", timeout);
  }

  /** Absolute seek; omxplayer lands on the key frame at or before it. */
  void setPosition(long micros) throws IOException {
    player("SetPosition", "ox", timeout, NO_TRACK, micros);
  }

  /** Asks omxplayer to quit; it answers first, then leaves its main loop. */
  void quit(Duration wait) throws IOException {
    call(busName, OBJECT_PATH, ROOT_INTERFACE, "Quit", "", wait);
  }

  long positionMicros() throws IOException {
    return ((Number) property("Position")).longValue();
  }

  long durationMicros() throws IOException {
    return ((Number) property("Duration")).longValue();
  }

  String playbackStatus() throws IOException {
    return property("PlaybackStatus").toString();
  }

  /** A cheap question with its own deadline, for a watchdog: is omxplayer answering at all? */
  void ping(Duration wait) throws IOException {
    call(
        busName,
        OBJECT_PATH,
        PROPERTIES_INTERFACE,
        "Get",
        "ss",
        wait,
        PLAYER_INTERFACE,
        "PlaybackStatus");
  }

  double rate() throws IOException {
    return ((Number) property("Rate")).doubleValue();
  }

  /** Sets the Rate property; omxplayer also resumes playback when it gets it. */
  void setRate(double rate) throws IOException {
    call(
        busName,
        OBJECT_PATH,
        PROPERTIES_INTERFACE,
        "Set",
        "ssv",
        timeout,
        PLAYER_INTERFACE,
        "Rate",
        new Variant<>(rate));
  }

  /**
   * A Player property through Properties.Get; a variant reply (standard MPRIS) is unwrapped too.
   */
  private Object property(String name) throws IOException {
    Object[] reply =
        call(
            busName,
            OBJECT_PATH,
            PROPERTIES_INTERFACE,
            "Get",
            "ss",
            timeout,
            PLAYER_INTERFACE,
            name);
    if (reply.length == 0) {
      throw new IOException("omxplayer sent no value for " + name);
    }
    Object value = reply[0];
    return value instanceof Variant<?> variant ? variant.getValue() : value;
  }

  private Object[] player(String member, String signature, Duration wait, Object... args)
      throws IOException {
    return call(busName, OBJECT_PATH, PLAYER_INTERFACE, member, signature, wait, args);
  }

  private Object[] call(
      String destination,
      String path,
      String iface,
      String member,
      String signature,
      Duration wait,
      Object... args)
      throws IOException {
    try {
      MethodCall call =
          connection
              .getMessageFactory()
              .createMethodCall(
                  destination,
                  path,
                  iface,
                  member,
                  (byte) 0,
                  signature.isEmpty() ? null : signature,
                  args);
      connection.sendMessage(call);
      Message reply = call.getReply(Math.max(1, wait.toMillis()));
      if (reply == null) {
        throw new IOException(member + " got no answer within " + wait);
      }
      if (reply instanceof Error error) {
        throw new IOException(
            member
                + " failed: "
                + error.getName()
                + ": "
                + dev.wall.player.players.PlayerMessages.describe(error.getException()));
      }
      Object[] parameters = reply.getParameters();
      return parameters == null ? new Object[0] : parameters;
    } catch (DBusException e) {
      throw new IOException(
          member + " failed: " + dev.wall.player.players.PlayerMessages.describe(e), e);
    }
  }

  @Override
  public void close() {
    connection.disconnect();
  }
}
