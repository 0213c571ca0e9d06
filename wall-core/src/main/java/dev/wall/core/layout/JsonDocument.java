package dev.wall.core.layout;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParseException;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonStreamContext;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.core.exc.StreamConstraintsException;
import com.fasterxml.jackson.core.exc.StreamReadException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * A JSON text parsed into a tree, remembering where every object and member sits in the text.
 * Unlike a plain Jackson read it reports every duplicate key, not only the first, and keeps the
 * offsets that let an edit change one value and leave every other character alone.
 */
public final class JsonDocument {
  /** One {@code "key": value} of an object; offsets are char positions in the text. */
  public record Member(String key, int keyStart, int valueStart, int valueEnd, int line) {}

  /** An object's braces ({@code start} is the '{', {@code end} is just past the '}'). */
  public record ObjectExtent(int start, int end, Map<String, Member> members) {
    public List<Member> inOrder() {
      return List.copyOf(members.values());
    }
  }

  /** Objects and lists inside each other: a layout nests 4 deep ({@code screens[0].window.x}). */
  public static final int MAX_DEPTH = 32;

  /** Characters of a field name; the longest a layout knows has 15. */
  public static final int MAX_NAME_CHARS = 256;

  /** Characters of a number's text, checked by the parser as it reads the number. */
  public static final int MAX_NUMBER_CHARS = 100;

  /** Digits of a number (before and after the point): far more than any field's range needs. */
  public static final int MAX_NUMBER_DIGITS = 40;

  /** The largest exponent a number may be written with, either sign ({@code 1.92e3}). */
  public static final int MAX_EXPONENT = 40;

  /**
   * Values (objects, lists, texts, numbers...) in one layout. A layout for 256 screens with long
   * playlists has a few thousand; this bounds the memory the tree and its positions take.
   */
  public static final int MAX_VALUES = 100_000;

  private static final JsonFactory FACTORY =
      JsonFactory.builder()
          .streamReadConstraints(
              StreamReadConstraints.builder()
                  .maxNestingDepth(MAX_DEPTH)
                  .maxNameLength(MAX_NAME_CHARS)
                  .maxNumberLength(MAX_NUMBER_CHARS)
                  .maxStringLength((int) LayoutFile.MAX_BYTES)
                  .maxDocumentLength(LayoutFile.MAX_BYTES)
                  .build())
          .build();
  private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

  private final String text;
  private final JsonNode root;
  private final Map<String, ObjectExtent> objects;
  private final Map<String, Integer> valueStarts;

  private JsonDocument(
      String text, JsonNode root, Map<String, ObjectExtent> objects, Map<String, Integer> starts) {
    this.text = text;
    this.root = root;
    this.objects = objects;
    this.valueStarts = starts;
  }

  /** Parses {@code text}; syntax errors, duplicate keys and trailing content become problems. */
  public static JsonDocument parse(String file, String text) throws InvalidLayoutException {
    return new Builder(file, text).build();
  }

  public String text() {
    return text;
  }

  public JsonNode root() {
    return root;
  }

  /**
   * Where the value at {@code path} starts in the text; for a path the document lacks (a missing
   * field), where its nearest existing parent starts. Sorting problems by it lists them in the
   * order of the file.
   */
  public int position(String path) {
    String p = path;
    while (!p.isEmpty()) {
      Integer start = valueStarts.get(p);
      if (start != null) {
        return start;
      }
      int cut = Math.max(p.lastIndexOf('.'), p.lastIndexOf('['));
      p = cut < 0 ? "" : p.substring(0, cut);
    }
    return 0;
  }

  /** The object at {@code path} ("" for the top level), if the document has one there. */
  public Optional<ObjectExtent> object(String path) {
    return Optional.ofNullable(objects.get(path));
  }

  private static final class Builder {
    private final String file;
    private final String text;
    private final Map<String, ObjectExtent> objects = new HashMap<>();
    private final Map<String, Integer> valueStarts = new HashMap<>();
    private final List<Problem> problems = new ArrayList<>();
    private int values;
    private JsonParser parser;

    Builder(String file, String text) {
      this.file = file;
      this.text = text;
    }

