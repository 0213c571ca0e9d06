package dev.wall.core.layout;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.wall.core.io.ControlChars;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Collects the problems of one layout, and checks the JSON type of each value. A value of the wrong
 * type is reported once and then skipped, so one mistake gives one line, not a cascade.
 */
final class Findings {
  /**
   * Problems kept for one layout. A layout that breaks more rules than this is the wrong file, or a
   * crafted one; the first ones found say enough, and the rest cost no memory.
   */
  static final int MAX_PROBLEMS = 100;

  /**
   * The longest text any field may hold: a Linux path (PATH_MAX) fits, and every check after this
   * one, and every message that quotes a value, stays cheap.
   */
  static final int MAX_TEXT_CHARS = 4096;

  private final String file;
  private final List<Problem> problems = new ArrayList<>();
  private int dropped;

  Findings(String file) {
    this.file = file;
  }

  void add(String path, String what, String fix) {
    if (problems.size() < MAX_PROBLEMS) {
      problems.add(new Problem(file, path, what, fix));
    } else {
      dropped++;
    }
  }

  List<Problem> all() {
    return List.copyOf(problems);
  }

  /** Problems found beyond {@link #MAX_PROBLEMS}, counted and not kept. */
  int dropped() {
    return dropped;
  }

  /**
   * Reports fields the object may not have. {@code elsewhere} maps a field that belongs in another
   * part of the layout to a hint saying where.
   */
  void onlyKnownFields(
      ObjectNode object, String path, List<String> known, Map<String, String> elsewhere) {
    for (Iterator<String> names = object.fieldNames(); names.hasNext(); ) {
      String name = names.next();
      if (known.contains(name)) {
        continue;
      }
      String fieldPath = JsonPaths.field(path, name);
      Optional<String> close = Suggestions.closest(name, known);
      if (close.isPresent()) {
        add(fieldPath, "unknown field", "did you mean \"" + close.get() + "\"?");
      } else if (elsewhere.containsKey(name)) {
        add(fieldPath, "unknown field here", elsewhere.get(name));
      } else {
        add(
            fieldPath,
            "unknown field",
            "remove it (fields here: " + String.join(", ", known) + ")");
      }
    }
  }

  /** The value of a required field, or a "missing" problem. */
  Optional<JsonNode> required(ObjectNode object, String path, String name, String fix) {
    JsonNode value = object.get(name);
    if (value == null) {
      add(JsonPaths.field(path, name), "is missing", fix);
    }
    return Optional.ofNullable(value);
  }

  Optional<JsonNode> optional(ObjectNode object, String name) {
    return Optional.ofNullable(object.get(name));
  }

  /** A required text field of the object at {@code path}: its text, or the problem reported. */
  Optional<String> requiredText(
      ObjectNode object, String path, String name, String fix, String example) {
    return required(object, path, name, fix)
        .flatMap(v -> text(v, JsonPaths.field(path, name), example));
  }

  /** An optional text field: its text when given and text, else empty (a wrong one reported). */
  Optional<String> optionalText(ObjectNode object, String path, String name, String example) {
    return optional(object, name).flatMap(v -> text(v, JsonPaths.field(path, name), example));
  }

  /**
   * Every pair of items, the later one with each earlier one in turn, for the rules between items
   * (overlaps, repeats): problems are reported at the later one, in the layout's order.
   */
  static <T> void eachPair(List<T> items, java.util.function.BiConsumer<T, T> earlierAndLater) {
    for (int later = 0; later < items.size(); later++) {
      for (int earlier = 0; earlier < later; earlier++) {
        earlierAndLater.accept(items.get(earlier), items.get(later));
      }
    }
  }

  Optional<ObjectNode> object(JsonNode value, String path, String example) {
    if (value.isObject()) {
      return Optional.of((ObjectNode) value);
    }
    wrongType(value, path, "an object { ... }", example);
    return Optional.empty();
  }

  /**
   * {@code value} as an object whose fields are all {@code known} (each other one is a finding,
   * pointing to where it belongs when {@code elsewhere} names it), or empty when it is no object.
   */
  Optional<ObjectNode> objectOf(
      JsonNode value,
      String path,
      String example,
      List<String> known,
      Map<String, String> elsewhere) {
    Optional<ObjectNode> object = object(value, path, example);
    object.ifPresent(o -> onlyKnownFields(o, path, known, elsewhere));
    return object;
  }

