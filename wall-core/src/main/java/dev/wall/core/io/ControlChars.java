package dev.wall.core.io;

import java.util.Locale;

/**
 * The characters no value from a layout may hold: every one of them either breaks a line of a file
 * the wall writes (a systemd unit, /etc/hosts, an ssh config), or acts on the terminal that prints
 * it. They are the C0 controls (tab, line feed and carriage return included), DEL, the C1 controls,
 * the Unicode line and paragraph separators, the bidirectional overrides and isolates that reorder
 * text on screen, and a surrogate without its pair (not a character at all). No field of a layout
 * is multi-line text, so none needs any of them.
 */
public final class ControlChars {
  private ControlChars() {}

  /** The index of the first such character in {@code text}, or -1. */
  public static int find(CharSequence text) {
    for (int i = 0; i < text.length(); i++) {
      char c = text.charAt(i);
      if (Character.isHighSurrogate(c)
          && i + 1 < text.length()
          && Character.isLowSurrogate(text.charAt(i + 1))) {
        i++;
      } else if (refused(c)) {
        return i;
      }
    }
    return -1;
  }

  public static boolean any(CharSequence text) {
    return find(text) >= 0;
  }

  private static boolean refused(char c) {
    return c < 0x20
        || (c >= 0x7F && c <= 0x9F)
        || c == '\u2028'
        || c == '\u2029'
        || (c >= '\u202A' && c <= '\u202E')
        || (c >= '\u2066' && c <= '\u2069')
        || Character.isSurrogate(c);
  }

  /** What the character at {@code index} is, for a message: {@code a line feed (U+000A)}. */
  public static String describe(CharSequence text, int index) {
    char c = text.charAt(index);
    String code = String.format(Locale.ROOT, "U+%04X", (int) c);
    String name =
        switch (c) {
          case '\n' -> "a line feed";
          case '\r' -> "a carriage return";
          case '\t' -> "a tab";
          case '\0' -> "a NUL";
          case 0x1B -> "an escape (ESC)";
          case 0x7F -> "a delete (DEL)";
          case '\u2028' -> "a line separator";
          case '\u2029' -> "a paragraph separator";
          default -> {
            if (c < 0x20) {
              yield "a control character";
            } else if (c <= 0x9F) {
              yield "a C1 control character";
            } else if (Character.isSurrogate(c)) {
              yield "half of a surrogate pair";
            } else {
              yield "a bidirectional text control";
            }
          }
        };
    return name + " (" + code + ")";
  }

  /**
   * {@code text} safe to print on one line: each refused character is written as an escape ({@code
   * \n}, {@code \t}, {@code \u001B}), so a message shows what is there and the terminal does
   * nothing with it.
   */
  public static String visible(CharSequence text) {
    if (!any(text)) {
      return text.toString();
    }
    StringBuilder out = new StringBuilder(text.length() + 16);
    for (int i = 0; i < text.length(); i++) {
      char c = text.charAt(i);
      boolean pair =
          Character.isHighSurrogate(c)
              && i + 1 < text.length()
              && Character.isLowSurrogate(text.charAt(i + 1));
      if (pair) {
        out.append(c).append(text.charAt(++i));
        continue;
      }
      if (!refused(c)) {
        out.append(c);
        continue;
      }
      switch (c) {
        case '\n' -> out.append("\\n");
        case '\r' -> out.append("\\r");
        case '\t' -> out.append("\\t");
        default -> out.append(String.format(Locale.ROOT, "\\u%04X", (int) c));
      }
    }
    return out.toString();
  }
}
