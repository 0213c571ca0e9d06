package dev.wall.player.wire;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;

/**
 * A command as rank 0 orders it to every rank, at the start of a control round: the command's words
 * and what rank 0 worked out for it, so that every rank does exactly the same. Every rank applies
 * it right after the round's barrier, the one instant the ranks share (they leave it within a
 * fraction of a millisecond of each other), so every screen changes on the same frame.
 *
 * <p>Both rank 0 (which writes it) and every rank (which reads it) import this class.
 *
 * @param id the controller's number for the command ({@link ControlLine})
 * @param words the command's words ({@link ControlCommand#words})
 * @param item for goto, next, previous and restart: the playlist item to go to, from 0; else -1
 * @param position for resume: the position every screen plays on from; else 0
 * @param layout for reload: the layout to switch to, as the controller validated it ({@link
 *     LayoutWire}); else null
 */
public record ShowOrder(long id, List<String> words, int item, double position, String layout) {
  private static final int MAX_WORDS = 16;

  /** A layout of some thousand screens; more is not one the controller sent. */
  private static final int MAX_LAYOUT_BYTES = 4 << 20;

  public ShowOrder {
    words = List.copyOf(words);
  }

  public ShowOrder(long id, List<String> words, int item, double position) {
    this(id, words, item, position, null);
  }

  /** The command it carries. */
  public ControlCommand command() {
    return ControlCommand.parse(words);
  }

  /** The order as the root broadcasts it; null (no order this round) as a single 0 byte. */
  public static byte[] encode(ShowOrder order) {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream(32);
    try (DataOutputStream out = new DataOutputStream(bytes)) {
      out.writeBoolean(order != null);
      if (order != null) {
        out.writeLong(order.id());
        out.writeByte(order.words().size());
        for (String word : order.words()) {
          out.writeUTF(word);
        }
        out.writeInt(order.item());
        out.writeDouble(order.position());
        byte[] layout =
            order.layout() == null
                ? new byte[0]
                : order.layout().getBytes(java.nio.charset.StandardCharsets.UTF_8);
        out.writeInt(layout.length);
        out.write(layout);
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return bytes.toByteArray();
  }

  /** The order in {@code message}, or null when the round brings none. */
  public static ShowOrder decode(byte[] message) {
    try (DataInputStream in = new DataInputStream(new ByteArrayInputStream(message))) {
      if (!in.readBoolean()) {
        return null;
      }
      long id = in.readLong();
      int count = in.readUnsignedByte();
      if (count == 0 || count > MAX_WORDS) {
        throw new IOException("an order of " + count + " words");
      }
      List<String> words = new ArrayList<>();
      for (int i = 0; i < count; i++) {
        words.add(in.readUTF());
      }
      int item = in.readInt();
      double position = in.readDouble();
      int length = in.readInt();
      if (length < 0 || length > MAX_LAYOUT_BYTES) {
        throw new IOException("a layout of " + length + " bytes");
      }
      String layout =
          length == 0
              ? null
              : new String(in.readNBytes(length), java.nio.charset.StandardCharsets.UTF_8);
      return new ShowOrder(id, words, item, position, layout);
    } catch (IOException e) {
      throw new UncheckedIOException("malformed show order", e);
    }
  }

  /**
   * A rank's answer to an order: what went wrong on its screen (empty when nothing did), the
   * position its screen shows (for pause and trigger: where the wall resumes from), and for trigger
   * the length of the clip it shows (0 otherwise).
   */
  public record Ack(String problem, double position, double seconds) {
    public Ack(String problem, double position) {
      this(problem, position, 0);
    }

    public static byte[] encode(Ack ack) {
      ByteArrayOutputStream bytes = new ByteArrayOutputStream(32);
      try (DataOutputStream out = new DataOutputStream(bytes)) {
        String problem = ack.problem() == null ? "" : ack.problem();
        out.writeUTF(problem.length() > 500 ? problem.substring(0, 500) : problem);
        out.writeDouble(ack.position());
        out.writeDouble(ack.seconds());
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
      return bytes.toByteArray();
    }

    public static Ack decode(byte[] message) {
      try (DataInputStream in = new DataInputStream(new ByteArrayInputStream(message))) {
        return new Ack(in.readUTF(), in.readDouble(), in.readDouble());
      } catch (IOException e) {
        throw new UncheckedIOException("malformed order answer", e);
      }
    }

    public boolean ok() {
      return problem == null || problem.isEmpty();
    }
  }
}
