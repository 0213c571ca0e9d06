package dev.wall.core.setup;

import java.util.List;

/**
 * The lines setup owns inside a file it shares with others, between a begin and an end marker. A
 * second run replaces the block in place, so a run is idempotent and never touches the rest.
 */
public final class MarkedBlock {
  private MarkedBlock() {}

  public static String begin(String module) {
    return "# >>> wall setup " + module + " >>>";
  }

  public static String end(String module) {
    return "# <<< wall setup " + module + " <<<";
  }

  /** Where the block is: its first line and the line after its end; absent when start is -1. */
  public record Span(int start, int end) {
    public boolean present() {
      return start >= 0;
    }
  }

  public static Span find(List<String> lines, String module, String file) throws SetupRefusal {
    int start = -1;
    for (int i = 0; i < lines.size(); i++) {
      String line = Text.strip(lines.get(i)).trim();
      if (line.equals(begin(module))) {
        if (start >= 0) {
          throw broken(file, module, "two begin markers");
        }
        start = i;
      } else if (line.equals(end(module))) {
        if (start < 0) {
          throw broken(file, module, "an end marker without a begin marker");
        }
        return new Span(start, i + 1);
      }
    }
    if (start >= 0) {
      throw broken(file, module, "a begin marker without an end marker");
    }
    return new Span(-1, -1);
  }

  private static SetupRefusal broken(String file, String module, String what) {
    return new SetupRefusal(
        file
            + ": the \"wall setup "
            + module
            + "\" block has "
            + what
            + "; remove the broken block by hand and run again");
  }

  /** The text without the block. */
  public static String remove(String text, String module, String file) throws SetupRefusal {
    List<String> lines = Text.lines(text);
    Span span = find(lines, module, file);
    if (!span.present()) {
      return text;
    }
    return String.join("", lines.subList(0, span.start()))
        + String.join("", lines.subList(span.end(), lines.size()));
  }

  /** The block's lines, markers included, each ending with {@code eol}. */
  public static String render(String module, List<String> body, String eol) {
    StringBuilder out = new StringBuilder(begin(module)).append(eol);
    body.forEach(line -> out.append(line).append(eol));
    return out.append(end(module)).append(eol).toString();
  }

  /**
   * Puts the block with {@code body} where the old block was, or else at the end. An empty body
   * removes the block.
   */
  public static String upsert(String text, String module, List<String> body, String file)
      throws SetupRefusal {
    checkLines(body, file);
    List<String> lines = Text.lines(text);
    Span span = find(lines, module, file);
    String block = body.isEmpty() ? "" : render(module, body, Text.eol(text));
    if (span.present()) {
      return String.join("", lines.subList(0, span.start()))
          + block
          + String.join("", lines.subList(span.end(), lines.size()));
    }
    return body.isEmpty() ? text : Text.terminated(text) + block;
  }

  /** Inserts the block before line {@code index} of {@code text} (which holds no block). */
  public static String insertAt(
      String text, int index, String module, List<String> body, String file) throws SetupRefusal {
    checkLines(body, file);
    List<String> lines = Text.lines(Text.terminated(text));
    String block = render(module, body, Text.eol(text));
    return String.join("", lines.subList(0, index))
        + block
        + String.join("", lines.subList(index, lines.size()));
  }

  /** Each body line is one line: whatever a value in it held, it cannot start another. */
  private static void checkLines(List<String> body, String file) throws SetupRefusal {
    for (String line : body) {
      LineValue.line(file, line);
    }
  }
}
