package dev.wall.core.sync;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

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
  void aRecoveringScreenTravelsWithItsRestartsAndLastError() {
    RankStatus.Health health = new RankStatus.Health(ScreenState.RECOVERING, 3,
        "screen left on rpi1: mpv exited unexpectedly (code 9)", 1_766_000_000_123L);
    RankStatus decoded = RankStatus.decode(RankStatus.notPlaying(health).sampledAt(42, "boot").encode());
    assertEquals(health, decoded.health());
    assertTrue(decoded.ok(), "a recovering screen does not stop the wall");
    assertFalse(decoded.playing(), "but it is left out of the control loop");
    assertEquals(ScreenState.PLAYING, RankStatus.healthy(1, 2, false, 1).state());
    assertEquals("given up", ScreenState.GIVEN_UP.label());
  }

  @Test
  void aVeryLongErrorIsCutToFitTheWire() {
    String longError = "x".repeat(100_000);
    RankStatus status = RankStatus.notPlaying(new RankStatus.Health(ScreenState.GIVEN_UP, 5, longError, 1));
    assertEquals(2000, RankStatus.decode(status.encode()).health().lastError().length());
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
    assertTrue(Double.isNaN(decoded.reference()), "no reference unless one is given");
    assertEquals(12.25, RoundCommand.decode(command.withReference(12.25).encode()).reference());
  }
}
