package dev.wall.player.players.args;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.wall.player.players.mpv.MpvArgs;
import dev.wall.player.players.omxplayer.OmxplayerArgs;
import dev.wall.player.players.vlc.VlcArgs;
import dev.wall.player.testing.Project;
import java.nio.file.Files;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/** docs/layout.md's tables of allowed options are each player's allow-list, no more and no less. */
class AllowListDocTest {
  private static final Pattern OPTION = Pattern.compile("`(--[A-Za-z0-9_-]+)");

  @Test
  void eachPlayersTableListsExactlyItsAllowList() throws Exception {
    String doc = Files.readString(Project.root().resolve("docs/layout.md"));
    assertEquals(names(new MpvArgs()), documented(doc, "#### mpv"));
    assertEquals(names(new VlcArgs()), documented(doc, "#### VLC"));
    assertEquals(names(new OmxplayerArgs()), documented(doc, "#### omxplayer"));
  }

  /** Each allowed option as the table writes it: a switch the wall keeps off in its no form. */
  private static Set<String> names(AllowList list) {
    Set<String> names = new TreeSet<>();
    list.options()
        .values()
        .forEach(
            o -> names.add((o.arity() == AllowList.Arity.OFF_ONLY ? "--no-" : "--") + o.name()));
    return names;
  }

  /** The options in the table rows of the section that starts with {@code heading}. */
  private static Set<String> documented(String doc, String heading) {
    int start = doc.indexOf("\n" + heading);
    int end = doc.indexOf("\n#### ", start + 1);
    Set<String> names = new TreeSet<>();
    for (String line : doc.substring(start, end).lines().toList()) {
      if (line.startsWith("| ") && !line.startsWith("| for ")) {
        Matcher option = OPTION.matcher(line);
        while (option.find()) {
          names.add(option.group(1));
        }
      }
    }
    return names;
  }
}
