package dev.wall.player.cli.layout;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.wall.player.testing.Cli;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CheckMediaTest {
  @TempDir Path media;

  @Test
  void onlyWithCheckMediaAreTheClipsLookedFor() throws Exception {
    Files.writeString(media.resolve("left.mp4"), "");
    Path layout =
        Files.writeString(
            media.resolve("l.json"),
            ValidationRulesTest.CLIPS.replace("/srv/wall/media", media.toString()));
    assertEquals(0, Cli.run("validate", layout).code());

    Cli result = Cli.run("validate", "--check-media", layout);

    assertEquals(2, result.code());
    assertEquals(
        List.of(
            layout
                + ": screens[1].media: "
                + media.resolve("right.mp4")
                + " does not exist; copy the clip there, or fix the name"),
        result.errLines());
    Files.writeString(media.resolve("right.mp4"), "");
    assertEquals(layout + ": ok\n", Cli.run("validate", "--check-media", layout).out());
  }
}
