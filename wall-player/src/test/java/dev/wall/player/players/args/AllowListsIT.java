package dev.wall.player.players.args;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.wall.player.players.mpv.MpvArgs;
import dev.wall.player.players.vlc.VlcArgs;
import dev.wall.player.playertest.TestMedia;
import dev.wall.player.process.ChildProcess;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.OptionalInt;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * Every option on the mpv and VLC allow-lists, in every form the list takes it, is one the real
 * player takes: no misspelt name passes the list only to make the player fail on a node. (The
 * omxplayer list is checked against its source, {@code omxplayer.cpp}; it cannot run here.)
 */
@Tag("smoke")
class AllowListsIT {
  /**
   * Each allowed option as a layout may write it: a switch both ways, a value as in the list's
   * example.
   */
  static List<String> everyForm(AllowList list) {
    List<String> args = new ArrayList<>();
    for (AllowList.Option option : list.options().values()) {
      switch (option.arity()) {
        case FLAG -> args.addAll(List.of("--" + option.name(), "--no-" + option.name()));
        case OFF_ONLY -> args.add("--no-" + option.name());
        case VALUE, OPTIONAL_VALUE -> args.add("--" + option.name() + "=" + option.example());
      }
    }
    return args;
  }

  @Test
  void mpvTakesEveryAllowedOption() throws Exception {
    MpvArgs list = new MpvArgs();
    List<String> args = everyForm(list);
    assertEquals(List.of(), list.check(args), "the list passes its own forms");
    List<String> argv = new ArrayList<>(List.of("mpv", "--no-config", "--idle=no"));
    argv.addAll(args);
    Run run = run("mpv-options", argv);
    assertEquals(0, run.code(), run.log());
    assertFalse(run.log().contains("Error parsing"), run.log());
  }

  @Test
  void vlcTakesEveryAllowedOption() throws Exception {
    VlcArgs list = new VlcArgs();
    List<String> args = everyForm(list);
    assertEquals(List.of(), list.check(args), "the list passes its own forms");
    // VLC refuses to run as root; vlc://quit ends it once the options are read.
    List<String> argv = new ArrayList<>(List.of("runuser", "-u", "wall-test", "--", "cvlc"));
    argv.addAll(args);
    argv.add("vlc://quit");
    Run run = run("vlc-options", argv);
    assertEquals(0, run.code(), run.log());
    assertFalse(run.log().contains("unknown option"), run.log());
  }

  private record Run(int code, String log) {}

  private static Run run(String name, List<String> argv) throws Exception {
    Path work = TestMedia.workDir(name);
    try (ChildProcess player =
        ChildProcess.start(name, argv, work.resolve(name + ".log"), Map.of())) {
      OptionalInt code = player.waitFor(Duration.ofSeconds(60));
      assertTrue(code.isPresent(), name + " did not finish within 60 s");
      return new Run(code.getAsInt(), String.join("\n", player.lastLogLines(40)));
    }
  }
}
