package dev.wall.player.nodes;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import dev.wall.core.layout.Layout;
import dev.wall.core.layout.LayoutReader;
import dev.wall.player.wire.Probe;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The checks before a start, and before a --forever restart, with the share in mind: a wall that
 * plays from the nodes' caches does not ask after the share at all (a hung one would hold every
 * restart up), and one that plays from the share names it when it does not answer.
 */
class PreflightShareTest {
  @TempDir Path dir;

  private final List<Probe.Request> asked = new ArrayList<>();

  private Layout layout(String clip) throws Exception {
    Path file = dir.resolve("wall.json");
    Files.writeString(
        file,
        "{\"version\": 1, \"player\": \"mpv\", \"mediaRoot\": \"/srv/wall/media\", \"screens\": ["
            + "{\"name\": \"a\", \"host\": \"localhost\", \"media\": \""
            + clip
            + "\"}]}");
    return new LayoutReader().read(file);
  }

  /** This machine, answered here: every clip there, but the checks named ran out of time. */
  private RemoteNodes nodes(List<String> timeouts) {
    return new RemoteNodes(
        host -> true,
        request -> {
          asked.add(request);
          return new Probe.Answer(
              Map.of(),
              "-",
              request.mediaRoot() == null || timeouts.contains("media-root 5s") ? null : "ok",
              request.clips().stream().map(c -> new Probe.Clip(c, "ok", 1, null)).toList(),
              null,
              null,
              null,
              Map.of(),
              0,
              List.of(),
              List.of(),
              timeouts,
              Map.of(),
              Map.of(),
              null);
        },
        Ssh.forThisUser(),
        "",
        List.of());
  }

  @Test
  void aWallPlayingFromTheCachesDoesNotAskAfterTheShare() throws Exception {
    Layout cached =
        layout("a.mp4")
            .withScreenMedia(
                Map.of("a", List.of("/var/cache/wall/media/" + "0".repeat(64) + ".mp4")));
    Preflight.Result result =
        new Preflight(cached, nodes(List.of()), dir.resolve("run"), Map.of(), false).run();
    assertNull(asked.get(0).mediaRoot(), "the share is not asked after");
    assertEquals(List.of(cached.clips(cached.screen(0)).get(0)), asked.get(0).clips());
    assertEquals(List.of(), result.unreachable());
    assertEquals(List.of(), result.problems());
  }

  @Test
  void aShareThatDoesNotAnswerIsNamedAsTheCause() throws Exception {
    Preflight.Result result =
        new Preflight(
                layout("a.mp4"),
                nodes(List.of("media-root 5s", "clips 5s")),
                dir.resolve("run"),
                Map.of())
            .run();
    assertEquals(Path.of("/srv/wall/media"), asked.get(0).mediaRoot());
    assertEquals(List.of(), result.unreachable(), "the node answered: not a lost node");
    assertEquals(
        List.of(
            "localhost (screen a): the media share /srv/wall/media did not answer within 5 s (its"
                + " server gone, or the network to it?); the wall starts once it answers"),
        result.problems(),
        "said once, naming the share");
  }
}
