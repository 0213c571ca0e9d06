package dev.wall.core.layout.edit;

import com.fasterxml.jackson.databind.JsonNode;
import dev.wall.core.layout.InvalidLayoutException;
import dev.wall.core.layout.JsonDocument;
import dev.wall.core.layout.Layout;
import dev.wall.core.layout.LayoutFile;
import dev.wall.core.layout.LayoutReader;
import dev.wall.core.layout.LayoutText;
import dev.wall.core.layout.Problem;
import dev.wall.core.layout.Suggestions;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The edits a technician makes between shows: which clip a screen plays, and the loop count. Each
 * edit changes only the values it is about (see {@link TextEdits}), and is refused, with nothing
 * written, unless the edited layout passes every rule.
 */
public final class LayoutEditor {
  /** Where a new field goes among the ones a file already has: the contract's order. */
  private static final List<String> TOP_ORDER =
      List.of("version", "name", "loops", "loopMode", "player", "mediaRoot");

  private static final List<String> SCREEN_ORDER =
      List.of("name", "host", "address", "output", "window", "region", "media");

  private final LayoutReader reader = new LayoutReader();

  /** {@code screen} (a name, or a rank number) plays {@code media}, relative to mediaRoot. */
  public LayoutEdit assign(Path file, String screen, String media) throws InvalidLayoutException {
    return assign(file, screen, List.of(media));
  }

  /**
   * {@code screen} plays {@code playlist} in order: one clip is written as text, several as a list.
   * Every screen's playlist must keep as many items, so a longer list is refused until each has it.
   */
  public LayoutEdit assign(Path file, String screen, List<String> playlist)
      throws InvalidLayoutException {
    Opened opened = open(file);
    Target target = opened.screen(screen);
    TextEdits edits = new TextEdits(opened.document());
    String value =
        playlist.size() == 1
            ? TextEdits.quote(playlist.get(0))
            : "[" + String.join(", ", playlist.stream().map(TextEdits::quote).toList()) + "]";
    edits.set(target.path(), "media", value, SCREEN_ORDER);
    return finish(opened, edits, List.of(target.change(Optional.of(value))));
  }

  /** {@code screen} drops its own clip and shows its region of the span again. */
  public LayoutEdit showSpan(Path file, String screen) throws InvalidLayoutException {
    Opened opened = open(file);
    Target target = opened.screen(screen);
    TextEdits edits = new TextEdits(opened.document());
    edits.remove(target.path(), "media");
    return finish(opened, edits, List.of(target.change(Optional.empty())));
  }

  /** Screens {@code a} and {@code b} trade clips; a screen showing the span passes that on. */
  public LayoutEdit swap(Path file, String a, String b) throws InvalidLayoutException {
    Opened opened = open(file);
    Target first = opened.screen(a);
    Target second = opened.screen(b);
    if (first.index() == second.index()) {
      throw opened.refuse(
          "screens",
          "\"" + a + "\" and \"" + b + "\" are the same screen",
          "name two different screens");
    }
    TextEdits edits = new TextEdits(opened.document());
    setOrRemove(edits, first, second.media());
    setOrRemove(edits, second, first.media());
    return finish(
        opened, edits, List.of(first.change(second.media()), second.change(first.media())));
  }

  /** Sets the loop count; 0 plays forever. */
  public LayoutEdit loops(Path file, int loops) throws InvalidLayoutException {
    Opened opened = open(file);
    JsonNode old = opened.document().root().get("loops");
    TextEdits edits = new TextEdits(opened.document());
    edits.set("", "loops", Integer.toString(loops), TOP_ORDER);
    String before = old == null ? "not set (" + Layout.DEFAULT_LOOPS + ")" : old.toString();
    return finish(opened, edits, List.of("loops: " + before + " -> " + loops + forever(loops)));
  }

  private static String forever(int loops) {
    return loops == 0 ? " (forever)" : "";
  }

  private static void setOrRemove(TextEdits edits, Target target, Optional<String> media) {
    if (media.isPresent()) {
      edits.set(target.path(), "media", media.get(), SCREEN_ORDER);
    } else {
      edits.remove(target.path(), "media");
    }
  }

  private LayoutEdit finish(Opened opened, TextEdits edits, List<String> changes)
      throws InvalidLayoutException {
    LayoutText after = opened.text().withText(edits.apply());
    reader.read(after);
    return new LayoutEdit(opened.file(), opened.text(), after, changes);
  }

  private static Opened open(Path file) throws InvalidLayoutException {
    LayoutText text = LayoutFile.read(file);
    return new Opened(file, text, JsonDocument.parse(text.file(), text.text()));
  }

  /**
   * A screen an edit is about: its index, JSON path, name and current clip or playlist, as JSON.
   */
  private record Target(int index, String name, Optional<String> media) {
    String path() {
      return "screens[" + index + "]";
    }

    String change(Optional<String> newMedia) {
      return path() + ".media (" + name + "): " + describe(media) + " -> " + describe(newMedia);
    }

    private static String describe(Optional<String> media) {
      return media.orElse("none, shows its region of the span");
    }
  }

  private record Opened(Path file, LayoutText text, JsonDocument document) {
    Target screen(String wanted) throws InvalidLayoutException {
      JsonNode screens = document.root().path("screens");
      if (!screens.isArray() || screens.isEmpty()) {
        throw refuse("screens", "lists no screens", "fix the layout first: wall validate " + file);
      }
      List<String> names = new ArrayList<>();
      for (int i = 0; i < screens.size(); i++) {
        JsonNode name = screens.get(i).path("name");
        names.add(name.isTextual() ? name.textValue() : "");
        if (name.isTextual() && name.textValue().equals(wanted)) {
          return target(i);
        }
      }
      if (wanted.matches("[0-9]{1,3}") && Integer.parseInt(wanted) < screens.size()) {
        return target(Integer.parseInt(wanted));
      }
      throw refuse(
          "screens",
          "has no screen named \"" + wanted + "\"",
          Suggestions.closest(wanted, names)
              .map(close -> "did you mean \"" + close + "\"?")
              .orElse("the screens are " + String.join(", ", names)));
    }

    private Target target(int index) throws InvalidLayoutException {
      JsonNode screen = document.root().path("screens").get(index);
      if (!screen.isObject()) {
        throw refuse(
            "screens[" + index + "]",
            "is not a screen object",
            "fix the layout first: wall validate " + file);
      }
      JsonNode media = screen.path("media");
      JsonNode name = screen.path("name");
      return new Target(
          index,
          name.isTextual() ? name.textValue() : "rank " + index,
          media.isTextual() || media.isArray() ? Optional.of(json(media)) : Optional.empty());
    }

    /**
     * A clip or a playlist as the edit writes it: {@code "a.mp4"} or {@code ["a.mp4", "b.mp4"]}.
     */
    private static String json(JsonNode media) {
      if (media.isTextual()) {
        return TextEdits.quote(media.textValue());
      }
      List<String> items = new ArrayList<>();
      media.forEach(
          item ->
              items.add(item.isTextual() ? TextEdits.quote(item.textValue()) : item.toString()));
      return "[" + String.join(", ", items) + "]";
    }

    InvalidLayoutException refuse(String path, String what, String fix) {
      return new InvalidLayoutException(List.of(new Problem(text.file(), path, what, fix)));
    }
  }
}
