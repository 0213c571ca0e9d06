package dev.wall.player.cli.layout;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.wall.player.testing.Cli;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import java.util.stream.Stream;
import org.junit.jupiter.api.Named;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * One case per validation rule, through the whole CLI: a valid layout with one thing broken, and
 * the exact line {@code wall validate} must print for it, with exit code 2 and nothing on stdout.
 */
class ValidationRulesTest {
  static final String CLIPS =
      """
      {
        "version": 1,
        "name": "test wall",
        "loops": 3,
        "player": "mpv",
        "mediaRoot": "/srv/wall/media",
        "network": {"subnet": "192.168.1.0/24", "interface": "eth0", "gateway": "192.168.1.1", "dns": ["192.168.1.1"]},
        "sync": {"toleranceMs": 20, "seekThresholdMs": 500, "maxRateTrim": 0.05},
        "screens": [
          {"name": "left", "host": "rpi1", "address": "192.168.1.101", "output": 0,
           "window": {"x": 0, "y": 0, "width": 1920, "height": 1080},
           "media": "left.mp4", "audio": "hdmi", "playerArgs": ["--no-osc"]},
          {"name": "right", "host": "rpi2", "address": "192.168.1.102", "media": "right.mp4"}
        ]
      }
      """;

  static final String SPAN =
      """
      {
        "version": 1,
        "mediaRoot": "/srv/wall/media",
        "wall": {"width": 3880, "height": 1080},
        "span": {"media": "pano.mp4"},
        "screens": [
          {"name": "a", "host": "rpi1", "region": {"x": 0, "y": 0, "width": 1920, "height": 1080}},
          {"name": "b", "host": "rpi2", "region": {"x": 1960, "y": 0, "width": 1920, "height": 1080}}
        ]
      }
      """;

  static final String ALLOW =
      "add \"allowPlayerCode\": true to the layout if you trust this layout's author"
          + " to run code on every node";

  static final String RIGHT =
      "{\"name\": \"right\", \"host\": \"rpi2\", \"address\": \"192.168.1.102\", \"media\": \"right.mp4\"}";

  @TempDir Path dir;

  @Test
  void aLayoutThatOptsInMayLoadPlayerCode() throws Exception {
    Path layout = dir.resolve("trusted.json");
    Files.writeString(
        layout,
        CLIPS
            .replace("\"--no-osc\"", "\"--include=/etc/wall/mpv.conf\", \"--input-conf=keys.conf\"")
            .replace("\"player\"", "\"allowPlayerCode\": true, \"player\""));
    Cli result = Cli.run("validate", layout);
    assertEquals(0, result.code(), result.err());
  }

  /** A rule: {@code base} with each (from, to) replaced must give exactly {@code expected}. */
  private static Arguments rule(String name, String base, String expected, String... fromTo) {
    return Arguments.of(Named.of(name, base), List.of(fromTo), List.of(expected.split("\n")));
  }

