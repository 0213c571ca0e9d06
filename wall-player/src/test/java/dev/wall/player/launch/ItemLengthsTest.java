package dev.wall.player.launch;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.wall.core.layout.InvalidLayoutException;
import dev.wall.core.layout.Layout;
import dev.wall.core.layout.LayoutReader;
import dev.wall.core.layout.Problem;
import dev.wall.player.players.MediaInfo;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The item-length rule on given lengths: which items are refused, and the exact line. */
class ItemLengthsTest {
  private static Layout layout(String uneven) throws InvalidLayoutException {
    return new LayoutReader()
        .read(
            "show.json",
            "{\"version\": 1, \"mediaRoot\": \"/m\""
                + uneven
                + ","
                + " \"wall\": {\"width\": 30, \"height\": 10}, \"span\": {\"media\": [\"p1.mp4\", \"p2.mp4\"]}, \"screens\": ["
                + "{\"name\": \"a\", \"host\": \"h1\", \"media\": [\"a1.mp4\", \"a2.mp4\"]},"
                + "{\"name\": \"b\", \"host\": \"h2\", \"media\": [\"b1.mp4\", \"b2.mp4\"]},"
                + "{\"name\": \"c\", \"host\": \"h3\", \"region\": {\"x\": 0, \"y\": 0, \"width\": 10, \"height\": 10}}]}");
  }

  private static Map<Path, ItemLengths.Clip> lengths(double... seconds) {
    String[] names = {"a1", "a2", "b1", "b2", "p1", "p2"};
    Map<Path, ItemLengths.Clip> clips = new HashMap<>();
    for (int i = 0; i < names.length; i++) {
      clips.put(
          Path.of("/m/" + names[i] + ".mp4"),
          new ItemLengths.Clip(new MediaInfo(320, 180, 30, seconds[i]), null));
    }
    return clips;
  }

  @Test
  void itemsWithinAFrameOfEachOtherPass() throws Exception {
    assertEquals(
        List.of(),
        ItemLengths.check("show.json", layout(""), lengths(10, 20, 10.02, 19.99, 10, 20)));
  }

  @Test
  void anUnevenItemIsOneLineNamingTheItemTheScreensAndTheirLengths() throws Exception {
    List<Problem> problems =
        ItemLengths.check("show.json", layout(""), lengths(10, 20, 10, 18.5, 9.5, 20));
    assertEquals(
        List.of(
            "show.json: span.media[0]: item 1 lasts 9.500 s on c, but 10.000 s on a, b: more than a frame (33 ms) apart;"
                + " make item 1 equally long on every screen, or set \"unevenItems\": \"hold\" to hold the shorter clips'"
                + " last frame",
            "show.json: screens[1].media[1]: item 2 lasts 18.500 s on b, but 20.000 s on a, c: more than a frame (33 ms)"
                + " apart; make item 2 equally long on every screen, or set \"unevenItems\": \"hold\" to hold the shorter"
                + " clips' last frame"),
        problems.stream().map(Problem::line).toList());
  }

  @Test
  void aClipThatCannotBeReadHereIsNamed() throws Exception {
    Map<Path, ItemLengths.Clip> clips = lengths(10, 20, 10, 20, 10, 20);
    clips.put(
        Path.of("/m/b2.mp4"),
        new ItemLengths.Clip(null, "/m/b2.mp4 does not exist on this machine"));
    assertEquals(
        List.of(
            "show.json: screens[1].media[1]: cannot check item 2's length here: /m/b2.mp4 does not"
                + " exist on this machine; mount the media share on this machine (or pass --media-root), or set"
                + " \"unevenItems\": \"hold\""),
        ItemLengths.check("show.json", layout(""), clips).stream().map(Problem::line).toList());
  }

  @Test
  void holdAndSingleClipsAreNotProbedAtAll() throws Exception {
    Path nowhere = Path.of("/nonexistent/probes");
    assertEquals(
        List.of(), ItemLengths.check("show.json", layout(", \"unevenItems\": \"hold\""), nowhere));
    Layout single =
        new LayoutReader()
            .read(
                "one.json",
                "{\"version\": 1, \"mediaRoot\": \"/m\", \"screens\": ["
                    + "{\"name\": \"a\", \"host\": \"h1\", \"media\": \"a.mp4\"}, {\"name\": \"b\", \"host\": \"h2\", \"media\": \"b.mp4\"}]}");
    assertEquals(List.of(), ItemLengths.check("one.json", single, nowhere));
  }
}
