package dev.wall.core.setup;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * File text as setup handles it. Files are decoded as ISO-8859-1, one char per byte, so that every
 * byte setup did not mean to change is written back exactly, whatever the encoding.
 */
public final class Text {
  private Text() {}

  public static String decode(byte[] bytes) {
    return new String(bytes, StandardCharsets.ISO_8859_1);
  }

  public static byte[] encode(String text) {
    return text.getBytes(StandardCharsets.ISO_8859_1);
  }

  /** A Java string (UTF-16) as the UTF-8 bytes a file holds, in the one-char-per-byte form. */
  public static String utf8(String value) {
    return decode(value.getBytes(StandardCharsets.UTF_8));
  }

  /** The lines of a text, each with its own line ending (the last may have none). */
  public static List<String> lines(String text) {
    List<String> lines = new ArrayList<>();
    int start = 0;
    for (int i = 0; i < text.length(); i++) {
      if (text.charAt(i) == '\n') {
        lines.add(text.substring(start, i + 1));
        start = i + 1;
      }
    }
    if (start < text.length()) {
      lines.add(text.substring(start));
    }
    return lines;
  }

  /** The line ending the file already uses, so added lines match it. */
  public static String eol(String text) {
    int newline = text.indexOf('\n');
    return newline > 0 && text.charAt(newline - 1) == '\r' ? "\r\n" : "\n";
  }

  /** A line without its ending. */
  public static String strip(String line) {
    if (line.endsWith("\r\n")) {
      return line.substring(0, line.length() - 2);
    }
    return line.endsWith("\n") ? line.substring(0, line.length() - 1) : line;
  }

  /** The text, ending with a line ending, so that a line can be appended to it. */
  public static String terminated(String text) {
    return text.isEmpty() || text.endsWith("\n") ? text : text + eol(text);
  }
}
