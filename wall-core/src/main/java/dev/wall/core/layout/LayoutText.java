package dev.wall.core.layout;

import java.nio.charset.StandardCharsets;

/**
 * A layout file's text as read, decoded from UTF-8. A leading byte order mark (as Windows Notepad
 * writes) is accepted and remembered, so an edit writes it back.
 */
public record LayoutText(String file, String text, boolean byteOrderMark) {
  private static final byte[] BOM = {(byte) 0xEF, (byte) 0xBB, (byte) 0xBF};

  /** The same file with other text, as an edit produces it. */
  public LayoutText withText(String newText) {
    return new LayoutText(file, newText, byteOrderMark);
  }

  /** The bytes to write: UTF-8, with the byte order mark if the file had one. */
  public byte[] bytes() {
    byte[] body = text.getBytes(StandardCharsets.UTF_8);
    if (!byteOrderMark) {
      return body;
    }
    byte[] all = new byte[BOM.length + body.length];
    System.arraycopy(BOM, 0, all, 0, BOM.length);
    System.arraycopy(body, 0, all, BOM.length, body.length);
    return all;
  }

  static boolean startsWithBom(byte[] bytes) {
    return bytes.length >= 3 && bytes[0] == BOM[0] && bytes[1] == BOM[1] && bytes[2] == BOM[2];
  }
}
