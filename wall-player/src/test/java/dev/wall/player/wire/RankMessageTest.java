package dev.wall.player.wire;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/**
 * Rank 0's lines to the controller: what the rank writes is what the controller reads, and MPI's
 * lines are not ours.
 */
class RankMessageTest {

  @Test
  void everyKindOfMessageReadsBackAsWritten() {
    List<RankMessage> messages =
        List.of(
            new RankMessage.Console("loop 1/3: 20.00 s, skew max 4.1 ms (0.12 frames)"),
            new RankMessage.Failure("screen left on rpi1: mpv exited unexpectedly (code 137)"),
            new RankMessage.Status("loop 1/3 at 4.0 s, skew 1.0 ms (0.03 frames)"),
            new RankMessage.Report("{\"loop\":1}"),
            new RankMessage.Lost(0, List.of(2, 3), "barrier", 6000));
    for (RankMessage message : messages) {
      assertEquals(Optional.of(message), RankMessage.parse(message.encode()));
    }
  }

  @Test
  void linesAreTaggedSoThatTheirTextCannotPassForAnotherKind() {
    assertEquals(
        "@wall console failed: not really", new RankMessage.Console("failed: not really").encode());
    assertEquals(
        Optional.of(new RankMessage.Console("failed: not really")),
        RankMessage.parse("@wall console failed: not really"));
  }

  @Test
  void mpisOwnLinesAreNotMessages() {
    for (String line :
        List.of(
            "",
            "loop 1/3: a rank printing without the protocol",
            "--------------------------------------------------------------------------",
            "mpirun noticed that process rank 2 with PID 0 on node rpi3 exited on signal 9 (Killed).",
            "@wall",
            "@wall unknown kind",
            "@wall lost node3",
            "@wall lost 0 2 barrier")) {
      assertTrue(RankMessage.parse(line).isEmpty(), line);
    }
  }
}
