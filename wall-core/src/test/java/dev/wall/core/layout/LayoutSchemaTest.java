package dev.wall.core.layout;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.networknt.schema.JsonSchema;
import com.networknt.schema.JsonSchemaFactory;
import com.networknt.schema.SpecVersion;
import com.networknt.schema.ValidationMessage;
import dev.wall.core.testing.RepoFiles;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

/** docs/layout.schema.json, for editors, agrees with wall on the example layouts. */
class LayoutSchemaTest {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final JsonSchema SCHEMA = load();

  private static JsonSchema load() {
    try {
      JsonNode schema = JSON.readTree(RepoFiles.root().resolve("docs/layout.schema.json").toFile());
      return JsonSchemaFactory.getInstance(SpecVersion.VersionFlag.V7).getSchema(schema);
    } catch (IOException e) {
      throw new IllegalStateException(e);
    }
  }

  static Stream<Path> examples() {
    return RepoFiles.exampleLayouts().stream();
  }

  @ParameterizedTest
  @MethodSource("examples")
  void everyExampleLayoutPassesTheSchema(Path layout) throws IOException {
    Set<ValidationMessage> messages = SCHEMA.validate(JSON.readTree(layout.toFile()));
    assertEquals(Set.of(), messages, layout.toString());
  }

  /** Mistakes a schema can express are caught in the editor too, before wall validate. */
  @ParameterizedTest
  @ValueSource(
      strings = {
        "\"version\": 1 -> \"version\": 2",
        "\"loops\": 100 -> \"loops\": -1",
        "\"loops\": 100 -> \"loops\": \"100\"",
        "\"player\": \"mpv\" -> \"player\": \"mvp\"",
        "\"mediaRoot\": \"/srv/wall/media\" -> \"mediaRoot\": \"media\"",
        "\"width\": 3880 -> \"widht\": 3880",
        "\"name\": \"top-left\" -> \"name\": \"top left\"",
        "\"audio\": \"hdmi\" -> \"audio\": \"hdm\"",
        "\"toleranceMs\": 10 -> \"toleranceMs\": 0",
        "panorama-3880x2200.mp4\" -> panorama.txt\"",
        "\"x\": 0, \"y\": 0 -> \"x\": -1, \"y\": 0",
        "\"host\": \"rpi1\", -> \"output\": 0,",
        "\"span\": { \"media\": \"atrium/panorama-3880x2200.mp4\" } -> \"span\": { \"media\": [] }",
        "\"span\": { \"media\": \"atrium/panorama-3880x2200.mp4\" } -> \"span\": { \"media\": [\"a.mp4\", 3] }",
        "\"audio\": \"hdmi\" -> \"audio\": \"hdmi\", \"latencyMs\": 2000",
        "\"toleranceMs\": 10 -> \"toleranceMs\": 10, \"reference\": 3",
        "\"loops\": 100 -> \"loops\": 100, \"unevenItems\": \"cut\"",
        "\"loops\": 100 -> \"loops\": 100, \"playFrom\": \"nfs\"",
        "\"audio\": \"hdmi\" -> \"audio\": \"hdmi\", \"board\": \"pi3\"",
        "\"loops\": 100 -> \"loops\": 100, \"board\": \"pi4\"",
        "\"name\": \"atrium\" -> \"name\": \"atrium\\n[Service]\"",
        "\"name\": \"atrium\" -> \"name\": \"atr\u2028ium\"",
        "\"mediaRoot\": \"/srv/wall/media\" -> \"mediaRoot\": \"/srv/wall\\tmedia\"",
        "panorama-3880x2200.mp4\" -> panorama\\u001b[2J.mp4\"",
      })
  void theSchemaRefusesCommonMistakes(String change) throws IOException {
    String[] fromTo = change.split(" -> ");
    Path example = RepoFiles.root().resolve("layouts/span-2x2-bezels.json");
    String original = Files.readString(example);
    assertTrue(original.contains(fromTo[0]), "the example has no " + fromTo[0]);
    JsonNode broken = JSON.readTree(original.replace(fromTo[0], fromTo[1]));
    List<ValidationMessage> messages = List.copyOf(SCHEMA.validate(broken));
    assertFalse(messages.isEmpty(), "the schema let through: " + change);
  }
}
