package dev.wall.core.layout;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.List;
import org.junit.jupiter.api.Test;

class JsonDocumentTest {
  @Test
  void remembersWhereEachMemberSits() throws InvalidLayoutException {
    String text = "{\n  \"a\" : 12 ,\n  \"b\": \"x\\\"y\",\"c\": {\"d\": [1, 2]}}";
    JsonDocument document = JsonDocument.parse("f.json", text);
    JsonDocument.ObjectExtent top = document.object("").orElseThrow();
    assertEquals(
        List.of("a", "b", "c"), top.inOrder().stream().map(JsonDocument.Member::key).toList());
    JsonDocument.Member b = top.members().get("b");
    assertEquals("\"b\"", text.substring(b.keyStart(), b.keyStart() + 3));
    assertEquals("\"x\\\"y\"", text.substring(b.valueStart(), b.valueEnd()));
    JsonDocument.Member a = top.members().get("a");
    assertEquals("12", text.substring(a.valueStart(), a.valueEnd()));
    JsonDocument.Member d = document.object("c").orElseThrow().members().get("d");
    assertEquals("[1, 2]", text.substring(d.valueStart(), d.valueEnd()));
    assertEquals(3, b.line());
  }

  @Test
  void positionOfAMissingFieldIsItsParents() throws InvalidLayoutException {
    String text = "{\"screens\": [{\"name\": \"a\"}, {\"name\": \"b\"}]}";
    JsonDocument document = JsonDocument.parse("f.json", text);
    assertEquals(text.indexOf("{\"name\": \"b\"}"), document.position("screens[1].host"));
    assertEquals(text.indexOf("\"b\""), document.position("screens[1].name"));
    assertEquals(0, document.position("wall"));
  }

  @Test
  void reportsEveryDuplicateKeyNotOnlyTheFirst() {
    String text = "{\n\"a\": 1,\n\"a\": 2,\n\"s\": [{\"n\": 1, \"n\": 2}]\n}";
    InvalidLayoutException e =
        assertThrows(InvalidLayoutException.class, () -> JsonDocument.parse("f.json", text));
    assertEquals(
        List.of(
            "f.json: a: duplicate key \"a\" (lines 2 and 3); keep only one of them",
            "f.json: s[0].n: duplicate key \"n\" (lines 4 and 4); keep only one of them"),
        e.problems().stream().map(Problem::line).toList());
  }

  @Test
  void refusesContentAfterTheLayout() {
    InvalidLayoutException e =
        assertThrows(InvalidLayoutException.class, () -> JsonDocument.parse("f.json", "{}\n{}"));
    assertEquals(
        "f.json: unexpected content after the end of the layout, at line 2, column 1; remove"
            + " everything after the closing '}' of the layout",
        e.problems().get(0).line());
  }

  @Test
  void namesTheLineColumnAndPathOfASyntaxError() {
    String text = "{\n  \"screens\": [\n    {\"name\": \"a\" \"host\": \"b\"}\n  ]\n}";
    InvalidLayoutException e =
        assertThrows(InvalidLayoutException.class, () -> JsonDocument.parse("f.json", text));
    assertEquals(
        "f.json: screens[0].name: invalid JSON at line 3, column 18: a comma is missing between"
            + " two fields; add ',' after the previous value",
        e.problems().get(0).line());
  }

  @Test
  void quotesOddFieldNamesInPaths() {
    assertEquals("screens[0][\"my field\"]", JsonPaths.field("screens[0]", "my field"));
    assertEquals("a.b_c", JsonPaths.field("a", "b_c"));
    assertEquals("top", JsonPaths.field("", "top"));
  }
}
