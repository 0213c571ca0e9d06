package dev.wall.core.layout;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.core.json.JsonWriteFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.ObjectWriter;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.node.TextNode;
import dev.wall.core.testing.RepoFiles;
import java.io.IOException;
import java.lang.reflect.ParameterizedType;
import java.lang.reflect.RecordComponent;
import java.lang.reflect.Type;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Pattern;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Every text of a layout refuses control characters with one problem at its own path. The fields
 * are not listed here: they are read from docs/layout.schema.json, and the test checks that the
 * layouts it mutates hold every text the schema and the model have, so a new text field cannot be
 * forgotten.
 */
class EveryTextFieldTest {
  private static final ObjectMapper JSON = new ObjectMapper();

  /** Writes every character past ASCII as an escape, as a hand-written layout may. */
  private static final ObjectWriter ESCAPING =
      JSON.writer().with(JsonWriteFeature.ESCAPE_NON_ASCII);

  /**
   * Every text field at once, a playlist in each of its two forms. The players' allow-lists of
   * playerArgs live in wall-player, so here playerArgs pass only with allowPlayerCode; the text
   * rule comes before any list.
   */
  static final String EVERY_FIELD =
      """
      {"version": 1, "name": "lobby", "loops": 0, "loopMode": "lockstep", "unevenItems": "hold",
       "player": "mpv", "playFrom": "cache", "allowPlayerCode": true, "mediaRoot": "/srv/wall/media",
       "network": {"subnet": "192.168.1.0/24", "interface": "eth0", "gateway": "192.168.1.1",
                   "dns": ["192.168.1.1"]},
       "sync": {"toleranceMs": 20, "seekThresholdMs": 500, "maxRateTrim": 0.05, "reference": "left"},
       "wall": {"width": 3840, "height": 1080},
       "span": {"media": "pano.mp4"},
       "schedule": {"timezone": "Europe/Paris", "open": [{"days": "Mon-Fri", "from": "09:30",
                    "to": "18:00"}], "closed": ["2026-12-25"], "wakeSeconds": 30,
                    "displayPower": "auto"},
       "control": {"http": {"port": 8080, "listen": "127.0.0.1"},
                   "osc": {"port": 9000, "allow": ["192.168.1.0/24"]},
                   "keyFile": "/home/pi/.config/wall/control.key",
                   "webhooks": ["http://192.168.1.5:8000/wall"], "oscFeedback": ["192.168.1.20:9001"]},
       "alerts": {"webhooks": ["https://ops.example/wall-alerts"], "email": ["ops@museum.example"],
                  "notPlayingSeconds": 120, "skewFrames": 2},
       "screens": [
         {"name": "left", "host": "rpi1", "address": "192.168.1.101", "output": 0,
          "window": {"x": 0, "y": 0, "width": 1920, "height": 1080},
          "region": {"x": 0, "y": 0, "width": 1920, "height": 1080},
          "media": ["left.mp4"], "audio": "hdmi", "playerArgs": ["--no-osc"], "latencyMs": 0,
          "board": "pi4"},
         {"name": "right", "host": "rpi2", "region": {"x": 1920, "y": 0, "width": 1920, "height": 1080}}
       ]}
      """;

  static final String OTHER_FORMS =
      EVERY_FIELD
          .replace("\"span\": {\"media\": \"pano.mp4\"}", "\"span\": {\"media\": [\"pano.mp4\"]}")
          .replace("\"media\": [\"left.mp4\"]", "\"media\": \"left.mp4\"");

  /**
   * What each text is tried with: line breaks, tab, NUL, ESC, DEL, C1, separators, a bidi override.
   */
  static final Map<String, String> BAD = new LinkedHashMap<>();

  static {
    BAD.put("\n", "U+000A");
    BAD.put("\r", "U+000D");
    BAD.put("\t", "U+0009");
    BAD.put("\u0000", "U+0000");
    BAD.put("\u001b[2J", "U+001B");
    BAD.put("\u007f", "U+007F");
    BAD.put("\u0085", "U+0085");
    BAD.put("\u009b", "U+009B");
    BAD.put("\u2028", "U+2028");
    BAD.put("\u2029", "U+2029");
    BAD.put("\u202e", "U+202E");
    BAD.put("\ud800", "U+D800");
  }

  /** Characters that must never reach a terminal, checked without the code under test. */
  private static final Pattern RAW_CONTROL =
      Pattern.compile("[\\p{Cc}\\u2028\\u2029\\u202a-\\u202e]");

  private static JsonNode schema;

  /** A text in a layout: the schema's path to it (refs and alternatives spelt out), and its own. */
  record Slot(String schemaPath, String jsonPath, List<Object> steps) {}

  @BeforeAll
  static void readSchema() throws IOException {
    schema = JSON.readTree(RepoFiles.root().resolve("docs/layout.schema.json").toFile());
  }