  Optional<ArrayNode> list(JsonNode value, String path, String example) {
    if (value.isArray()) {
      return Optional.of((ArrayNode) value);
    }
    wrongType(value, path, "a list [ ... ]", example);
    return Optional.empty();
  }

  /** One text, or a list of them (a playlist); anything else is reported. */
  Optional<JsonNode> textOrList(JsonNode value, String path, String example) {
    if (value.isTextual() || value.isArray()) {
      return Optional.of(value);
    }
    wrongType(value, path, "text in double quotes or a list [ ... ]", example);
    return Optional.empty();
  }

  /**
   * The text of a text value, or empty after one problem: the wrong type, a text too long, or a
   * control character (see {@link ControlChars}). Every text of a layout passes here, so every
   * later rule, every message and every file written from a layout only ever sees plain one-line
   * text.
   */
  Optional<String> text(JsonNode value, String path, String example) {
    if (!value.isTextual()) {
      wrongType(value, path, "text in double quotes", example);
      return Optional.empty();
    }
    String text = value.textValue();
    if (text.length() > MAX_TEXT_CHARS) {
      add(
          path,
          "is "
              + text.length()
              + " characters long, more than the "
              + MAX_TEXT_CHARS
              + " any text of a layout may have",
          "shorten it");
      return Optional.empty();
    }
    int bad = ControlChars.find(text);
    if (bad >= 0) {
      add(
          path,
          "holds "
              + ControlChars.describe(text, bad)
              + " at character "
              + (bad + 1)
              + ": "
              + quoted(text),
          "retype it as plain text on one line; no text of a layout may hold"
              + " line breaks, tabs or other control characters");
      return Optional.empty();
    }
    return Optional.of(text);
  }

  /** A text for a message: quoted, its control characters escaped, and cut short. */
  static String quoted(String text) {
    String shown = ControlChars.visible(text.length() > 40 ? text.substring(0, 37) : text);
    return "\"" + shown + (text.length() > 40 ? "..." : "") + "\"";
  }

  Optional<BigDecimal> number(JsonNode value, String path, String example) {
    if (value.isNumber()) {
      return Optional.of(value.decimalValue());
    }
    wrongType(value, path, "a number", example);
    return Optional.empty();
  }

  /** A whole number inside [min, max]; the range problem ends with {@code fix}. */
  Optional<Long> wholeNumber(
      JsonNode value, String path, long min, long max, String example, String fix) {
    if (!value.isNumber()) {
      wrongType(value, path, "a whole number", example);
      return Optional.empty();
    }
    BigDecimal decimal = value.decimalValue();
    if (decimal.signum() != 0 && decimal.stripTrailingZeros().scale() > 0) {
      add(
          path,
          "must be a whole number, got " + decimal.toPlainString(),
          "write it like " + example);
      return Optional.empty();
    }
    // 1e3 and 5.0 are whole numbers too, as JSON Schema counts them.
    BigInteger number = decimal.toBigInteger();
    if (number.compareTo(BigInteger.valueOf(min)) < 0
        || number.compareTo(BigInteger.valueOf(max)) > 0) {
      add(path, "must be " + range(min, max) + ", got " + number, fix);
      return Optional.empty();
    }
    return Optional.of(number.longValueExact());
  }

  static String range(long min, long max) {
    if (min == -max) {
      return "between -" + max + " and " + max;
    }
    if (max == Long.MAX_VALUE) {
      return min == 1 ? "more than 0" : min + " or more";
    }
    return "between " + min + " and " + max;
  }

  private void wrongType(JsonNode value, String path, String expected, String example) {
    String got = describe(value);
    String fix;
    if (value.isTextual() && looksNumeric(value.textValue()) && expected.contains("number")) {
      fix = "write it without quotes: " + value.textValue().trim();
    } else if (value.isNull()) {
      fix = "write a value like " + example + ", or remove the field to use the default";
    } else {
      fix = "write it like " + example;
    }
    add(path, "must be " + expected + ", got " + got, fix);
  }

  private static boolean looksNumeric(String s) {
    return s.trim().matches("-?[0-9]+(\\.[0-9]+)?");
  }

  static String describe(JsonNode value) {
    if (value.isTextual()) {
      return "text " + quoted(value.textValue());
    }
    if (value.isNumber()) {
      return "the number " + value.asText();
    }
    if (value.isBoolean()) {
      return value.asText();
    }
    if (value.isNull()) {
      return "null";
    }
    return value.isArray() ? "a list" : "an object";
  }
}
