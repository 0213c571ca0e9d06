package dev.wall.player.wire;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class ControlCommandTest {

  @ParameterizedTest
  @ValueSource(
      strings = {
        "pause",
        "resume",
        "goto 3",
        "next",
        "previous",
        "restart",
        "blank",
        "unblank",
        "loops 0",
        "loops 12",
        "power on",
        "power off",
        "trigger intro.mp4 every resume",
        "trigger intro.mp4 span start",
        "reload"
      })
  void eachCommandReadsBackFromItsWords(String text) {
    ControlCommand command = ControlCommand.parse(Arrays.asList(text.split(" ")));
    assertEquals(text, command.text());
    assertEquals(command, ControlCommand.parse(command.words()));
  }

  @Test
  void triggerDefaultsToEveryScreenAndBackToWhereTheLoopWas() {
    assertEquals(
        new ControlCommand.Trigger("intro.mp4", false, true),
        ControlCommand.parse(List.of("trigger", "intro.mp4")));
    assertEquals(
        new ControlCommand.Trigger("intro.mp4", true, false),
        ControlCommand.parse(List.of("trigger", "intro.mp4", "start", "span")));
  }

  /** A request's clip name reaches mpv as a path: only plain names under the media root pass. */
  @ParameterizedTest
  @ValueSource(
      strings = {
        "../secret.mp4",
        "clips/../../etc/passwd.mp4",
        "/etc/passwd.mp4",
        ".hidden.mp4",
        "-vf=x.mp4",
        "--script=/tmp/x.lua",
        "lavfi://testsrc.mp4",
        "edl://a.mp4",
        "av://v4l2:/dev/video0.mp4",
        "a b.mp4",
        "a\nb.mp4",
        "intro.lua",
        "intro",
        "clips/.mp4",
        "clips//intro.mp4",
        "memory://x.mp4"
      })
  void aTriggeredClipOutsideTheAllowListIsRefusedInOneLine(String clip) {
    String name = clip.replace("\\n", "\n");
    String message =
        assertThrows(
                IllegalArgumentException.class,
                () -> ControlCommand.parse(List.of("trigger", name)))
            .getMessage();
    assertTrue(message.startsWith("trigger takes "), message);
    assertTrue(!message.contains("\n"), message);
  }

  @ParameterizedTest
  @ValueSource(strings = {"intro.mp4", "clips/intro_2.MKV", "a/b/c-d+e.webm", "1080p.mov"})
  void aTriggeredClipUnderTheMediaRootPasses(String clip) {
    assertEquals(
        new ControlCommand.Trigger(clip, false, true),
        ControlCommand.parse(List.of("trigger", clip)));
  }

  @Test
  void everyVerbIsListedAndParses() {
    for (String verb : ControlCommand.VERBS) {
      String message =
          assertThrows(IllegalArgumentException.class, () -> wrongArguments(verb)).getMessage();
      assertTrue(message.startsWith(verb + " "), message);
    }
  }

  private static void wrongArguments(String verb) {
    List<String> args =
        switch (verb) {
          case "goto", "loops", "power" -> List.of("x", "y");
          case "trigger" -> List.of();
          default -> List.of("x");
        };
    ControlCommand.parse(verb, args);
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "",
        "jump",
        "goto",
        "goto 0",
        "goto -1",
        "goto 1e3",
        "loops -1",
        "power maybe",
        "trigger",
        "trigger a b",
        "pause now",
        "goto 9999999"
      })
  void badCommandsAreOneLineSayingWhatIsExpected(String text) {
    List<String> words = text.isEmpty() ? List.of() : Arrays.asList(text.split(" "));
    String message =
        assertThrows(IllegalArgumentException.class, () -> ControlCommand.parse(words))
            .getMessage();
    assertTrue(!message.contains("\n") && !message.isBlank(), message);
  }
}
