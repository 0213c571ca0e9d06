package dev.wall.player.packaging;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.wall.player.cli.WallCli;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ManPagesTest {
  private static final Map<String, String> PAGES =
      ManPages.of(
          WallCli.commandLine(
              new PrintWriter(new StringWriter()), new PrintWriter(new StringWriter())),
          "0.1.0");

  @Test
  void everyCommandHasItsPageAndHelpHasNone() {
    assertTrue(
        PAGES
            .keySet()
            .containsAll(
                java.util.List.of(
                    "wall.1",
                    "wall-play.1",
                    "wall-setup.1",
                    "wall-setup-ssh.1",
                    "wall-setup-install.1",
                    "wall-setup-autostart.1")),
        PAGES.keySet().toString());
    assertTrue(
        PAGES.keySet().stream().noneMatch(name -> name.contains("help")),
        PAGES.keySet().toString());
  }

  @Test
  void aPageSaysWhatHelpSaysInRoff() {
    String play = PAGES.get("wall-play.1");
    assertTrue(
        play.startsWith(
            ".TH WALL\\-PLAY 1 \"\" \"wall 0.1.0\" \"wall manual\"\n.SH NAME\nwall\\-play \\- Play the wall"),
        play);
    assertTrue(play.contains(".TP\n\\fB\\-\\-forever\\fR\nLoop until stopped"), play);
    assertTrue(play.contains(".TP\n\\fB\\-\\-loops\\fR=\\fIN\\fR\n"), play);
    assertTrue(play.contains(".SH EXIT STATUS\n0 ok;"), play);
  }

  @Test
  void textIsNeverTakenForARequest() {
    assertEquals("\\&.hidden \\e \\- x", ManPages.escapeLine(".hidden \\ - x"));
    assertEquals("\\&'quoted", ManPages.escapeLine("'quoted"));
  }
}
