package dev.wall.player.wire;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.wall.core.sync.RankStatus;
import dev.wall.core.sync.RoundCommand;
import dev.wall.core.sync.ScreenState;
import org.junit.jupiter.api.Test;

/** A control round's messages come back from the wire as they went. */
class RoundWireTest {

  @Test
  void healthyStatusSurvivesTheWire() {
    RankStatus status = RankStatus.healthy(12.345678, 20.0, true, 0.9987);
    assertEquals(status, RoundWire.decodeStatus(RoundWire.encode(status)));
    assertNull(RoundWire.decodeStatus(RoundWire.encode(status)).failure());
  }

  @Test
  void failedStatusKeepsItsLine() {
    RankStatus status = RankStatus.failed("screen left on rpi1: mpv exited");
    RankStatus decoded = RoundWire.decodeStatus(RoundWire.encode(status));
    assertFalse(decoded.ok());
    assertEquals("screen left on rpi1: mpv exited", decoded.failure());
  }

  @Test
  void aRecoveringScreenTravelsWithItsRestartsAndLastError() {
    RankStatus.Health health =
        new RankStatus.Health(
            ScreenState.RECOVERING,
            3,
            "screen left on rpi1: mpv exited unexpectedly (code 9)",
            1_766_000_000_123L);
    RankStatus decoded =
        RoundWire.decodeStatus(
            RoundWire.encode(RankStatus.notPlaying(health).sampledAt(42, "boot")));
    assertEquals(health, decoded.health());
    assertTrue(decoded.ok(), "a recovering screen does not stop the wall");
    assertFalse(decoded.playing(), "but it is left out of the control loop");
    assertEquals(ScreenState.PLAYING, RankStatus.healthy(1, 2, false, 1).state());
    assertEquals("given up", ScreenState.GIVEN_UP.label());
  }

  @Test
  void droppedFramesTravelWithTheHealth() {
    RankStatus.Health health =
        new RankStatus.Health(ScreenState.PLAYING, 1, null, 0, 4_000_000_123L);
    RankStatus decoded =
        RoundWire.decodeStatus(RoundWire.encode(RankStatus.healthy(1, 2, false, 1).with(health)));
    assertEquals(4_000_000_123L, decoded.health().droppedFrames());
  }

  @Test
  void aVeryLongErrorIsCutToFitTheWire() {
    String longError = "x".repeat(100_000);
    RankStatus status =
        RankStatus.notPlaying(new RankStatus.Health(ScreenState.GIVEN_UP, 5, longError, 1));
    assertEquals(
        2000, RoundWire.decodeStatus(RoundWire.encode(status)).health().lastError().length());
  }

  @Test
  void theInstantAndClockSurviveTheWire() {
    RankStatus status =
        RankStatus.healthy(12.5, 20, false, 0.998).sampledAt(123_456_789_012L, "boot-1");
    assertEquals(status, RoundWire.decodeStatus(RoundWire.encode(status)));
    RankStatus unknown = RankStatus.healthy(1, 2, false, 1);
    assertEquals(unknown, RoundWire.decodeStatus(RoundWire.encode(unknown)));
  }

  @Test
  void commandKeepsRatesSeeksAndMessage() {
    RoundCommand command =
        new RoundCommand(
            RoundCommand.Action.AWAIT_END,
            new double[] {1.0, 0.98, 1.05},
            new double[] {Double.NaN, 3.25, Double.NaN},
            "why");
    RoundCommand decoded = RoundWire.decodeCommand(RoundWire.encode(command));
    assertEquals(RoundCommand.Action.AWAIT_END, decoded.action());
    assertArrayEquals(command.rates(), decoded.rates());
    assertArrayEquals(command.seeks(), decoded.seeks());
    assertEquals("why", decoded.message());
    assertTrue(Double.isNaN(decoded.reference()), "no reference unless one is given");
    assertEquals(
        12.25, RoundWire.decodeCommand(RoundWire.encode(command.withReference(12.25))).reference());
  }
}
