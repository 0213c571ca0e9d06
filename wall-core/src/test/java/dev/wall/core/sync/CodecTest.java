package dev.wall.core.sync;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;

import org.junit.jupiter.api.Test;

class CodecTest {

  @Test
  void healthyStatusSurvivesTheWire() {
    RankStatus status = RankStatus.healthy(12.345678, 20.0, true, 0.9987);
    assertEquals(status, RankStatus.decode(status.encode()));
    assertNull(RankStatus.decode(status.encode()).failure());
  }

  @Test
  void failedStatusKeepsItsLine() {
    RankStatus status = RankStatus.failed("screen left on rpi1: mpv exited");
    RankStatus decoded = RankStatus.decode(status.encode());
    assertFalse(decoded.ok());
    assertEquals("screen left on rpi1: mpv exited", decoded.failure());
  }

  @Test
  void commandKeepsRatesSeeksAndMessage() {
    RoundCommand command = new RoundCommand(RoundCommand.Action.AWAIT_END,
        new double[] {1.0, 0.98, 1.05}, new double[] {Double.NaN, 3.25, Double.NaN}, "why");
    RoundCommand decoded = RoundCommand.decode(command.encode());
    assertEquals(RoundCommand.Action.AWAIT_END, decoded.action());
    assertArrayEquals(command.rates(), decoded.rates());
    assertArrayEquals(command.seeks(), decoded.seeks());
    assertEquals("why", decoded.message());
  }
}
