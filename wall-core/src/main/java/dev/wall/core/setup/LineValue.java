package dev.wall.core.setup;

import dev.wall.core.io.ControlChars;

/**
 * Values as they go into a line of a system file: a unit, /etc/hosts, fstab, exports, a
 * NetworkManager keyfile, dhcpcd.conf, an ssh config. The validator already refuses control
 * characters in every text of a layout; this is the second line of defence, for a layout built in
 * code or a rule that missed one. Every writer passes each value it did not make itself through
 * {@link #of}, and every marked block's lines go through {@link #line}, so a value that would start
 * a new line of a root-owned file is refused by name before anything is written.
 */
public final class LineValue {
  private LineValue() {}

  /**
   * {@code value}, when it holds no control character (see {@link ControlChars}); else a refusal
   * naming {@code file}, what the value is ({@code what}, such as "the layout's name") and the
   * value, escaped.
   */
  public static String of(String file, String what, String value) throws SetupRefusal {
    int bad = value == null ? -1 : ControlChars.find(value);
    if (bad >= 0) {
      String shown =
          ControlChars.visible(value.length() > 100 ? value.substring(0, 97) : value)
              + (value.length() > 100 ? "..." : "");
      throw new SetupRefusal(
          file
              + ": "
              + what
              + " \""
              + shown
              + "\" holds "
              + ControlChars.describe(value, bad)
              + ", and one line of this file cannot hold it;"
              + " nothing was written: fix the layout (wall validate names the field)");
    }
    return value;
  }

  /**
   * A line of a file as setup writes it (one char per byte, see {@link Text}): a tab may separate
   * its fields, but no other control byte, and above all no line break, may be in it.
   */
  public static String line(String file, String line) throws SetupRefusal {
    for (int i = 0; i < line.length(); i++) {
      char c = line.charAt(i);
      if ((c < 0x20 && c != '\t') || c == 0x7F) {
        throw new SetupRefusal(
            file
                + ": the line \""
                + ControlChars.visible(line)
                + "\" holds "
                + ControlChars.describe(line, i)
                + "; nothing was written: fix the layout (wall validate"
                + " names the field)");
      }
    }
    return line;
  }
}