    JsonDocument build() throws InvalidLayoutException {
      JsonNode root;
      try (JsonParser parser = FACTORY.createParser(text)) {
        this.parser = parser;
        parser.nextToken();
        root = value(parser, "");
        checkNothingAfter(parser);
      } catch (StreamReadException e) {
        throw new InvalidLayoutException(List.of(SyntaxErrors.problem(file, e)));
      } catch (StreamConstraintsException e) {
        throw new InvalidLayoutException(
            List.of(SyntaxErrors.limit(file, e, pathOf(parser.getParsingContext()))));
      } catch (IOException e) {
        throw new InvalidLayoutException(
            List.of(new Problem(file, "", "cannot be parsed (" + e.getMessage() + ")", "")));
      }
      if (!problems.isEmpty()) {
        throw new InvalidLayoutException(problems);
      }
      return new JsonDocument(text, root, Map.copyOf(objects), Map.copyOf(valueStarts));
    }

    private void checkNothingAfter(JsonParser parser) throws IOException {
      int line = parser.currentLocation().getLineNr();
      int column = parser.currentLocation().getColumnNr();
      try {
        if (parser.nextToken() == null) {
          return;
        }
        line = parser.currentTokenLocation().getLineNr();
        column = parser.currentTokenLocation().getColumnNr();
      } catch (StreamReadException e) {
        line = e.getLocation() == null ? line : e.getLocation().getLineNr();
        column = e.getLocation() == null ? column : e.getLocation().getColumnNr();
      }
      problems.add(
          new Problem(
              file,
              "",
              "unexpected content after the end of the layout, at line "
                  + line
                  + ", column "
                  + column,
              "remove everything after the closing '}' of the layout"));
    }

    private JsonNode value(JsonParser parser, String path)
        throws IOException, InvalidLayoutException {
      JsonToken token = parser.currentToken();
      if (token == null) {
        throw new JsonParseException(parser, "Unexpected end-of-input");
      }
      if (++values > MAX_VALUES) {
        throw new InvalidLayoutException(
            List.of(
                new Problem(
                    file,
                    "",
                    "holds more than "
                        + MAX_VALUES
                        + " values; a layout for 256 screens has a few thousand",
                    "check that this is the layout file")));
      }
      valueStarts.putIfAbsent(path, offset(parser.currentTokenLocation().getCharOffset()));
      if (token.isNumeric() && !numberFits(parser, path)) {
        return NODES.nullNode();
      }
      return switch (token) {
        case START_OBJECT -> object(parser, path);
        case START_ARRAY -> array(parser, path);
        case VALUE_STRING -> NODES.textNode(parser.getText());
        case VALUE_NUMBER_INT -> integer(parser);
        case VALUE_NUMBER_FLOAT -> NODES.numberNode(parser.getDecimalValue());
        case VALUE_TRUE -> NODES.booleanNode(true);
        case VALUE_FALSE -> NODES.booleanNode(false);
        case VALUE_NULL -> NODES.nullNode();
        default -> throw new JsonParseException(parser, "Unexpected token " + token);
      };
    }

    /**
     * Whether the number the parser stands on is small enough to convert. Checked on its text,
     * before any conversion: {@code 1e10000000} is 10 characters, but as a whole number it has ten
     * million digits, and {@code 1e-999999999} written out in full does not fit in memory.
     */
    private boolean numberFits(JsonParser parser, String path) throws IOException {
      String number = parser.getText();
      Optional<String> tooBig = numberTooBig(number);
      tooBig.ifPresent(
          why ->
              problems.add(
                  new Problem(
                      file,
                      path,
                      "the number "
                          + (number.length() > 30 ? number.substring(0, 27) + "..." : number)
                          + " is "
                          + why,
                      "write an ordinary number, such as 10 or 0.05 (docs/layout.md gives each field's range)")));
      return tooBig.isEmpty();
    }

    private static JsonNode integer(JsonParser parser) throws IOException {
      return switch (parser.getNumberType()) {
        case INT -> NODES.numberNode(parser.getIntValue());
        case LONG -> NODES.numberNode(parser.getLongValue());
        default -> NODES.numberNode(parser.getBigIntegerValue());
      };
    }