  static List<JsonNode> bases() throws IOException {
    List<JsonNode> bases =
        new ArrayList<>(List.of(JSON.readTree(EVERY_FIELD), JSON.readTree(OTHER_FORMS)));
    for (Path example : RepoFiles.exampleLayouts()) {
      bases.add(JSON.readTree(Files.readString(example)));
    }
    // The players' allow-lists live in wall-player; here playerArgs pass only with this.
    bases.forEach(
        base ->
            ((com.fasterxml.jackson.databind.node.ObjectNode) base).put("allowPlayerCode", true));
    return bases;
  }

  @Test
  void theLayoutsTriedHoldEveryTextTheSchemaHas() throws IOException {
    Set<String> inSchema = new TreeSet<>();
    textsIn(schema, "", inSchema);
    Set<String> tried = new TreeSet<>();
    for (JsonNode base : bases()) {
      slots(base).forEach(slot -> tried.add(slot.schemaPath()));
    }
    Set<String> missing = new TreeSet<>(inSchema);
    missing.removeAll(tried);
    assertEquals(
        Set.of(),
        missing,
        "texts of the schema no layout of this test holds: add them to EVERY_FIELD");
    assertTrue(inSchema.size() >= 25, "the schema walk found only " + inSchema);
  }

  /** Every text of the model (String, enum, list of String) is a text of the schema too. */
  @Test
  void theSchemaHasEveryTextOfTheModel() {
    Set<String> inSchema = new TreeSet<>();
    textsIn(schema, "", inSchema);
    Set<String> schemaFields = new TreeSet<>();
    inSchema.forEach(path -> schemaFields.add(path.replaceAll("/(oneOf|anyOf)/\\d+", "")));
    Set<String> inModel = new TreeSet<>();
    textsOfModel(Layout.class, "", inModel);
    Set<String> missing = new TreeSet<>(inModel);
    missing.removeAll(schemaFields);
    assertEquals(Set.of(), missing, "texts of the model the schema does not describe");
    assertTrue(
        inModel.contains("/screens/items/name") && inModel.contains("/span/media/items"),
        inModel.toString());
  }

  @Test
  void theLayoutsTriedAreValid() throws Exception {
    for (JsonNode base : bases()) {
      new LayoutReader().read("base.json", JSON.writeValueAsString(base));
    }
  }

  @Test
  void everyTextRefusesEveryControlCharacterWithOneProblemAtItsPath() throws Exception {
    int tried = 0;
    Set<String> seen = new TreeSet<>();
    for (JsonNode base : bases()) {
      for (Slot slot : slots(base)) {
        // Every character in each text the schema has, the first time; then a line feed.
        Map<String, String> chars = seen.add(slot.schemaPath()) ? BAD : Map.of("\n", "U+000A");
        for (Map.Entry<String, String> bad : chars.entrySet()) {
          JsonNode broken = base.deepCopy();
          String original = at(broken, slot.steps()).textValue();
          int middle = original.length() / 2;
          set(
              broken,
              slot.steps(),
              original.substring(0, middle) + bad.getKey() + original.substring(middle));
          // Past ASCII, each character as it is in the file, and as a \\u escape.
          List<String> texts = new ArrayList<>(List.of(ESCAPING.writeValueAsString(broken)));
          if (!bad.getValue().equals("U+D800")) { // not UTF-8 at all: the file check refuses it
            texts.add(JSON.writeValueAsString(broken));
          }
          for (String text : texts) {
            String what = slot.jsonPath() + " with " + bad.getValue();
            InvalidLayoutException refused =
                assertThrows(
                    InvalidLayoutException.class,
                    () -> new LayoutReader().read("lobby.json", text),
                    what);
            List<Problem> problems = refused.problems();
            assertEquals(1, problems.size(), what + ": " + problems);
            Problem problem = problems.get(0);
            assertEquals(slot.jsonPath(), problem.jsonPath(), what);
            assertTrue(
                problem.what().contains(bad.getValue()) && problem.what().startsWith("holds "),
                what + ": " + problem.line());
            assertFalse(
                RAW_CONTROL.matcher(problem.line()).find(),
                what + ": printed raw: " + problem.line());
            tried++;
          }
        }
      }
    }
    assertTrue(tried > 500, "only " + tried + " cases");
  }

  @Test
  void aFieldNameWithControlCharactersIsShownEscaped() {
    String text = EVERY_FIELD.replace("\"loops\": 0", "\"lo\\u001b]0;pwned\\u0007ops\": 0");
    InvalidLayoutException refused =
        assertThrows(
            InvalidLayoutException.class, () -> new LayoutReader().read("lobby.json", text));
    assertEquals(1, refused.problems().size(), refused.problems().toString());
    String line = refused.problems().get(0).line();
    assertTrue(
        line.startsWith("lobby.json: [\"lo\\u001B]0;pwned\\u0007ops\"]: unknown field"), line);
  }

  /** The texts of {@code layout}: each string value the schema describes, with its schema path. */
  static List<Slot> slots(JsonNode layout) {
    List<Slot> slots = new ArrayList<>();
    walk(schema, "", layout, "", new ArrayList<>(), slots);
    return slots;
  }

