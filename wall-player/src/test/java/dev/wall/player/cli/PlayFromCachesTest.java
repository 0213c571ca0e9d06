package dev.wall.player.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.wall.core.layout.Layout;
import dev.wall.core.layout.LayoutReader;
import dev.wall.player.media.PublishPlan;
import dev.wall.player.media.PublishRecord;
import dev.wall.player.nodes.Checksums;
import dev.wall.player.plan.LiveChange;
import dev.wall.player.plan.ShowPlan;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/**
 * {@code wall play}'s plan for a published layout: the nodes' caches for the ranks, the share's
 * files for the controller's own checks, and the share alone with {@code --from-share}.
 */
class PlayFromCachesTest {
  private static final String CACHE = "/var/cache/wall/media";

  @TempDir Path root;
  private Path layoutFile;
  private Path cachedLeft;
  private final StringWriter out = new StringWriter();
  private final StringWriter err = new StringWriter();

  @BeforeEach
  void publishOneScreen() throws Exception {
    Path clip = Files.writeString(root.resolve("left.mp4"), "the left clip");
    layoutFile = root.resolve("hall.json");
    Files.writeString(
        layoutFile,
        "{\"version\": 1, \"player\": \"mpv\", \"mediaRoot\": \""
            + root
            + "\", \"screens\": [{\"name\": \"left\", \"host\": \"localhost\", \"window\":"
            + " {\"x\": 0, \"y\": 0, \"width\": 320, \"height\": 180}, \"media\":"
            + " \"left.mp4\"}]}");
    Layout layout = new LayoutReader().read(layoutFile);
    String name = PublishPlan.cacheName(sha(clip), clip);
    cachedLeft = Path.of(CACHE, name);
    new PublishRecord(
            PublishRecord.VERSION,
            layoutFile.toString(),
            "2026-12-07T18:00:00Z",
            "sources",
            List.of(
                new PublishRecord.Node("localhost", CACHE, true, Map.of("left", List.of(name)))))
        .write(PublishRecord.defaultFile(layoutFile, layout));
  }

  private ShowPlan plan(String... options) throws Exception {
    PlayCommand play = new PlayCommand();
    List<String> args =
        new java.util.ArrayList<>(
            List.of(layoutFile.toString(), "--run-dir", root.resolve("run").toString()));
    args.addAll(List.of(options));
    new CommandLine(play).parseArgs(args.toArray(String[]::new));
    play.checksums = () -> Checksums.at(root.resolve("sums.tsv"));
    return play.plan(
        new LayoutReader().read(layoutFile),
        null,
        Map.of(),
        new PrintWriter(out, true),
        new PrintWriter(err, true));
  }

  @Test
  void theRanksPlayTheCachedCopyAndTheControllerChecksTheSharesFile() throws Exception {
    ShowPlan plan = plan();
    assertEquals(List.of(cachedLeft), plan.layout().clips(plan.layout().screen(0)));
    assertEquals(
        List.of(root.resolve("left.mp4")),
        plan.layoutOnShare().clips(plan.layoutOnShare().screen(0)),
        "ffprobe on the controller reads the share's file");
    assertTrue(
        out.toString().startsWith("wall: playing from each node's cache (published 2026-12-07"),
        out.toString());
    assertEquals("", err.toString());
  }

  @Test
  void fromShareIgnoresTheRecord() throws Exception {
    ShowPlan plan = plan("--from-share");
    assertEquals(List.of(root.resolve("left.mp4")), plan.layout().clips(plan.layout().screen(0)));
    assertNull(plan.caches());
    assertEquals("", out.toString() + err.toString());
  }

  @Test
  void aLayoutThatSaysToPlayFromTheShareIgnoresTheRecordAndAReloadTakesIt() throws Exception {
    ShowPlan running = plan();
    Files.writeString(
        layoutFile,
        Files.readString(layoutFile)
            .replace("\"version\": 1,", "\"version\": 1, \"playFrom\": \"share\","));
    ShowPlan plan = plan();
    assertEquals(List.of(root.resolve("left.mp4")), plan.layout().clips(plan.layout().screen(0)));
    assertNull(plan.caches());
    assertEquals(
        List.of(),
        LiveChange.notLive(running.layout(), plan.layout()),
        "a running wall moves from its caches to the share at a seam");
  }

  @Test
  void aReloadOfTheUnchangedPublishedLayoutChangesNothing() throws Exception {
    ShowPlan running = plan();
    ShowPlan reread = plan();
    assertEquals(List.of(), LiveChange.notLive(running.layout(), reread.layout()));
    assertEquals(running.layout(), reread.layout(), "nothing that plays changed");
  }

  @Test
  void aClipChangedOnTheShareIsSaidOnErrorsAndTheSharePlays() throws Exception {
    Files.writeString(root.resolve("left.mp4"), "a new cut of the left clip");
    ShowPlan plan = plan();
    assertEquals(List.of(root.resolve("left.mp4")), plan.layout().clips(plan.layout().screen(0)));
    assertTrue(
        err.toString()
            .startsWith(
                "wall: playing from the share, not the nodes' caches: "
                    + root.resolve("left.mp4")
                    + " (screen left) is not the file that was published"),
        err.toString());
  }

  private static String sha(Path file) throws Exception {
    return HexFormat.of()
        .formatHex(MessageDigest.getInstance("SHA-256").digest(Files.readAllBytes(file)));
  }
}
