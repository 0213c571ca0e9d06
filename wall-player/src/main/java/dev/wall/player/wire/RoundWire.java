package dev.wall.player.wire;

import dev.wall.core.sync.RankStatus;
import dev.wall.core.sync.RoundCommand;
import dev.wall.core.sync.ScreenState;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;

/**
 * A control round on the wire between ranks: each rank's {@link RankStatus}, gathered to rank 0,
 * and rank 0's {@link RoundCommand}, broadcast back (over MPI, {@code core/comm/Communicator}).
 */
public final class RoundWire {
  private RoundWire() {}

  /** A rank's status, for rank 0. */
  public static byte[] encode(RankStatus status) {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream(64);
    try (DataOutputStream out = new DataOutputStream(bytes)) {
      writeNullable(out, status.failure());
      out.writeDouble(status.position());
      out.writeDouble(status.duration());
      out.writeBoolean(status.atEnd());
      out.writeDouble(status.rate());
      out.writeLong(status.sampledAtNanos());
      writeNullable(out, status.clock());
      out.writeByte(status.health().state().ordinal());
      out.writeInt(status.health().restarts());
      writeNullable(out, status.health().lastError());
      out.writeLong(status.health().lastErrorAtMillis());
      out.writeLong(status.health().droppedFrames());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return bytes.toByteArray();
  }

  public static RankStatus decodeStatus(byte[] message) {
    try (DataInputStream in = new DataInputStream(new ByteArrayInputStream(message))) {
      String failure = readNullable(in);
      double position = in.readDouble();
      double duration = in.readDouble();
      boolean atEnd = in.readBoolean();
      double rate = in.readDouble();
      long sampledAt = in.readLong();
      String clock = readNullable(in);
      RankStatus.Health health =
          new RankStatus.Health(
              ScreenState.values()[in.readByte()],
              in.readInt(),
              readNullable(in),
              in.readLong(),
              in.readLong());
      return new RankStatus(failure, position, duration, atEnd, rate, sampledAt, clock, health);
    } catch (IOException | ArrayIndexOutOfBoundsException e) {
      throw new UncheckedIOException(
          "malformed rank status", e instanceof IOException io ? io : new IOException(e));
    }
  }

  /**
   * A line of a message is cut to fit (writeUTF holds 64 KB); a player's error is a line or two.
   */
  private static final int MAX_TEXT = 2000;

  private static void writeNullable(DataOutputStream out, String text) throws IOException {
    out.writeBoolean(text != null);
    if (text != null) {
      out.writeUTF(text.length() > MAX_TEXT ? text.substring(0, MAX_TEXT) : text);
    }
  }

  private static String readNullable(DataInputStream in) throws IOException {
    return in.readBoolean() ? in.readUTF() : null;
  }

  /** Rank 0's command, for every rank. */
  public static byte[] encode(RoundCommand command) {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream(32 + 16 * command.rates().length);
    try (DataOutputStream out = new DataOutputStream(bytes)) {
      out.writeByte(command.action().ordinal());
      out.writeInt(command.rates().length);
      for (int i = 0; i < command.rates().length; i++) {
        out.writeDouble(command.rates()[i]);
        out.writeDouble(command.seeks()[i]);
      }
      out.writeUTF(command.message() == null ? "" : command.message());
      out.writeDouble(command.endsIn());
      out.writeDouble(command.reference());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return bytes.toByteArray();
  }

  public static RoundCommand decodeCommand(byte[] message) {
    try (DataInputStream in = new DataInputStream(new ByteArrayInputStream(message))) {
      RoundCommand.Action action = RoundCommand.Action.values()[in.readByte()];
      int size = in.readInt();
      double[] rates = new double[size];
      double[] seeks = new double[size];
      for (int i = 0; i < size; i++) {
        rates[i] = in.readDouble();
        seeks[i] = in.readDouble();
      }
      return new RoundCommand(action, rates, seeks, in.readUTF(), in.readDouble(), in.readDouble());
    } catch (IOException e) {
      throw new UncheckedIOException("malformed round command", e);
    }
  }
}
