package dev.wall.core.sync;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;

/**
 * What one rank reports at each control round: its health, and its position sampled at the
 * instant the round's barrier released (so every rank's sample is of the same moment).
 *
 * @param failure null when healthy; otherwise one line naming the screen and what went wrong
 * @param position seconds into the clip at the barrier's release
 * @param duration the clip's length in seconds
 * @param atEnd the last frame is shown and held
 * @param rate the playback rate in force
 */
public record RankStatus(String failure, double position, double duration, boolean atEnd, double rate) {

  public static RankStatus healthy(double position, double duration, boolean atEnd, double rate) {
    return new RankStatus(null, position, duration, atEnd, rate);
  }

  public static RankStatus failed(String failure) {
    return new RankStatus(failure, 0, 0, false, 1);
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
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return bytes.toByteArray();
  }

  public static RankStatus decode(byte[] message) {
    try (DataInputStream in = new DataInputStream(new ByteArrayInputStream(message))) {
      String failure = in.readBoolean() ? in.readUTF() : null;
      return new RankStatus(failure, in.readDouble(), in.readDouble(), in.readBoolean(), in.readDouble());
    } catch (IOException e) {
      throw new UncheckedIOException("malformed rank status", e);
    }
  }
}
