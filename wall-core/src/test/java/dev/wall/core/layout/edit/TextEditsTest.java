package dev.wall.core.layout.edit;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.wall.core.layout.InvalidLayoutException;
import dev.wall.core.layout.JsonDocument;
import java.util.List;
import org.junit.jupiter.api.Test;

class TextEditsTest {
  private static final List<String> ORDER = List.of("name", "host", "output", "media", "audio");

  private static TextEdits edits(String text) throws InvalidLayoutException {
    return new TextEdits(JsonDocument.parse("t.json", text));
  }

  @Test
  void replacesOnlyTheValue() throws InvalidLayoutException {
    String text = "{\n    \"loops\" :   3 ,\n\t\"x\": [1,2]\n}\n";
    TextEdits edits = edits(text);
    edits.set("", "loops", "10", List.of("loops"));
    assertEquals("{\n    \"loops\" :   10 ,\n\t\"x\": [1,2]\n}\n", edits.apply());
  }

  @Test
  void insertsANewFieldInContractOrderWithTheNeighboursSpacing() throws InvalidLayoutException {
    String text = "{\r\n  \"name\": \"a\",\r\n  \"host\": \"b\",\r\n  \"audio\": \"hdmi\"\r\n}";
    TextEdits edits = edits(text);
    edits.set("", "media", TextEdits.quote("x.mp4"), ORDER);
    assertEquals(
        "{\r\n  \"name\": \"a\",\r\n  \"host\": \"b\",\r\n  \"media\": \"x.mp4\",\r\n"
            + "  \"audio\": \"hdmi\"\r\n}",
        edits.apply());
  }

  @Test
  void appendsAfterTheLastFieldLikeTheOthersAreSeparated() throws InvalidLayoutException {
    String text = "{ \"name\": \"a\", \"host\": \"b\" }";
    TextEdits edits = edits(text);
    edits.set("", "media", TextEdits.quote("x.mp4"), ORDER);
    assertEquals("{ \"name\": \"a\", \"host\": \"b\", \"media\": \"x.mp4\" }", edits.apply());
  }

  @Test
  void insertsFirstWhenNoEarlierFieldExists() throws InvalidLayoutException {
    String text = "{\n  \"audio\": \"none\",\n  \"x\": 1\n}";
    TextEdits edits = edits(text);
    edits.set("", "name", TextEdits.quote("a"), ORDER);
    assertEquals("{\n  \"name\": \"a\",\n  \"audio\": \"none\",\n  \"x\": 1\n}", edits.apply());
  }

  @Test
  void insertsIntoAnObjectWithOneField() throws InvalidLayoutException {
    String text = "{\n    \"name\": \"a\"\n}";
    TextEdits edits = edits(text);
    edits.set("", "media", TextEdits.quote("m.mp4"), ORDER);
    assertEquals("{\n    \"name\": \"a\",\n    \"media\": \"m.mp4\"\n}", edits.apply());
  }

  @Test
  void removesAFieldWithItsSeparator() throws InvalidLayoutException {
    String middle = "{\n  \"name\": \"a\",\n  \"media\": \"m.mp4\",\n  \"audio\": \"hdmi\"\n}";
    TextEdits edits = edits(middle);
    edits.remove("", "media");
    assertEquals("{\n  \"name\": \"a\",\n  \"audio\": \"hdmi\"\n}", edits.apply());
    String last = "{\n  \"name\": \"a\",\n  \"media\": \"m.mp4\"\n}";
    edits = edits(last);
    edits.remove("", "media");
    assertEquals("{\n  \"name\": \"a\"\n}", edits.apply());
  }

  @Test
  void editsTwoObjectsAtOnce() throws InvalidLayoutException {
    String text = "{\"s\": [{\"name\": \"a\", \"media\": \"1.mp4\"}, {\"name\": \"b\"}]}";
    TextEdits edits = edits(text);
    edits.remove("s[0]", "media");
    edits.set("s[1]", "media", TextEdits.quote("1.mp4"), ORDER);
    assertEquals(
        "{\"s\": [{\"name\": \"a\"}, {\"name\": \"b\", \"media\": \"1.mp4\"}]}", edits.apply());
  }

  @Test
  void quotesTextAsJson() {
    assertEquals("\"a \\\"b\\\" \\\\ é\"", TextEdits.quote("a \"b\" \\ é"));
  }
}
