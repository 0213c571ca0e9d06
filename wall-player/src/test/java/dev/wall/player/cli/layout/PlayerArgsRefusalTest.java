package dev.wall.player.cli.layout;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.wall.player.testing.Cli;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The security review's bypasses of the old deny-list (issue 20, finding 2), and the other
 * spellings that reach the same options, each refused by {@code wall validate} in one line per
 * argument with exit 2; and what {@code "allowPlayerCode": true} still does not let through.
 */
class PlayerArgsRefusalTest {
  private static final String ALLOW =
      "add \"allowPlayerCode\": true to the layout if you trust this"
          + " layout's author to run code on every node";

  @TempDir Path dir;

  private static String layout(String player, List<String> args, boolean allowPlayerCode) {
    String items = args.stream().map(PlayerArgsRefusalTest::json).collect(Collectors.joining(", "));
    return """
           {"version": 1, "player": "%s", %s"mediaRoot": "/srv/wall/media",
            "screens": [{"name": "left", "host": "rpi1", "media": "left.mp4", "playerArgs": [%s]}]}
           """
        .formatted(player, allowPlayerCode ? "\"allowPlayerCode\": true, " : "", items);
  }

  private static String json(String text) {
    return "\"" + text.replace("\\", "\\\\").replace("\"", "\\\"") + "\"";
  }

  private Cli validate(String player, List<String> args, boolean allowPlayerCode) throws Exception {
    Path file = dir.resolve("layout.json");
    Files.writeString(file, layout(player, args, allowPlayerCode));
    return Cli.run("validate", file);
  }

  /** The lines, without the file name in front. */
  private List<String> refusals(Cli result) {
    String prefix = dir.resolve("layout.json") + ": ";
    return result.errLines().stream()
        .map(l -> l.startsWith(prefix) ? l.substring(prefix.length()) : l)
        .toList();
  }

  @Test
  void mpvRunningAProgramThroughYtdlIsRefusedArgumentByArgument() throws Exception {
    Cli result =
        validate(
            "mpv",
            List.of("--ytdl=yes", "--script-opts=ytdl_hook-ytdl_path=/share/evil.sh", "ytdl://x"),
            false);
    assertEquals(
        List.of(
            "screens[0].playerArgs[0]: \"--ytdl=yes\" is refused for mpv: --ytdl runs a program"
                + " (youtube-dl or yt-dlp, or one the layout names); only --no-ytdl (or --ytdl=no)"
                + " may be given, or "
                + ALLOW,
            "screens[0].playerArgs[1]: \"--script-opts=ytdl_hook-ytdl_path=/share/evil.sh\" is"
                + " refused for mpv: --script-opts sets options for scripts, and can name the"
                + " program ytdl runs; remove it, or "
                + ALLOW,
            "screens[0].playerArgs[2]: \"ytdl://x\" is refused for mpv: it is not an option, and"
                + " mpv would open it as a file or URL; remove it: the wall gives the player its"
                + " media, or "
                + ALLOW),
        refusals(result));
    assertEquals(2, result.code());
    assertEquals("", result.out());
  }

  @Test
  void mpvLoadingALibraryThroughAFilterIsRefused() throws Exception {
    Cli result = validate("mpv", List.of("--af=lavfi=[ladspa=file=/share/evil.so:p=x]"), false);
    assertEquals(
        List.of(
            "screens[0].playerArgs[0]: \"--af=lavfi=[ladspa=file=/share/evil.so:p=x]\" is refused"
                + " for mpv: --af runs filters, and some load libraries or read files (ladspa,"
                + " frei0r, movie); remove it, or "
                + ALLOW),
        refusals(result));
    assertEquals(2, result.code());
  }

