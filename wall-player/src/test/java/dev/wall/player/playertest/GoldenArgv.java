package dev.wall.player.playertest;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.wall.core.layout.InvalidLayoutException;
import dev.wall.core.layout.Layout;
import dev.wall.core.layout.LayoutReader;
import dev.wall.player.players.MediaInfo;
import dev.wall.player.players.PlayerSpec;
import dev.wall.player.players.registry.Backends;
import dev.wall.player.testing.Project;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

/**
 * One golden argv case: {@code NAME.json} holds a layout, the screen to build ({@code screen}, an
 * index), the clip's size and the backend's options; {@code NAME.argv} the expected argv, one
 * argument per line. Run with {@code -Dgolden.update=true} to rewrite the {@code .argv} files in
 * src/test/resources from what the code builds now (then read the diff).
 */
public record GoldenArgv(String name, Path input, JsonNode json) {
  private static final ObjectMapper JSON = new ObjectMapper();

  /** Every case under {@code golden/FOLDER} on the test classpath. */
  public static Stream<GoldenArgv> cases(String folder) throws IOException, URISyntaxException {
    Path dir = Path.of(GoldenArgv.class.getResource("/golden/" + folder).toURI());
    try (Stream<Path> files = Files.list(dir)) {
      return files.filter(f -> f.toString().endsWith(".json")).sorted().toList().stream()
          .map(GoldenArgv::read);
    }
  }

  private static GoldenArgv read(Path input) {
    try {
      String file = input.getFileName().toString();
      return new GoldenArgv(
          file.substring(0, file.length() - ".json".length()),
          input,
          JSON.readTree(input.toFile()));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** Through the validator: a golden layout is one a show could use, its playerArgs included. */
  public PlayerSpec spec() throws IOException {
    Layout layout;
    try {
      layout =
          new LayoutReader().read(input.toString(), JSON.writeValueAsString(json.get("layout")));
    } catch (InvalidLayoutException e) {
      throw new AssertionError(e.getMessage(), e);
    }
    return Backends.spec(
        layout, layout.screen(json.path("screen").asInt()), Path.of("/run/wall/screens"), Map.of());
  }

  public MediaInfo clip() {
    JsonNode clip = json.path("clip");
    return new MediaInfo(clip.path("width").asInt(1920), clip.path("height").asInt(1080), 30, 60);
  }

  public JsonNode options() {
    return json.path("options");
  }

  public void check(List<String> actual) throws IOException {
    String folder = input.getParent().getFileName().toString();
    String text = String.join("\n", actual) + "\n";
    if (Boolean.getBoolean("golden.update")) {
      Path source =
          Project.root()
              .resolve("wall-player/src/test/resources/golden")
              .resolve(folder)
              .resolve(name + ".argv");
      Files.writeString(source, text, StandardCharsets.UTF_8);
      return;
    }
    Path expected = input.resolveSibling(name + ".argv");
    assertEquals(
        Files.readString(expected, StandardCharsets.UTF_8), text, folder + "/" + name + ".argv");
  }

  @Override
  public String toString() {
    return name;
  }
}
