package dev.wall.core.sync;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;

/**
 * What one rank reports at each control round: its health, and its position sampled as the
 * round's barrier released it. A rank that was not scheduled at once samples later than the
 * others; {@link CommonInstant} moves the samples of ranks that share a clock to one instant.
 *
 * @param failure null when healthy; otherwise one line naming the screen and what went wrong
 * @param position seconds into the clip when sampled
 * @param duration the clip's length in seconds
 * @param atEnd the last frame is shown and held
 * @param rate the playback rate in force
 * @param sampledAtNanos when the position was sampled, on {@code clock}
 * @param clock which monotonic clock {@code sampledAtNanos} is on (ranks on one machine share one),
 *     or null when unknown
 */
public record RankStatus(String failure, double position, double duration, boolean atEnd, double rate,
    long sampledAtNanos, String clock) {

  public static RankStatus healthy(double position, double duration, boolean atEnd, double rate) {
    return new RankStatus(null, position, duration, atEnd, rate, 0, null);
  }

  public static RankStatus failed(String failure) {
    return new RankStatus(failure, 0, 0, false, 1, 0, null);
  }

  /** The same status, sampled at {@code nanos} on {@code clockId}. */
  public RankStatus sampledAt(long nanos, String clockId) {
    return new RankStatus(failure, position, duration, atEnd, rate, nanos, clockId);
  }

  public boolean ok() {
    return failure == null;
  }

  /** Seconds of clip left to play. */
  public double remaining() {
    return Math.max(0, duration - position);
  }

  public byte[] encode() {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream(64);
    try (DataOutputStream out = new DataOutputStream(bytes)) {
      out.writeBoolean(failure != null);
      if (failure != null) {
        out.writeUTF(failure);
      }
      out.writeDouble(position);
      out.writeDouble(duration);
      out.writeBoolean(atEnd);
      out.writeDouble(rate);
      out.writeLong(sampledAtNanos);
      out.writeBoolean(clock != null);
      if (clock != null) {
        out.writeUTF(clock);
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return bytes.toByteArray();
  }

  public static RankStatus decode(byte[] message) {
    try (DataInputStream in = new DataInputStream(new ByteArrayInputStream(message))) {
      String failure = in.readBoolean() ? in.readUTF() : null;
      return new RankStatus(failure, in.readDouble(), in.readDouble(), in.readBoolean(), in.readDouble(),
          in.readLong(), in.readBoolean() ? in.readUTF() : null);
    } catch (IOException e) {
      throw new UncheckedIOException("malformed rank status", e);
    }
  }
}