  @Test
  void vlcRunningLuaIsRefusedAsAShortOptionAsAControlAndAsAnAbbreviation() throws Exception {
    Cli result =
        validate(
            "vlc",
            List.of(
                "-I",
                "luaintf{intf=evil}",
                "--control=luaintf{intf=evil}",
                "--extrai=luaintf{intf=evil}"),
            false);
    assertEquals(
        List.of(
            "screens[0].playerArgs[0]: \"-I\" is refused for vlc: -I is a short option, and VLC's"
                + " are refused; write the option's full name, --NAME, if it is on the list in"
                + " docs/layout.md, or "
                + ALLOW,
            "screens[0].playerArgs[1]: \"luaintf{intf=evil}\" is refused for vlc: it is not an"
                + " option, and vlc would open it as a file or URL; remove it: the wall gives the"
                + " player its media, or "
                + ALLOW,
            "screens[0].playerArgs[2]: \"--control=luaintf{intf=evil}\" is refused for vlc:"
                + " --control starts an interface, and VLC's Lua ones run code; remove it, or "
                + ALLOW,
            "screens[0].playerArgs[3]: \"--extrai=luaintf{intf=evil}\" is refused for vlc: --extrai"
                + " is only the beginning of a name (vlc may take it for --extraintf), and"
                + " abbreviations are refused: --extraintf starts an interface, and VLC's Lua ones"
                + " run code; write the full name of an option on the list in docs/layout.md, or "
                + ALLOW),
        refusals(result));
    assertEquals(2, result.code());
  }

