package dev.wall.player.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.wall.player.cli.common.ExitCodes;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

class WallCliTest {
  private static final PrintWriter NOWHERE = new PrintWriter(new StringWriter());

  @Test
  void eachSubcommandIsListedUnderItsOwnName() {
    WallCli.SUBCOMMANDS.forEach(
        (name, command) -> {
          Object made = command.get();
          CommandLine cli = made instanceof CommandLine tree ? tree : new CommandLine(made);
          assertEquals(name, cli.getCommandName(), "the name picocli would give it");
        });
  }

  @Test
  void aRunThatNamesItsSubcommandGetsOnlyThatOne() {
    assertEquals(List.of("play"), names(WallCli.commandLine(NOWHERE, NOWHERE, "play")));
    assertEquals(List.of("setup"), names(WallCli.commandLine(NOWHERE, NOWHERE, "setup")));
  }

  @Test
  void helpAndUnknownWordsGetTheWholeTree() {
    List<String> all = new ArrayList<>(WallCli.SUBCOMMANDS.keySet());
    assertEquals(all, names(WallCli.commandLine(NOWHERE, NOWHERE, "help")));
    assertEquals(all, names(WallCli.commandLine(NOWHERE, NOWHERE, "paly")));
    assertEquals(all, names(WallCli.commandLine(NOWHERE, NOWHERE, null)));
    assertEquals(all, names(WallCli.commandLine(NOWHERE, NOWHERE)));
  }

  @Test
  void aMistypedSubcommandIsStillSuggested() {
    StringWriter err = new StringWriter();
    int code = WallCli.run(NOWHERE, new PrintWriter(err, true), "paly", "lobby.json");
    assertEquals(ExitCodes.BAD_INPUT, code);
    assertTrue(
        err.toString()
            .startsWith(
                "wall: Unmatched arguments from index 0: 'paly', 'lobby.json' (did you mean play?)"),
        err.toString());
  }

  @Test
  void aMistypedOptionIsSuggestedToo() {
    StringWriter err = new StringWriter();
    int code =
        WallCli.run(NOWHERE, new PrintWriter(err, true), "play", "lobby.json", "--lops", "3");
    assertEquals(ExitCodes.BAD_INPUT, code);
    assertEquals(
        "wall: Unknown options: '--lops', '3' (did you mean --loops?)",
        err.toString().lines().findFirst().orElse(""));
  }

  private static List<String> names(CommandLine cli) {
    return new ArrayList<>(cli.getSubcommands().keySet());
  }
}
