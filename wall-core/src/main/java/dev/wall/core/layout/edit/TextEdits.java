package dev.wall.core.layout.edit;

import com.fasterxml.jackson.core.io.JsonStringEncoder;
import dev.wall.core.layout.JsonDocument;
import dev.wall.core.layout.JsonDocument.Member;
import dev.wall.core.layout.JsonDocument.ObjectExtent;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * Changes to members of objects in a JSON text, made on the text itself: every character outside
 * the changed values stays as it was, so the file keeps its field order, indentation and line
 * endings. A new field copies the spacing of its neighbours.
 */
final class TextEdits {
  private record Replacement(int start, int end, String text) {}

  private final JsonDocument document;
  private final String text;
  private final List<Replacement> replacements = new ArrayList<>();

  TextEdits(JsonDocument document) {
    this.document = document;
    this.text = document.text();
  }

  static String quote(String value) {
    return "\"" + new String(JsonStringEncoder.getInstance().quoteAsString(value)) + "\"";
  }

  /**
   * Sets {@code key} of the object at {@code objectPath} to the JSON {@code value}. A new key goes
   * after the last of {@code fieldOrder}'s earlier keys that the object has.
   */
  void set(String objectPath, String key, String value, List<String> fieldOrder) {
    ObjectExtent object = object(objectPath);
    Member existing = object.members().get(key);
    if (existing != null) {
      replacements.add(new Replacement(existing.valueStart(), existing.valueEnd(), value));
      return;
    }
    List<String> earlierKeys = fieldOrder.subList(0, Math.max(0, fieldOrder.indexOf(key)));
    List<Member> members = object.inOrder();
    int after = -1;
    for (int i = 0; i < members.size(); i++) {
      if (earlierKeys.contains(members.get(i).key())) {
        after = i;
      }
    }
    insert(object, members, after, quote(key), value);
  }

  void remove(String objectPath, String key) {
    ObjectExtent object = object(objectPath);
    List<Member> members = object.inOrder();
    int index = members.indexOf(object.members().get(key));
    if (index < 0) {
      return;
    }
    Member member = members.get(index);
    if (index + 1 < members.size()) {
      replacements.add(new Replacement(member.keyStart(), members.get(index + 1).keyStart(), ""));
    } else if (index > 0) {
      replacements.add(new Replacement(members.get(index - 1).valueEnd(), member.valueEnd(), ""));
    } else {
      replacements.add(new Replacement(object.start() + 1, object.end() - 1, ""));
    }
  }

  /** The text with every change made; changes may not overlap. */
  String apply() {
    List<Replacement> ordered = new ArrayList<>(replacements);
    ordered.sort(Comparator.comparingInt(Replacement::start).reversed());
    StringBuilder result = new StringBuilder(text);
    int limit = Integer.MAX_VALUE;
    for (Replacement r : ordered) {
      if (r.end() > limit) {
        throw new IllegalStateException("overlapping edits");
      }
      result.replace(r.start(), r.end(), r.text());
      limit = r.start();
    }
    return result.toString();
  }

  private void insert(
      ObjectExtent object, List<Member> members, int after, String key, String value) {
    if (members.isEmpty()) {
      replacements.add(new Replacement(object.start() + 1, object.end() - 1, key + ": " + value));
      return;
    }
    String colon = colon(members.get(0));
    if (after < 0) {
      Member first = members.get(0);
      String separator =
          members.size() > 1
              ? between(first.valueEnd(), members.get(1).keyStart())
              : loneSeparator(object, first);
      replacements.add(
          new Replacement(first.keyStart(), first.keyStart(), key + colon + value + separator));
      return;
    }
    Member previous = members.get(after);
    String separator;
    if (after + 1 < members.size()) {
      separator = between(previous.valueEnd(), members.get(after + 1).keyStart());
    } else if (after > 0) {
      separator = between(members.get(after - 1).valueEnd(), previous.keyStart());
    } else {
      separator = loneSeparator(object, previous);
    }
    replacements.add(
        new Replacement(previous.valueEnd(), previous.valueEnd(), separator + key + colon + value));
  }

  /** For an object with one field: a new line as before that field, or else ", ". */
  private String loneSeparator(ObjectExtent object, Member only) {
    String before = between(object.start() + 1, only.keyStart());
    return before.contains("\n") ? "," + before : ", ";
  }

  /** What the file writes between a key and its value, such as {@code ": "} or {@code " : "}. */
  private String colon(Member member) {
    return between(JsonDocument.scalarEnd(text, member.keyStart()), member.valueStart());
  }

  private String between(int start, int end) {
    return text.substring(start, end);
  }

  private ObjectExtent object(String path) {
    return document
        .object(path)
        .orElseThrow(() -> new IllegalArgumentException("no object at " + path));
  }
}