  /** Every other argument of finding 2, and the spellings that reach the same options. */
  static Stream<Arguments> refused() {
    return Stream.of(
        // mpv: writing files
        Arguments.of("mpv", List.of("--o=/share/out.mkv"), "--o writes files"),
        Arguments.of("mpv", List.of("--stream-record=/share/x.ts"), "--stream-record writes files"),
        Arguments.of("mpv", List.of("--log-file=/share/x.log"), "--log-file writes files"),
        Arguments.of(
            "mpv", List.of("--screenshot-directory=/share"), "--screenshot-directory writes files"),
        Arguments.of("mpv", List.of("--vo=image"), "--vo takes names from gpu"),
        Arguments.of("mpv", List.of("--ao=pcm"), "--ao takes names from alsa"),
        // mpv: control
        Arguments.of(
            "mpv",
            List.of("--input-ipc-server=/tmp/other.sock"),
            "--input-ipc-server takes control"),
        Arguments.of(
            "mpv", List.of("--input-conf=/share/input.conf"), "--input-conf loads configuration"),
        // mpv: other spellings of the same options
        Arguments.of("mpv", List.of("-ytdl=yes"), "--ytdl runs a program"),
        Arguments.of("mpv", List.of("--ytdl"), "--ytdl runs a program"),
        Arguments.of("mpv", List.of("--ytdl="), "--ytdl runs a program"),
        Arguments.of("mpv", List.of("--Ytdl=yes"), "--Ytdl is not one of the mpv options"),
        Arguments.of(
            "mpv", List.of("--ytdl_format=best"), "--ytdl_format is not one of the mpv options"),
        Arguments.of(
            "mpv",
            List.of("--script-opts-append=ytdl_hook-ytdl_path=/share/evil.sh"),
            "--script-opts-append (that is --script-opts) sets options for scripts"),
        Arguments.of(
            "mpv",
            List.of("--script-opts-add=ytdl_hook-ytdl_path=/share/evil.sh"),
            "--script-opts-add (that is --script-opts)"),
        Arguments.of(
            "mpv",
            List.of("--scripts-append=/share/x.lua"),
            "--scripts-append (that is --scripts)"),
        Arguments.of(
            "mpv",
            List.of("--vf-add=lavfi=[movie=/share/x.mp4]"),
            "--vf-add (that is --vf) runs filters"),
        Arguments.of("mpv", List.of("--config=yes"), "--config loads configuration files"),
        Arguments.of("mpv", List.of("--include=/share/mpv.conf"), "--include loads configuration"),
        Arguments.of("mpv", List.of("--hwdec=/share/x"), "--hwdec takes names of the player's own"),
        Arguments.of(
            "mpv",
            List.of("--audio-device=alsa/file:'|/share/evil.sh'"),
            "--audio-device takes auto"),
        Arguments.of("mpv", List.of("--drm-device=/share/card0"), "--drm-device takes a DRM card"),
        Arguments.of("mpv", List.of("--no-hwdec"), "--hwdec is not a switch"),
        Arguments.of("mpv", List.of("@/share/args"), "it is not an option"),
        // VLC
        Arguments.of(
            "vlc", List.of("--sout=#file{dst=/share/x.ts}"), "--sout sends the video to files"),
        Arguments.of("vlc", List.of("--sout-keep"), "--sout-keep sends the video to files"),
        Arguments.of("vlc", List.of("--control=http"), "--control starts an interface"),
        Arguments.of(
            "vlc",
            List.of("--http-host=0.0.0.0"),
            "--http-host lets the network control the player"),
        Arguments.of(
            "vlc", List.of("--rc-host=0.0.0.0:4212"), "--rc-host lets the network control"),
        Arguments.of("vlc", List.of("--intf", "lua"), "--intf starts an interface"),
        Arguments.of("vlc", List.of("--lua-intf=cli"), "--lua-intf starts an interface"),
        Arguments.of("vlc", List.of("--lua"), "--lua runs Lua scripts"),
        Arguments.of("vlc", List.of("--logfile=/share/vlc.log"), "--logfile writes files"),
        Arguments.of("vlc", List.of("--snapshot-path=/share"), "--snapshot-path writes files"),
        Arguments.of("vlc", List.of("--config=/share/vlcrc"), "--config reads configuration"),
        Arguments.of("vlc", List.of("--video-filter=scene"), "--video-filter loads modules"),
        Arguments.of("vlc", List.of("--aout=afile"), "--aout takes names from any"),
        Arguments.of("vlc", List.of("--vout=yuv"), "--vout takes names from any"),
        Arguments.of(
            "vlc",
            List.of("--avcodec-hw=any{opt=1}"),
            "VLC reads {...} in the value of --avcodec-hw"),
        Arguments.of("vlc", List.of("{x=1}", "--gain"), "it is not an option"),
        Arguments.of("vlc", List.of("--gain={x=1}"), "VLC reads {...} in the value of --gain"),
        Arguments.of(
            "vlc",
            List.of("--gai=2"),
            "--gai is only the beginning of a name (vlc may take it for --gain)"),
        Arguments.of("vlc", List.of("--ful"), "is not one of the vlc options"),
        Arguments.of("vlc", List.of(":sout=#file{dst=/share/x.ts}"), "it is not an option"),
        Arguments.of("vlc", List.of("--fullscreen=1"), "is not one of the vlc options"),
        // omxplayer
        Arguments.of(
            "omxplayer",
            List.of("--key-config=/share/keys.txt"),
            "--key-config reads key bindings"),
        Arguments.of(
            "omxplayer", List.of("--subtitles", "/share/x.srt"), "--subtitles reads a file"),
        Arguments.of(
            "omxplayer", List.of("--dbus_name", "org.example"), "--dbus_name takes control"),
        Arguments.of(
            "omxplayer",
            List.of("--dbus", "org.example"),
            "(omxplayer may take it for --dbus_name)"),
        Arguments.of(
            "omxplayer",
            List.of("--lavfdopts", "protocol_whitelist=file"),
            "--lavfdopts passes options"),
        Arguments.of("omxplayer", List.of("-g"), "-g is not a short option of omxplayer"),
        Arguments.of("omxplayer", List.of("-bk"), "-bk is not a short option of omxplayer"),
        Arguments.of("omxplayer", List.of("--layer=3{"), "--layer takes a whole number"));
  }

  @ParameterizedTest(name = "{0} {1}")
  @MethodSource("refused")
  void isRefusedInOneLineThatNamesItAndHowToAllowIt(String player, List<String> args, String why)
      throws Exception {
    Cli result = validate(player, args, false);
    List<String> lines = refusals(result);
    assertEquals(2, result.code(), result.err());
    String first =
        "screens[0].playerArgs[0]: \"" + args.get(0) + "\" is refused for " + player + ": ";
    assertTrue(lines.get(0).startsWith(first), lines.get(0));
    assertTrue(lines.get(0).contains(why), lines.get(0));
    assertTrue(lines.get(0).endsWith(", or " + ALLOW), lines.get(0));
    assertEquals("", result.out());
  }