  static Stream<Arguments> rules() {
    return Stream.of(
        rule(
            "playerArgs that load a script need the layout's opt-in",
            CLIPS,
            "screens[0].playerArgs[1]: \"--script=/srv/wall/media/x.lua\" is refused for mpv: --script loads a"
                + " script, code that runs in the player; remove it, or "
                + ALLOW,
            "\"--no-osc\"",
            "\"--no-osc\", \"--script=/srv/wall/media/x.lua\""),
        rule(
            "mpv's list forms are the option they add to",
            CLIPS,
            "screens[0].playerArgs[0]: \"--scripts-append=a.lua\" is refused for mpv: --scripts-append (that is"
                + " --scripts) loads a script, code that runs in the player; remove it, or "
                + ALLOW
                + "\n"
                + "screens[0].playerArgs[1]: \"--script-opts=osc-visibility=never\" is refused for mpv:"
                + " --script-opts sets options for scripts, and can name the program ytdl runs; remove it, or "
                + ALLOW,
            "\"--no-osc\"",
            "\"--scripts-append=a.lua\", \"--script-opts=osc-visibility=never\""),
        rule(
            "VLC's Lua is code too",
            CLIPS,
            "screens[0].playerArgs[0]: \"--lua-intf=x\" is refused for vlc: --lua-intf starts an interface,"
                + " and VLC's Lua ones run code; remove it, or "
                + ALLOW,
            "\"--no-osc\"",
            "\"--lua-intf=x\"",
            "\"player\": \"mpv\"",
            "\"player\": \"vlc\""),
        rule(
            "an option for one player only needs that player, not auto",
            CLIPS,
            "screens[0].playerArgs[0]: \"--no-osc\" is refused for omxplayer and vlc, which \"player\":"
                + " \"auto\" may pick on a node: --no-osc is not one of the omxplayer options a layout may set"
                + " (docs/layout.md lists them); set \"player\": \"mpv\", the player it is for, or "
                + ALLOW,
            "\"player\": \"mpv\"",
            "\"player\": \"auto\""),
        rule(
            "allowPlayerCode is true or false",
            CLIPS,
            "allowPlayerCode: must be true or false, got text \"yes\"; \"allowPlayerCode\": true, or remove it",
            "\"player\"",
            "\"allowPlayerCode\": \"yes\", \"player\""),
        rule(
            "version must be 1",
            CLIPS,
            "version: must be 1, got 2; this layout is for a newer wall; update wall, or rewrite it for version 1",
            "\"version\": 1",
            "\"version\": 2"),
        rule(
            "version 0 is not a version",
            CLIPS,
            "version: must be 1, got 0; set \"version\": 1",
            "\"version\": 1",
            "\"version\": 0"),
        rule(
            "version is required",
            CLIPS,
            "version: is missing; add \"version\": 1 at the top of the layout",
            "\"version\": 1,",
            ""),
        rule(
            "loops is at least 0",
            CLIPS,
            "loops: must be between 0 and 1000000, got -1; use 0 to play forever, or a count up to 1000000",
            "\"loops\": 3",
            "\"loops\": -1"),
        rule(
            "loops is at most 1000000",
            CLIPS,
            "loops: must be between 0 and 1000000, got 1000001; use 0 to play forever, or a count up to 1000000",
            "\"loops\": 3",
            "\"loops\": 1000001"),
        rule(
            "loops is a whole number",
            CLIPS,
            "loops: must be a whole number, got 2.5; write it like \"loops\": 10",
            "\"loops\": 3",
            "\"loops\": 2.5"),
        rule(
            "a number in quotes is text",
            CLIPS,
            "loops: must be a whole number, got text \"3\"; write it without quotes: 3",
            "\"loops\": 3",
            "\"loops\": \"3\""),
        rule(
            "null is not a value",
            CLIPS,
            "loops: must be a whole number, got null; write a value like \"loops\": 10, or remove the field to use the default",
            "\"loops\": 3",
            "\"loops\": null"),
        rule(
            "player is a known name, with a hint",
            CLIPS,
            "player: unknown player \"mvp\"; did you mean \"mpv\"?",
            "\"player\": \"mpv\"",
            "\"player\": \"mvp\""),
        rule(
            "player is a known name",
            CLIPS,
            "player: unknown player \"xine\"; use one of auto, omxplayer, mpv, vlc",
            "\"player\": \"mpv\"",
            "\"player\": \"xine\""),
        rule(
            "loopMode is a known name",
            CLIPS,
            "loopMode: unknown loopMode \"sync\"; use one of lockstep, independent",
            "\"player\"",
            "\"loopMode\": \"sync\", \"player\""),
        rule(
            "mediaRoot is absolute",
            CLIPS,
            "mediaRoot: must be an absolute path, got \"media\"; start it at /, like \"mediaRoot\": \"/srv/wall/media\"",
            "\"/srv/wall/media\"",
            "\"media\""),
        rule(
            "mediaRoot is required",
            CLIPS,
            "mediaRoot: is missing; add the folder that holds the clips on every node, like \"mediaRoot\": \"/srv/wall/media\"",
            "\"mediaRoot\": \"/srv/wall/media\",",
            ""),
        rule(
            "subnet is CIDR",
            CLIPS,
            "network.subnet: \"192.168.1.0\" is not a subnet in CIDR notation; write the network address and the prefix length, like \"192.168.1.0/24\"",
            "\"192.168.1.0/24\"",
            "\"192.168.1.0\""),
        rule(
            "subnet has no host bits",
            CLIPS,
            "network.subnet: \"192.168.1.7/24\" has host bits set; did you mean \"192.168.1.0/24\"?",
            "\"192.168.1.0/24\"",
            "\"192.168.1.7/24\""),
        rule(
            "interface is an interface name",
            CLIPS,
            "network.interface: \"eth 0\" is not a network interface name; use the name `ip link` shows, such as \"eth0\" (at most 15 characters)",
            "\"eth0\"",
            "\"eth 0\""),
        rule(
            "gateway is an IP address",
            CLIPS,
            "network.gateway: \"router\" is not an IP address; write the router's address, like \"192.168.1.1\"",
            "\"gateway\": \"192.168.1.1\"",
            "\"gateway\": \"router\""),
        rule(
            "gateway is inside the subnet",
            CLIPS,
            "network.gateway: \"10.0.0.1\" is outside network.subnet 192.168.1.0/24; use the router's address on the wall's own network",
            "\"gateway\": \"192.168.1.1\"",
            "\"gateway\": \"10.0.0.1\""),
        rule(
            "dns servers are IP addresses",
            CLIPS,
            "network.dns[1]: \"dns.google\" is not an IP address; name the DNS server by its address, like \"192.168.1.1\"",
            "[\"192.168.1.1\"]",
            "[\"192.168.1.1\", \"dns.google\"]"),
        rule(
            "toleranceMs is at least 1",
            CLIPS,
            "sync.toleranceMs: must be between 1 and 1000, got 0; the default, 10, suits most walls",
            "\"toleranceMs\": 20",
            "\"toleranceMs\": 0"),
        rule(
            "toleranceMs is at most 1000",
            CLIPS,
            "sync.toleranceMs: must be between 1 and 1000, got 1001; the default, 10, suits most walls",
            "\"toleranceMs\": 20",
            "\"toleranceMs\": 1001"),
        rule(
            "seekThresholdMs is above toleranceMs",
            CLIPS,
            "sync.seekThresholdMs: must be more than sync.toleranceMs (20), got 20; a rank only jumps when it is further off than it may drift; raise it",
            "\"seekThresholdMs\": 500",
            "\"seekThresholdMs\": 20"),
        rule(
            "maxRateTrim is between 0 and 0.5",
            CLIPS,
            "sync.maxRateTrim: must be between 0 and 0.5, got 0.8; it is a fraction of normal speed; the default, 0.05, suits most walls",
            "\"maxRateTrim\": 0.05",
            "\"maxRateTrim\": 0.8"),
        rule(
            "the wall's name is not empty",
            CLIPS,
            "name: is empty; give the wall a name, or remove the field",
            "\"name\": \"test wall\"",
            "\"name\": \"\""),
        rule(
            "screens is not empty",
            "{\"version\": 1, \"mediaRoot\": \"/m\", \"screens\": []}",
            "screens: must list at least one screen; add one screen per display, like {\"name\": \"left\", \"host\": \"rpi1\", \"media\": \"left.mp4\"}"),
        rule(
            "at most 256 screens",
            manyScreens(257),
            "screens: lists 257 screens, more than 256; split the wall into several layouts"),
        rule(
            "screens is a list",
            "{\"version\": 1, \"mediaRoot\": \"/m\", \"screens\": {}}",
            "screens: must be a list [ ... ], got an object; write it like \"screens\": [{\"name\": \"left\", \"host\": \"rpi1\", \"media\": \"left.mp4\"}]"),
        rule(
            "a screen is an object",
            "{\"version\": 1, \"mediaRoot\": \"/m\", \"screens\": [\"left\"]}",
            "screens[0]: must be an object { ... }, got text \"left\"; write it like {\"name\": \"left\", \"host\": \"rpi1\", \"media\": \"left.mp4\"}"),
        rule(
            "screen names are unique",
            CLIPS,
            "screens[1].name: \"left\" is already the name of screens[0]; give every screen its own name",
            "\"name\": \"right\"",
            "\"name\": \"left\""),
        rule(
            "screen names differ in more than case",
            CLIPS,
            "screens[1].name: \"Left\" differs from screens[0]'s \"left\" only in upper and lower case; give every screen a clearly different name",
            "\"name\": \"right\"",
            "\"name\": \"Left\""),
        rule(
            "screen names use safe characters",
            CLIPS,
            "screens[1].name: \"right side!\" may only use letters, digits, '-', '_' and '.', and must start with a letter or digit; rename it, such as \"right-side\"",
            "\"name\": \"right\"",
            "\"name\": \"right side!\""),
        rule(
            "screen names start with a letter or digit",
            CLIPS,
            "screens[1].name: \"-right\" may only use letters, digits, '-', '_' and '.', and must start with a letter or digit; rename it, such as \"right\"",
            "\"name\": \"right\"",
            "\"name\": \"-right\""),
        rule(
            "screen names are at most 64 characters",
            CLIPS,
            "screens[1].name: is 65 characters long, more than 64; shorten it",
            "\"name\": \"right\"",
            "\"name\": \"" + "r".repeat(65) + "\""),
        rule(
            "a screen has a name",
            CLIPS,
            "screens[1].name: is missing; give the screen a name, like \"name\": \"left\"",
            "\"name\": \"right\", ",
            ""),
        rule(
            "host is a hostname",
            CLIPS,
            "screens[1].host: \"rpi_2\" is not a valid hostname or IP address; hostnames use letters, digits and '-' only, such as \"rpi-2\"",
            "\"host\": \"rpi2\"",
            "\"host\": \"rpi_2\""),
        rule(
            "host is a valid IP address",
            CLIPS,
            "screens[1].host: \"192.168.1.256\" is not a valid IP address; write 4 numbers from 0 to 255 without leading zeros, like \"192.168.1.101\"",
            "\"host\": \"rpi2\"",
            "\"host\": \"192.168.1.256\""),
        rule(
            "a screen has a host",
            CLIPS,
            "screens[1].host: is missing; add the hostname or IP address of the computer that drives this screen, like \"host\": \"rpi1\"",
            "\"host\": \"rpi2\", ",
            ""),
        rule(
            "a host is spelt one way",
            CLIPS,
            "screens[1].host: \"RPI1\" is \"rpi1\" (screens[0].host) spelt differently; spell each host the same way everywhere",
            RIGHT,
            "{\"name\": \"right\", \"host\": \"RPI1\", \"output\": 1, \"media\": \"right.mp4\"}"),
        rule(
            "one name for the machine mpirun runs on",
            CLIPS,
            "screens[1].host: \"127.0.0.1\" and \"localhost\" (screens[0].host) both name the machine mpirun runs on, and Open MPI would merge them into one node; use one spelling, such as \"localhost\"",
            "\"host\": \"rpi1\", \"address\": \"192.168.1.101\"",
            "\"host\": \"localhost\"",
            RIGHT,
            "{\"name\": \"right\", \"host\": \"127.0.0.1\", \"output\": 1, \"media\": \"right.mp4\"}"),
        rule(
            "address is an IP address",
            CLIPS,
            "screens[1].address: \"192.168.1.300\" is not a valid IP address; write it like \"192.168.1.101\"",
            "\"192.168.1.102\"",
            "\"192.168.1.300\""),
        rule(
            "address is inside the subnet",
            CLIPS,
            "screens[1].address: \"10.1.1.1\" is outside network.subnet 192.168.1.0/24; give an address inside the wall's subnet, or fix network.subnet",
            "\"192.168.1.102\"",
            "\"10.1.1.1\""),
        rule(
            "two hosts do not share an address",
            CLIPS,
            "screens[1].address: \"192.168.1.101\" is already the address of rpi1 (screens[0]); give every host its own address",
            "\"192.168.1.102\"",
            "\"192.168.1.101\""),
        rule(
            "a host has one address",
            CLIPS,
            "screens[1].address: \"192.168.1.102\" differs from \"192.168.1.101\", given for the same host rpi1 at screens[0]; a host has one address: give the same one, or leave it out here",
            "\"host\": \"rpi2\"",
            "\"host\": \"rpi1\", \"output\": 1"),
        rule(
            "output is 0 to 7",
            CLIPS,
            "screens[0].output: must be between 0 and 7, got 8; use 0 for the first display output and 1 for the second (HDMI1 on a Pi 4)",
            "\"output\": 0",
            "\"output\": 8"),
        rule(
            "window x is 0 or more",
            CLIPS,
            "screens[0].window.x: must be between 0 and 16384, got -1; give the left edge in pixels",
            "\"x\": 0",
            "\"x\": -1"),
        rule(
            "window width is more than 0",
            CLIPS,
            "screens[0].window.width: must be between 1 and 16384, got 0; give the width in pixels",
            "\"width\": 1920",
            "\"width\": 0"),
        rule(
            "window height is a whole number",
            CLIPS,
            "screens[0].window.height: must be a whole number, got 1.5; write it like \"height\": 1080",
            "\"height\": 1080",
            "\"height\": 1.5"),
        rule(
            "window edges stay within 16384",
            CLIPS,
            "screens[0].window: its right edge, x + width = 16920, is beyond 16384; make x + width at most 16384",
            "\"x\": 0",
            "\"x\": 15000"),
        rule(
            "window has all four sides",
            CLIPS,
            "screens[0].window.height: is missing; add height, like {\"x\": 0, \"y\": 0, \"width\": 1920, \"height\": 1080}",
            ", \"height\": 1080}",
            "}"),
        rule(
            "windows on one display do not overlap",
            CLIPS,
            "screens[1].window: overlaps screens[0].window on the same display (host rpi1, output 0); move one window, or put it on another output",
            RIGHT,
            "{\"name\": \"right\", \"host\": \"rpi1\", \"window\": {\"x\": 1900, \"y\": 0, \"width\": 1920, \"height\": 1080}, \"media\": \"right.mp4\"}"),
        rule(
            "a full-screen player has its display to itself",
            CLIPS,
            "screens[1].window: is not set, so this screen fills the display (host rpi1, output 0) that screens[0] also uses; give both screens a window, or put one on another output",
            RIGHT,
            "{\"name\": \"right\", \"host\": \"rpi1\", \"media\": \"right.mp4\"}"),
        rule(
            "audio is a known name",
            CLIPS,
            "screens[0].audio: unknown audio \"hdm\"; did you mean \"hdmi\"?",
            "\"audio\": \"hdmi\"",
            "\"audio\": \"hdm\""),
        rule(
            "playerArgs has no empty item",
            CLIPS,
            "screens[0].playerArgs[1]: is empty; remove it; a player takes an empty argument as a file",
            "[\"--no-osc\"]",
            "[\"--no-osc\", \"\"]"),
        rule(
            "playerArgs has one option per item",
            CLIPS,
            "screens[0].playerArgs[0]: holds several options in one item: \"--no-osc --mute\"; arguments are passed as they are, never through a shell: give each option its own item",
            "[\"--no-osc\"]",
            "[\"--no-osc --mute\"]"),
        rule(
            "playerArgs items are text",
            CLIPS,
            "screens[0].playerArgs[0]: must be text in double quotes, got the number 1; write it like \"--no-audio\"",
            "[\"--no-osc\"]",
            "[1]"),
        rule(
            "media does not escape mediaRoot through ..",
            CLIPS,
            "screens[0].media: \"../secret/left.mp4\" leads out of mediaRoot (/srv/wall/media) through \"..\"; put the clip inside /srv/wall/media and give its path relative to it",
            "\"left.mp4\"",
            "\"../secret/left.mp4\""),
        rule(
            "an absolute media path is inside mediaRoot",
            CLIPS,
            "screens[0].media: \"/home/pi/left.mp4\" is outside mediaRoot (/srv/wall/media); move the clip into /srv/wall/media and give its path relative to it",
            "\"left.mp4\"",
            "\"/home/pi/left.mp4\""),
        rule(
            "media is a known video type",
            CLIPS,
            "screens[0].media: \"left.mp3\" is not a known video type (.mp3); use a video file: .mp4, .m4v, .mkv, .mov, .webm, .avi and others",
            "\"left.mp4\"",
            "\"left.mp3\""),
        rule(
            "media has an extension",
            CLIPS,
            "screens[0].media: \"left\" has no file extension; give the full file name, such as \"left.mp4\"",
            "\"left.mp4\"",
            "\"left\""),
        rule(
            "media uses / between folders",
            CLIPS,
            "screens[0].media: \"clips\\left.mp4\" uses '\\' between folders; use '/' as on Linux, such as \"clips/left.mp4\"",
            "\"left.mp4\"",
            "\"clips\\\\left.mp4\""),
        rule(
            "a screen has media or a span to show",
            CLIPS,
            "screens[1].media: is missing, and the layout has no span to show; give the screen a clip, like \"media\": \"left.mp4\", or add a top-level \"span\"",
            ", \"media\": \"right.mp4\"",
            ""),
        rule(
            "a playlist is not empty",
            CLIPS,
            "screens[0].media: is an empty list; name at least one clip, like \"media\": [\"intro.mp4\", \"main.mp4\"]",
            "\"left.mp4\"",
            "[]"),
        rule(
            "a playlist lists text",
            CLIPS,
            "screens[0].media[1]: must be text in double quotes, got the number 2; write it like \"main.mp4\"",
            "\"media\": \"left.mp4\"",
            "\"media\": [\"left.mp4\", 2]",
            "\"media\": \"right.mp4\"",
            "\"media\": [\"right.mp4\", \"right-2.mp4\"]"),
        rule(
            "media is a clip or a playlist",
            CLIPS,
            "screens[0].media: must be text in double quotes or a list [ ... ], got the number 7; write it like \"media\": \"left.mp4\", or a playlist like \"media\": [\"intro.mp4\", \"main.mp4\"]",
            "\"left.mp4\"",
            "7"),
        rule(
            "every playlist item follows the media rules",
            CLIPS,
            "screens[0].media[1]: \"../b.mp4\" leads out of mediaRoot (/srv/wall/media) through \"..\"; put the clip inside /srv/wall/media and give its path relative to it",
            "\"media\": \"left.mp4\"",
            "\"media\": [\"left.mp4\", \"../b.mp4\"]",
            "\"media\": \"right.mp4\"",
            "\"media\": [\"right.mp4\", \"right-2.mp4\"]"),
        rule(
            "a playlist has at most 1000 clips",
            CLIPS,
            "screens[0].media: lists 1001 clips, more than 1000; split the show into several layouts",
            "\"left.mp4\"",
            "[" + "\"c.mp4\", ".repeat(1000) + "\"c.mp4\"]"),
        rule(
            "every screen's playlist has as many items",
            CLIPS,
            "screens[1].media: has 1 item, but screens[0].media has 2; screens move from item to item together, so give every playlist 2 items",
            "\"media\": \"left.mp4\"",
            "\"media\": [\"left.mp4\", \"left-2.mp4\"]"),
        rule(
            "the span's playlist has as many items as the screens'",
            SPAN,
            "span.media: has 2 items, but screens[0].media has 1; screens move from item to item together, so give every playlist 1 item",
            "\"pano.mp4\"",
            "[\"pano-1.mp4\", \"pano-2.mp4\"]",
            "{\"name\": \"a\", \"host\": \"rpi1\",",
            "{\"name\": \"a\", \"host\": \"rpi1\", \"media\": \"logo.mp4\","),
        rule(
            "playlists play in lockstep",
            CLIPS,
            "screens[0].media: is a playlist, but loopMode \"independent\" restarts each screen's clip on its own; playlists change items together, in lockstep: remove \"loopMode\", or give one clip",
            "\"player\"",
            "\"loopMode\": \"independent\", \"player\"",
            "\"media\": \"left.mp4\"",
            "\"media\": [\"left.mp4\", \"left-2.mp4\"]",
            "\"media\": \"right.mp4\"",
            "\"media\": [\"right.mp4\", \"right-2.mp4\"]"),
        rule(
            "unevenItems is a known name",
            CLIPS,
            "unevenItems: unknown unevenItems \"hodl\"; did you mean \"hold\"?",
            "\"player\"",
            "\"unevenItems\": \"hodl\", \"player\""),
        rule(
            "unevenItems is set once, at the top",
            CLIPS,
            "screens[1].unevenItems: unknown field here; it is set once for the whole wall, at the top level",
            "\"media\": \"right.mp4\"",
            "\"media\": \"right.mp4\", \"unevenItems\": \"hold\""),
        rule(
            "latencyMs is at most a second",
            CLIPS,
            "screens[1].latencyMs: must be between -1000 and 1000, got 1500; give how many ms later this panel shows a frame than the others (less than 0: sooner)",
            "\"media\": \"right.mp4\"",
            "\"media\": \"right.mp4\", \"latencyMs\": 1500"),
        rule(
            "latencyMs is whole milliseconds",
            CLIPS,
            "screens[1].latencyMs: must be a whole number, got 33.3; write it like \"latencyMs\": 50",
            "\"media\": \"right.mp4\"",
            "\"media\": \"right.mp4\", \"latencyMs\": 33.3"),
        rule(
            "latencyMs belongs to a screen",
            CLIPS,
            "latencyMs: unknown field here; it belongs inside a screen, in \"screens\": [ { ... } ]",
            "\"loops\": 3",
            "\"loops\": 3, \"latencyMs\": 100"),
        rule(
            "board is a board wall knows",
            CLIPS,
            "screens[1].board: unknown board \"pi3\"; say \"pi4\" (a Raspberry Pi 4, 400 or Compute Module 4),"
                + " \"pi5\" (a Pi 5, 500 or Compute Module 5) or \"pc\" (any other computer), or leave it"
                + " out to ask the node",
            "\"media\": \"right.mp4\"",
            "\"media\": \"right.mp4\", \"board\": \"pi3\""),
        rule(
            "board is text",
            CLIPS,
            "screens[1].board: must be text in double quotes, got the number 4; write it like \"board\": \"pi4\"",
            "\"media\": \"right.mp4\"",
            "\"media\": \"right.mp4\", \"board\": 4"),
        rule(
            "a host is one board",
            SPAN,
            "screens[1].board: \"pi5\" differs from \"pi4\", given for the same host rpi1 at screens[0]; a"
                + " host is one board: give the same one, or leave it out here",
            "{\"name\": \"a\", \"host\": \"rpi1\",",
            "{\"name\": \"a\", \"host\": \"rpi1\", \"board\": \"pi4\",",
            "{\"name\": \"b\", \"host\": \"rpi2\",",
            "{\"name\": \"b\", \"host\": \"rpi1\", \"output\": 1, \"board\": \"pi5\","),
        rule(
            "board belongs to a screen",
            CLIPS,
            "board: unknown field here; it belongs inside a screen, in \"screens\": [ { ... } ]",
            "\"loops\": 3",
            "\"loops\": 3, \"board\": \"pi4\""),
        rule(
            "playFrom is cache or share",
            CLIPS,
            "playFrom: unknown playFrom \"shared\"; did you mean \"share\"?",
            "\"player\"",
            "\"playFrom\": \"shared\", \"player\""),
        rule(
            "playFrom is text",
            CLIPS,
            "playFrom: must be text in double quotes, got true; write it like \"playFrom\": \"share\"",
            "\"player\"",
            "\"playFrom\": true, \"player\""),
        rule(
            "playFrom is set once, at the top",
            CLIPS,
            "screens[1].playFrom: unknown field here; it is set once for the whole wall, at the top level",
            "\"media\": \"right.mp4\"",
            "\"media\": \"right.mp4\", \"playFrom\": \"share\""),
        rule(
            "two screens with sound name the clock",
            CLIPS,
            "screens[1].audio: is \"local\", and screens[0] plays sound too; the wall keeps one screen's clock and never trims its speed; name that screen, like \"sync\": {\"reference\": \"left\"}",
            "\"media\": \"right.mp4\"",
            "\"media\": \"right.mp4\", \"audio\": \"local\""),
        rule(
            "the reference names a screen",
            CLIPS,
            "sync.reference: names no screen: \"lfet\"; did you mean \"left\"?",
            "\"maxRateTrim\": 0.05",
            "\"maxRateTrim\": 0.05, \"reference\": \"lfet\""),
        rule(
            "the reference names the screen with the sound",
            CLIPS,
            "sync.reference: \"right\" has no sound, but screens[0] (\"left\") plays audio \"hdmi\"; name the screen with the sound: a trim of its speed would bend what visitors hear",
            "\"maxRateTrim\": 0.05",
            "\"maxRateTrim\": 0.05, \"reference\": \"right\""),
        rule(
            "the reference is a screen's name",
            CLIPS,
            "sync.reference: must be text in double quotes, got the number 0; write it like \"reference\": \"centre\"",
            "\"maxRateTrim\": 0.05",
            "\"maxRateTrim\": 0.05, \"reference\": 0"),
        rule(
            "reference belongs in sync",
            CLIPS,
            "reference: unknown field here; it belongs in \"sync\": {\"reference\": ...}",
            "\"loops\": 3",
            "\"loops\": 3, \"reference\": \"left\""),
        rule(
            "span needs the wall",
            SPAN,
            "wall: is missing; span mode needs the size of the wall canvas; add \"wall\": {\"width\": 3840, \"height\": 2160}, bezel gaps included",
            "\"wall\": {\"width\": 3880, \"height\": 1080},",
            ""),
        rule(
            "wall width is positive",
            SPAN,
            "wall.width: must be between 1 and 1000000, got 0; give the whole wall's width, bezel gaps included, in the unit of the regions",
            "\"width\": 3880",
            "\"width\": 0"),
        rule(
            "span names its media",
            SPAN,
            "span.media: is missing; name the video to show across the wall, like \"span\": {\"media\": \"panorama.mp4\"}",
            "{\"media\": \"pano.mp4\"}",
            "{}"),
        rule(
            "span media follows the media rules",
            SPAN,
            "span.media: \"pano.gif\" is not a known video type (.gif); use a video file: .mp4, .m4v, .mkv, .mov, .webm, .avi and others",
            "\"pano.mp4\"",
            "\"pano.gif\""),
        rule(
            "regions lie inside the wall",
            SPAN,
            "screens[1].region: its right edge, x + width = 3920, is beyond the wall's width, 3880; move or shrink the region, or widen \"wall\"",
            "\"x\": 1960",
            "\"x\": 2000"),
        rule(
            "regions lie inside the wall's height",
            SPAN,
            "screens[0].region: its bottom edge, y + height = 1100, is beyond the wall's height, 1080; move or shrink the region, or make \"wall\" taller",
            "\"x\": 0, \"y\": 0, \"width\": 1920, \"height\": 1080",
            "\"x\": 0, \"y\": 20, \"width\": 1920, \"height\": 1080"),
        rule(
            "regions do not overlap",
            SPAN,
            "screens[1].region: overlaps screens[0].region; two screens cannot hang in the same place: move one region",
            "\"x\": 1960",
            "\"x\": 1900"),
        rule(
            "a screen showing the span has a region",
            SPAN,
            "screens[0].region: is missing; this screen shows the span, and needs the part of the wall it shows; add \"region\": {\"x\": 0, \"y\": 0, \"width\": 1920, \"height\": 1080}",
            ", \"region\": {\"x\": 0, \"y\": 0, \"width\": 1920, \"height\": 1080}",
            ""),
        rule(
            "regions need the wall",
            CLIPS,
            "wall: is missing; regions are placed on the wall canvas, which needs a size; add \"wall\": {\"width\": 3840, \"height\": 2160}, bezel gaps included",
            "\"media\": \"right.mp4\"",
            "\"media\": \"right.mp4\", \"region\": {\"x\": 0, \"y\": 0, \"width\": 10, \"height\": 10}"),
        rule(
            "unknown fields, with a did-you-mean",
            CLIPS,
            "loop: unknown field; did you mean \"loops\"?",
            "\"loops\": 3",
            "\"loop\": 3"),
        rule(
            "unknown fields in a rectangle",
            CLIPS,
            "screens[0].window.height: is missing; add height, like {\"x\": 0, \"y\": 0, \"width\": 1920, \"height\": 1080}\n"
                + "screens[0].window.hieght: unknown field; did you mean \"height\"?",
            "\"height\": 1080",
            "\"hieght\": 1080"),
        rule(
            "unknown fields, listing the known ones",
            CLIPS,
            "screens[1].colour: unknown field; remove it (fields here: name, host, address, output, window, region, media, audio, playerArgs, latencyMs, board)",
            "\"media\": \"right.mp4\"",
            "\"media\": \"right.mp4\", \"colour\": \"red\""),
        rule(
            "a screen's field at the top level",
            CLIPS,
            "host: unknown field here; it belongs inside a screen, in \"screens\": [ { ... } ]",
            "\"loops\": 3",
            "\"loops\": 3, \"host\": \"rpi9\""),
        rule(
            "a top-level field in a screen",
            CLIPS,
            "screens[1].loops: unknown field here; it is set once for the whole wall, at the top level",
            "\"media\": \"right.mp4\"",
            "\"media\": \"right.mp4\", \"loops\": 2"),
        rule(
            "objects are objects",
            CLIPS,
            "network: must be an object { ... }, got text \"192.168.1.0/24\"; write it like \"network\": {\"subnet\": \"192.168.1.0/24\", \"interface\": \"eth0\"}",
            "{\"subnet\": \"192.168.1.0/24\", \"interface\": \"eth0\", \"gateway\": \"192.168.1.1\", \"dns\": [\"192.168.1.1\"]}",
            "\"192.168.1.0/24\""),
        rule(
            "the layout is an object",
            "[]",
            "the layout must be a JSON object { ... }, got a list; see docs/layout.md for an example"),
        rule(
            "invalid JSON, with line and column",
            CLIPS,
            "screens[1].media: invalid JSON at line 13, column 88: a comma before '}' has nothing after it; remove the last comma",
            "\"right.mp4\"}",
            "\"right.mp4\",}"),
        rule(
            "duplicate keys",
            CLIPS,
            "loops: duplicate key \"loops\" (lines 4 and 4); keep only one of them",
            "\"loops\": 3",
            "\"loops\": 3, \"loops\": 4"),
        rule(
            "nothing after the layout",
            CLIPS,
            "unexpected content after the end of the layout, at line 16, column 1; remove everything after the closing '}' of the layout",
            "]\n}\n",
            "]\n}\n}\n"));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("rules")
  void everyRuleHasItsOwnExactLine(String base, List<String> fromTo, List<String> expected)
      throws Exception {
    String text = base;
    for (int i = 0; i < fromTo.size(); i += 2) {
      assertTrue(text.contains(fromTo.get(i)), "the base layout has no " + fromTo.get(i));
      text = text.replace(fromTo.get(i), fromTo.get(i + 1));
    }
    Path file = dir.resolve("layout.json");
    Files.writeString(file, text);
    byte[] before = Files.readAllBytes(file);

    Cli result = Cli.run("validate", file);

    assertEquals(
        expected.stream().map(line -> file + ": " + line).toList(), result.errLines(), text);
    assertEquals(2, result.code());
    assertEquals("", result.out());
    assertEquals(List.of("layout.json"), listDir(), "validate wrote a file");
    assertTrue(java.util.Arrays.equals(before, Files.readAllBytes(file)));
  }

  @Test
  void theBaseLayoutsAreValid() throws Exception {
    for (String base : List.of(CLIPS, SPAN, manyScreens(256))) {
      Path file = dir.resolve("ok.json");
      Files.writeString(file, base);
      Cli result = Cli.run("validate", file);
      assertEquals(file + ": ok\n", result.out(), result.err());
      assertEquals(0, result.code());
    }
  }

  @Test
  void aPlaylistEverywhereAndTwoSoundScreensWithAClockAreFine() throws Exception {
    Path file = dir.resolve("show.json");
    Files.writeString(
        file,
        CLIPS
            .replace(
                "\"media\": \"left.mp4\"",
                "\"media\": [\"left.mp4\", \"left-2.mp4\"], \"latencyMs\": -50")
            .replace(
                "\"media\": \"right.mp4\"",
                "\"media\": [\"right.mp4\", \"right.mp4\"], \"audio\": \"local\"")
            .replace("\"maxRateTrim\": 0.05", "\"maxRateTrim\": 0.05, \"reference\": \"right\"")
            .replace("\"player\"", "\"unevenItems\": \"hold\", \"playFrom\": \"share\", \"player\"")
            .replace("\"host\": \"rpi2\"", "\"host\": \"rpi2\", \"board\": \"pi5\""));
    Cli result = Cli.run("validate", file);
    assertEquals(file + ": ok\n", result.out(), result.err());
    assertEquals(0, result.code());
  }

  @Test
  void anAbsoluteMediaPathInsideMediaRootIsFine() throws Exception {
    Path file = dir.resolve("abs.json");
    Files.writeString(file, CLIPS.replace("\"left.mp4\"", "\"/srv/wall/media/x/../left.mp4\""));
    assertEquals(0, Cli.run("validate", file).code());
  }

  @Test
  void reportsEveryProblemOfEveryFileAndOkForTheGoodOnes() throws Exception {
    Path good = dir.resolve("good.json");
    Path bad = dir.resolve("bad.json");
    Files.writeString(good, CLIPS);
    Files.writeString(
        bad,
        CLIPS
            .replace("\"loops\": 3", "\"loops\": -3")
            .replace("\"audio\": \"hdmi\"", "\"audio\": \"loud\""));
    Cli result = Cli.run("validate", bad, good, dir.resolve("gone.json"));
    assertEquals(good + ": ok\n", result.out());
    assertEquals(
        List.of(
            bad
                + ": loops: must be between 0 and 1000000, got -3; use 0 to play forever, or a count up to 1000000",
            bad + ": screens[0].audio: unknown audio \"loud\"; use one of hdmi, local, both, none",
            dir.resolve("gone.json") + ": does not exist; check the file name and folder"),
        result.errLines());
    assertEquals(2, result.code());
  }

  private List<String> listDir() throws Exception {
    try (Stream<Path> files = Files.list(dir)) {
      return files.map(p -> p.getFileName().toString()).sorted().toList();
    }
  }

  static String manyScreens(int count) {
    String screens =
        IntStream.range(0, count)
            .mapToObj(
                i -> "{\"name\": \"s" + i + "\", \"host\": \"h" + i + "\", \"media\": \"c.mp4\"}")
            .collect(Collectors.joining(",\n"));
    return "{\"version\": 1, \"mediaRoot\": \"/m\", \"screens\": [\n" + screens + "\n]}";
  }
}
