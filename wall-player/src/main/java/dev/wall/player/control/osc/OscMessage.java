package dev.wall.player.control.osc;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * One OSC 1.0 message, read and written strictly and within bounds: an address, then arguments of
 * three types, {@code s} (text), {@code i} (32-bit whole number) and {@code f} (32-bit float). A
 * bundle, a blob, any other type, a message without its type tags, padding that is not zero, or a
 * packet over {@link #MAX_BYTES} is refused, never guessed at.
 *
 * @param args each a {@link String}, {@link Integer} or {@link Float}
 */
public record OscMessage(String address, List<Object> args) {
  /** A command fits in far less; a larger packet is refused unread. */
  public static final int MAX_BYTES = 1024;

  public static final int MAX_ARGS = 8;

  public OscMessage {
    args = List.copyOf(args);
    for (Object arg : args) {
      if (!(arg instanceof String || arg instanceof Integer || arg instanceof Float)) {
        throw new IllegalArgumentException("an OSC argument is text, an int or a float");
      }
    }
  }

  /** Why a packet was refused. */
  public static final class Malformed extends Exception {
    Malformed(String why) {
      super(why);
    }
  }

  /**
   * Reads one message from {@code packet} (its remaining bytes, the whole datagram).
   *
   * @throws Malformed saying what is wrong, on one line
   */
  public static OscMessage read(ByteBuffer packet) throws Malformed {
    ByteBuffer in = packet.slice();
    if (in.remaining() > MAX_BYTES) {
      throw new Malformed("over " + MAX_BYTES + " bytes");
    }
    if (in.remaining() == 0 || in.remaining() % 4 != 0) {
      throw new Malformed("not a multiple of 4 bytes long");
    }
    String address = string(in, "the address");
    if (address.equals("#bundle")) {
      throw new Malformed("a bundle; send each command as a message of its own");
    }
    if (!address.startsWith("/")) {
      throw new Malformed("the address does not start with /");
    }
    if (!in.hasRemaining()) {
      throw new Malformed("no type tags (OSC 1.0 messages have them: ,s for one text)");
    }
    String tags = string(in, "the type tags");
    if (!tags.startsWith(",")) {
      throw new Malformed("the type tags do not start with ,");
    }
    if (tags.length() - 1 > MAX_ARGS) {
      throw new Malformed("more than " + MAX_ARGS + " arguments");
    }
    List<Object> args = new ArrayList<>();
    for (int i = 1; i < tags.length(); i++) {
      char tag = tags.charAt(i);
      switch (tag) {
        case 's' -> args.add(string(in, "a text argument"));
        case 'i' -> args.add(Integer.valueOf(int32(in)));
        case 'f' -> args.add(Float.valueOf(Float.intBitsToFloat(int32(in))));
        default ->
            throw new Malformed(
                "an argument of type '" + printable(tag) + "'; only s, i and f are taken");
      }
    }
    if (in.hasRemaining()) {
      throw new Malformed(in.remaining() + " bytes after the last argument");
    }
    return new OscMessage(address, args);
  }

  private static int int32(ByteBuffer in) throws Malformed {
    if (in.remaining() < 4) {
      throw new Malformed("a number argument is cut short");
    }
    return in.getInt();
  }

  /** An OSC-string: printable ASCII up to a NUL, then NULs to a multiple of 4 bytes. */
  private static String string(ByteBuffer in, String what) throws Malformed {
    int start = in.position();
    int end = -1;
    for (int i = start; i < in.limit(); i++) {
      byte b = in.get(i);
      if (b == 0) {
        end = i;
        break;
      }
      if (b < 0x20 || b > 0x7E) {
        throw new Malformed(what + " holds a byte that is not printable ASCII");
      }
    }
    if (end < 0) {
      throw new Malformed(what + " has no end (no NUL byte)");
    }
    int padded = start + ((end - start) / 4 + 1) * 4;
    if (padded > in.limit()) {
      throw new Malformed(what + " is not padded to 4 bytes");
    }
    for (int i = end; i < padded; i++) {
      if (in.get(i) != 0) {
        throw new Malformed(what + " is padded with bytes that are not NUL");
      }
    }
    byte[] bytes = new byte[end - start];
    in.get(bytes);
    in.position(padded);
    return new String(bytes, StandardCharsets.US_ASCII);
  }

  private static String printable(char c) {
    return c >= 0x20 && c < 0x7F ? String.valueOf(c) : String.format("\\x%02x", (int) c);
  }

  /** The message as it travels. */
  public byte[] bytes() {
    StringBuilder tags = new StringBuilder(",");
    for (Object arg : args) {
      tags.append(arg instanceof String ? 's' : arg instanceof Integer ? 'i' : 'f');
    }
    ByteBuffer out = ByteBuffer.allocate(size(address) + size(tags.toString()) + argBytes());
    put(out, address);
    put(out, tags.toString());
    for (Object arg : args) {
      if (arg instanceof String text) {
        put(out, text);
      } else if (arg instanceof Integer number) {
        out.putInt(number);
      } else {
        out.putFloat((Float) arg);
      }
    }
    return out.array();
  }

  private int argBytes() {
    int n = 0;
    for (Object arg : args) {
      n += arg instanceof String text ? size(text) : 4;
    }
    return n;
  }

  // Written as UTF-8 (a screen's name may be "Café"), which OSC receivers pass through as bytes.
  private static int size(String text) {
    return (text.getBytes(StandardCharsets.UTF_8).length / 4 + 1) * 4;
  }

  private static void put(ByteBuffer out, String text) {
    byte[] bytes = text.getBytes(StandardCharsets.UTF_8);
    out.put(bytes);
    out.put(new byte[size(text) - bytes.length]);
  }
}