  @Test
  void aValueInTheNextItemIsCheckedAsTheOptionsValue() throws Exception {
    Cli result = validate("vlc", List.of("--gain", "{x=1}"), false);
    assertEquals(
        List.of(
            "screens[0].playerArgs[1]: \"{x=1}\" is refused for vlc: VLC reads {...} in the value"
                + " of --gain as a module's settings; write it like --gain=1.5, or "
                + ALLOW),
        refusals(result));
    assertEquals(0, validate("vlc", List.of("--gain", "2.5"), false).code());
    assertEquals(0, validate("omxplayer", List.of("--vol", "-600", "-3", "TB"), false).code());
    assertEquals(2, validate("omxplayer", List.of("-3", "/share/x"), false).code());
  }

  /** What would put the wall's own options after the end of the player's, or eat one as a value. */
  static Stream<Arguments> neverAllowed() {
    return Stream.of(
        Arguments.of("mpv", List.of("--"), "-- ends the player's options"),
        Arguments.of("mpv", List.of("-"), "- names standard input as a file"),
        Arguments.of("mpv", List.of("--{"), "--{ opens or closes a group of options"),
        Arguments.of("vlc", List.of("--"), "-- ends the player's options"),
        Arguments.of(
            "vlc", List.of("--sub-file"), "--sub-file may take a value, and nothing follows it"),
        Arguments.of("vlc", List.of("--gain"), "--gain needs a value and nothing follows it"),
        Arguments.of("omxplayer", List.of("--"), "-- ends the player's options"),
        Arguments.of(
            "omxplayer", List.of("--layer"), "--layer needs a value and nothing follows it"),
        Arguments.of("omxplayer", List.of("-o"), "-o may take a value, and nothing follows it"));
  }

  @ParameterizedTest(name = "{0} {1}")
  @MethodSource("neverAllowed")
  void isRefusedEvenWithAllowPlayerCode(String player, List<String> args, String why)
      throws Exception {
    Cli result = validate(player, args, true);
    assertEquals(2, result.code(), result.err());
    List<String> lines = refusals(result);
    assertEquals(1, lines.size(), lines.toString());
    assertTrue(
        lines
            .get(0)
            .startsWith(
                "screens[0].playerArgs[0]: \""
                    + args.get(0)
                    + "\" is refused for "
                    + player
                    + ": "
                    + why),
        lines.get(0));
    assertTrue(
        !lines.get(0).contains("allowPlayerCode"),
        "allowPlayerCode does not help: " + lines.get(0));
  }

  @Test
  void allowPlayerCodeLetsTheRestThrough() throws Exception {
    for (Arguments arguments : refused().toList()) {
      Object[] a = arguments.get();
      @SuppressWarnings("unchecked")
      List<String> args = (List<String>) a[1];
      List<String> withAValueAfter = Stream.concat(args.stream(), Stream.of("--x=1")).toList();
      Cli result = validate((String) a[0], withAValueAfter, true);
      assertEquals(0, result.code(), a[0] + " " + args + ": " + result.err());
    }
  }

  @Test
  void wallPlayRefusesItBeforeAnythingStarts() throws Exception {
    Path file = dir.resolve("layout.json");
    Files.writeString(file, layout("mpv", List.of("--ytdl=yes", "ytdl://x"), false));
    // --loops -1 is bad input too, found only after the layout: where the layout passed, nothing
    // starts either.
    Cli result = Cli.run("play", file, "--loops", "-1", "--run-dir", dir.resolve("run"));
    assertEquals(2, result.code(), result.err());
    List<String> lines = refusals(result);
    assertEquals(2, lines.size(), lines.toString());
    assertTrue(
        lines.get(0).startsWith("screens[0].playerArgs[0]: \"--ytdl=yes\" is refused for mpv"),
        lines.get(0));
    assertTrue(
        lines.get(1).startsWith("screens[0].playerArgs[1]: \"ytdl://x\" is refused for mpv"),
        lines.get(1));
    assertTrue(Files.notExists(dir.resolve("run")), "nothing was prepared");
  }
}
