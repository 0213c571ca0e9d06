package dev.wall.core.layout;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CoderResult;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.AccessDeniedException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;

/** The checks on a layout as a file: it exists, is a readable file, small, and UTF-8 text. */
public final class LayoutFile {
  /** 1 MiB: a layout for 256 screens is far smaller; anything bigger is the wrong file. */
  public static final long MAX_BYTES = 1024 * 1024;

  private LayoutFile() {}

  public static LayoutText read(Path path) throws InvalidLayoutException {
    String file = path.toString();
    checkIsReadableFile(path, file);
    byte[] bytes;
    try {
      bytes = Files.readAllBytes(path);
    } catch (AccessDeniedException e) {
      throw refuse(file, "cannot be read: permission denied", "make it readable (chmod a+r)");
    } catch (IOException e) {
      throw refuse(file, "cannot be read (" + e.getMessage() + ")", "check the file and disk");
    }
    return decode(file, bytes);
  }

  /** Decodes a layout's bytes; {@code file} names it in problems. */
  public static LayoutText decode(String file, byte[] bytes) throws InvalidLayoutException {
    if (bytes.length > MAX_BYTES) {
      throw tooBig(file, bytes.length);
    }
    if (startsWithUtf16Bom(bytes)) {
      throw refuse(file, "is UTF-16 text, not UTF-8", "save the file as UTF-8");
    }
    boolean bom = LayoutText.startsWithBom(bytes);
    int start = bom ? 3 : 0;
    String text = utf8(file, bytes, start);
    if (text.isBlank()) {
      throw refuse(
          file,
          "is empty",
          "a layout is a JSON object such as {\"version\": 1, ...}; see docs/layout.md");
    }
    return new LayoutText(file, text, bom);
  }

  private static boolean startsWithUtf16Bom(byte[] bytes) {
    if (bytes.length < 2) {
      return false;
    }
    int first = bytes[0] & 0xFF;
    int second = bytes[1] & 0xFF;
    return (first == 0xFE && second == 0xFF) || (first == 0xFF && second == 0xFE);
  }

  private static void checkIsReadableFile(Path path, String file) throws InvalidLayoutException {
    if (Files.isDirectory(path)) {
      throw refuse(file, "is a folder, not a layout file", "give the path of the .json file");
    }
    if (!Files.exists(path)) {
      String why = Files.isSymbolicLink(path) ? "is a broken link" : "does not exist";
      throw refuse(file, why, "check the file name and folder");
    }
    if (!Files.isRegularFile(path)) {
      throw refuse(file, "is not a regular file", "give the path of the layout's .json file");
    }
    if (!Files.isReadable(path)) {
      throw refuse(file, "cannot be read: permission denied", "make it readable (chmod a+r)");
    }
    try {
      long size = Files.size(path);
      if (size > MAX_BYTES) {
        throw tooBig(file, size);
      }
    } catch (NoSuchFileException e) {
      throw refuse(file, "does not exist", "check the file name and folder");
    } catch (IOException e) {
      throw refuse(file, "cannot be read (" + e.getMessage() + ")", "check the file and disk");
    }
  }

  private static String utf8(String file, byte[] bytes, int start) throws InvalidLayoutException {
    CharsetDecoder decoder =
        StandardCharsets.UTF_8
            .newDecoder()
            .onMalformedInput(CodingErrorAction.REPORT)
            .onUnmappableCharacter(CodingErrorAction.REPORT);
    ByteBuffer in = ByteBuffer.wrap(bytes, start, bytes.length - start);
    CharBuffer out = CharBuffer.allocate(bytes.length);
    CoderResult result = decoder.decode(in, out, true);
    if (!result.isError()) {
      result = decoder.flush(out);
    }
    if (result.isError()) {
      int bad = in.position();
      throw refuse(
          file,
          "is not UTF-8 text: byte 0x"
              + String.format(Locale.ROOT, "%02X", bytes[bad] & 0xFF)
              + " at "
              + lineAndColumn(bytes, start, bad),
          "save the file as UTF-8 (in most editors: Save As, Encoding UTF-8)");
    }
    out.flip();
    return out.toString();
  }

  private static String lineAndColumn(byte[] bytes, int start, int offset) {
    int line = 1;
    int lineStart = start;
    for (int i = start; i < offset; i++) {
      if (bytes[i] == '\n') {
        line++;
        lineStart = i + 1;
      }
    }
    String before = new String(bytes, lineStart, offset - lineStart, StandardCharsets.UTF_8);
    return "line " + line + ", column " + (before.codePointCount(0, before.length()) + 1);
  }

  private static InvalidLayoutException tooBig(String file, long size) {
    return refuse(
        file,
        "is " + (size + 1023) / 1024 + " KiB, more than the 1024 KiB (1 MiB) a layout may be",
        "check that this is the layout file; a layout is a few KiB of JSON");
  }

  private static InvalidLayoutException refuse(String file, String what, String fix) {
    return new InvalidLayoutException(List.of(new Problem(file, "", what, fix)));
  }
}