  private static void walk(
      JsonNode schemaNode,
      String schemaPath,
      JsonNode value,
      String jsonPath,
      List<Object> steps,
      List<Slot> out) {
    JsonNode s = resolve(schemaNode);
    if (isText(s)) {
      if (value.isTextual()) {
        out.add(new Slot(schemaPath, jsonPath, List.copyOf(steps)));
      }
      return;
    }
    for (String choice : List.of("oneOf", "anyOf")) {
      for (int i = 0; i < s.path(choice).size(); i++) {
        JsonNode alternative = resolve(s.path(choice).get(i));
        if (matches(alternative, value)) {
          walk(alternative, schemaPath + "/" + choice + "/" + i, value, jsonPath, steps, out);
        }
      }
    }
    if (value.isObject() && s.has("properties")) {
      for (Iterator<String> names = value.fieldNames(); names.hasNext(); ) {
        String name = names.next();
        JsonNode property = s.path("properties").get(name);
        if (property != null) {
          steps.add(name);
          walk(
              property,
              schemaPath + "/" + name,
              value.get(name),
              JsonPaths.field(jsonPath, name),
              steps,
              out);
          steps.remove(steps.size() - 1);
        }
      }
    }
    if (value.isArray() && s.has("items")) {
      for (int i = 0; i < value.size(); i++) {
        steps.add(i);
        walk(
            s.get("items"),
            schemaPath + "/items",
            value.get(i),
            JsonPaths.index(jsonPath, i),
            steps,
            out);
        steps.remove(steps.size() - 1);
      }
    }
  }

  /** Every place of the schema that holds a text. */
  private static void textsIn(JsonNode schemaNode, String schemaPath, Set<String> out) {
    JsonNode s = resolve(schemaNode);
    if (isText(s)) {
      out.add(schemaPath);
      return;
    }
    for (String choice : List.of("oneOf", "anyOf")) {
      for (int i = 0; i < s.path(choice).size(); i++) {
        textsIn(s.path(choice).get(i), schemaPath + "/" + choice + "/" + i, out);
      }
    }
    s.path("properties")
        .fields()
        .forEachRemaining(p -> textsIn(p.getValue(), schemaPath + "/" + p.getKey(), out));
    if (s.has("items")) {
      textsIn(s.get("items"), schemaPath + "/items", out);
    }
  }

  /** The texts of a model record, as schema paths: /screens/items/name, /span/media/items. */
  private static void textsOfModel(Class<?> record, String path, Set<String> out) {
    for (RecordComponent component : record.getRecordComponents()) {
      JsonProperty renamed = component.getAccessor().getAnnotation(JsonProperty.class);
      String name = renamed != null ? renamed.value() : component.getName();
      textsOfType(component.getGenericType(), path + "/" + name, out);
    }
  }

  private static void textsOfType(Type type, String path, Set<String> out) {
    if (type instanceof ParameterizedType list && list.getRawType() == List.class) {
      textsOfType(list.getActualTypeArguments()[0], path + "/items", out);
    } else if (type == String.class || (type instanceof Class<?> c && c.isEnum())) {
      out.add(path);
    } else if (type instanceof Class<?> c && c.isRecord()) {
      textsOfModel(c, path, out);
    }
  }

  private static JsonNode resolve(JsonNode s) {
    JsonNode node = s;
    while (node.has("$ref")) {
      String ref = node.get("$ref").textValue();
      node = schema.at(ref.substring(1));
    }
    return node;
  }

  private static boolean isText(JsonNode s) {
    if ("string".equals(s.path("type").textValue())) {
      return true;
    }
    JsonNode choices =
        s.has("enum")
            ? s.get("enum")
            : s.has("const") ? JSON.createArrayNode().add(s.get("const")) : null;
    if (choices == null || choices.isEmpty()) {
      return false;
    }
    for (JsonNode choice : choices) {
      if (!choice.isTextual()) {
        return false;
      }
    }
    return true;
  }

  private static boolean matches(JsonNode s, JsonNode value) {
    if (isText(s)) {
      return value.isTextual();
    }
    String type = s.path("type").asText("");
    return (type.equals("array") && value.isArray()) || (type.equals("object") && value.isObject());
  }

  private static JsonNode at(JsonNode root, List<Object> steps) {
    JsonNode node = root;
    for (Object step : steps) {
      node = step instanceof Integer i ? node.get(i) : node.get((String) step);
    }
    return node;
  }

  private static void set(JsonNode root, List<Object> steps, String text) {
    JsonNode parent = at(root, steps.subList(0, steps.size() - 1));
    Object last = steps.get(steps.size() - 1);
    if (last instanceof Integer i) {
      ((ArrayNode) parent).set(i, TextNode.valueOf(text));
    } else {
      ((ObjectNode) parent).put((String) last, text);
    }
  }
}
