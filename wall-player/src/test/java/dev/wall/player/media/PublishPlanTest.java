package dev.wall.player.media;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.wall.core.layout.Audio;
import dev.wall.core.layout.Layout;
import dev.wall.core.layout.PlayerKind;
import dev.wall.core.layout.Rect;
import dev.wall.core.layout.Screen;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** Which file goes to which node, and under which name, from a layout in memory. */
class PublishPlanTest {
  private static final String A = "a".repeat(64);
  private static final String B = "b".repeat(64);
  private static final String C = "c".repeat(64);

  /** Three screens on two hosts; s1 and s2 share node "left", and both play a.mp4. */
  private static Layout layout() {
    List<Screen> screens = new ArrayList<>();
    String[][] rows = {{"s1", "left", "a.mp4"}, {"s2", "left", "a.mp4"}, {"s3", "right", "C.MOV"}};
    for (int i = 0; i < rows.length; i++) {
      screens.add(
          new Screen(
              rows[i][0],
              rows[i][1],
              null,
              0,
              new Rect(i * 100, 0, 100, 100),
              null,
              rows[i][2],
              Audio.NONE,
              List.of()));
    }
    return Layout.of(
        1, "hall", 1, PlayerKind.MPV, "/srv/wall", null, null, null, null, null, screens);
  }

  private static final Map<String, String> SUMS =
      Map.of("/srv/wall/a.mp4", A, "/srv/wall/C.MOV", C, "/srv/wall/odd name.xyz", B);

  private static String sum(Path p) {
    return SUMS.get(p.toString());
  }

  @Test
  void eachNodeGetsItsScreensClipsOnceByContent() throws IOException {
    PublishPlan.Plan plan = PublishPlan.plan(layout(), PublishPlanTest::sum);
    assertEquals(Set.of("left", "right"), plan.files().keySet());
    List<PublishPlan.Placement> left = plan.files().get("left");
    assertEquals(1, left.size(), "one file for two screens of one node: " + left);
    assertEquals(A + ".mp4", left.get(0).cacheName());
    assertEquals(List.of("s1#0", "s2#0"), left.get(0).screens());
    assertEquals("s1", left.get(0).firstScreen());
    assertEquals(Path.of("/srv/wall/a.mp4"), left.get(0).source());
    assertEquals(
        List.of(C + ".mov"), plan.files().get("right").stream().map(p -> p.cacheName()).toList());
    assertEquals(List.of(A + ".mp4"), plan.clips().get("s2"));
    assertEquals(Set.of(C + ".mov"), plan.needed("right"));
  }

  @Test
  void aNameIsOnlyTheDigestAndAKnownExtension() {
    assertEquals(B + ".media", PublishPlan.cacheName(B, Path.of("/srv/wall/odd name.xyz")));
    assertEquals(B + ".media", PublishPlan.cacheName(B, Path.of("/srv/wall/$(reboot)")));
    assertEquals(B + ".mkv", PublishPlan.cacheName(B, Path.of("/srv/wall/x.MKV")));
    assertTrue(PublishPlan.CACHE_NAME.matcher(B + ".webm").matches());
  }

  @Test
  void aDigestThatIsNotHexIsRefused() {
    assertThrows(IOException.class, () -> PublishPlan.plan(layout(), p -> "../../etc/passwd"));
  }
}