    private ObjectNode object(JsonParser parser, String path)
        throws IOException, InvalidLayoutException {
      int start = offset(parser.currentTokenLocation().getCharOffset());
      ObjectNode node = NODES.objectNode();
      Map<String, Member> members = new LinkedHashMap<>();
      while (parser.nextToken() == JsonToken.FIELD_NAME) {
        String key = parser.currentName();
        int keyStart = offset(parser.currentTokenLocation().getCharOffset());
        int line = parser.currentTokenLocation().getLineNr();
        String childPath = JsonPaths.field(path, key);
        parser.nextToken();
        int valueStart = offset(parser.currentTokenLocation().getCharOffset());
        JsonNode child = value(parser, childPath);
        int valueEnd = valueEnd(parser, valueStart);
        Member earlier = members.get(key);
        if (earlier != null) {
          problems.add(
              new Problem(
                  file,
                  childPath,
                  "duplicate key "
                      + Findings.quoted(key)
                      + " (lines "
                      + earlier.line()
                      + " and "
                      + line
                      + ")",
                  "keep only one of them"));
        } else {
          members.put(key, new Member(key, keyStart, valueStart, valueEnd, line));
          node.set(key, child);
        }
      }
      int end = offset(parser.currentTokenLocation().getCharOffset()) + 1;
      objects.put(path, new ObjectExtent(start, end, members));
      return node;
    }

    private ArrayNode array(JsonParser parser, String path)
        throws IOException, InvalidLayoutException {
      ArrayNode node = NODES.arrayNode();
      int index = 0;
      while (parser.nextToken() != JsonToken.END_ARRAY) {
        node.add(value(parser, JsonPaths.index(path, index++)));
      }
      return node;
    }

    /** Just past the value that starts at {@code valueStart}, the parser standing on its end. */
    private int valueEnd(JsonParser parser, int valueStart) {
      JsonToken token = parser.currentToken();
      if (token == JsonToken.END_OBJECT || token == JsonToken.END_ARRAY) {
        return offset(parser.currentTokenLocation().getCharOffset()) + 1;
      }
      return scalarEnd(text, valueStart);
    }

    private static int offset(long charOffset) {
      return Math.toIntExact(charOffset);
    }
  }

  /**
   * Why a JSON number's text is too big for a layout (too many digits, or an exponent too large
   * either way), or empty when it is not. Reads only the text.
   */
  static Optional<String> numberTooBig(String number) {
    int digits = 0;
    int i = 0;
    for (; i < number.length() && number.charAt(i) != 'e' && number.charAt(i) != 'E'; i++) {
      char c = number.charAt(i);
      digits += c >= '0' && c <= '9' ? 1 : 0;
    }
    if (digits > MAX_NUMBER_DIGITS) {
      return Optional.of(
          "written with "
              + digits
              + " digits, more than the "
              + MAX_NUMBER_DIGITS
              + " a number of a layout may have");
    }
    if (i == number.length()) {
      return Optional.empty();
    }
    String exponent = number.substring(i + 1).replaceFirst("^[+-]?0*", "");
    if (exponent.length() > 2
        || (!exponent.isEmpty() && Integer.parseInt(exponent) > MAX_EXPONENT)) {
      return Optional.of(
          "written with an exponent beyond ±"
              + MAX_EXPONENT
              + ", far outside the range of any field of a layout");
    }
    return Optional.empty();
  }

  /** Where a scalar (string, number, literal) that starts at {@code start} ends. */
  public static int scalarEnd(String text, int start) {
    int i = start;
    if (text.charAt(i) == '"') {
      i++;
      while (text.charAt(i) != '"') {
        i += text.charAt(i) == '\\' ? 2 : 1;
      }
      return i + 1;
    }
    while (i < text.length() && ",}] \t\r\n".indexOf(text.charAt(i)) < 0) {
      i++;
    }
    return i;
  }

  /** The dotted path of where a parser stands, for syntax errors. */
  static String pathOf(JsonStreamContext context) {
    List<String> parts = new ArrayList<>();
    for (JsonStreamContext c = context; c != null && !c.inRoot(); c = c.getParent()) {
      if (c.inObject() && c.getCurrentName() != null) {
        parts.add(0, "." + c.getCurrentName());
      } else if (c.inArray() && c.getCurrentIndex() >= 0) {
        parts.add(0, "[" + c.getCurrentIndex() + "]");
      }
    }
    String joined = String.join("", parts);
    return joined.startsWith(".") ? joined.substring(1) : joined;
  }
}
