package dev.wall.player.wire;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** Show control's protocol between wall ctl, the controller and the ranks, both ways. */
class ShowControlWireTest {

  @Test
  void aCommandLineCarriesItsWordsAndAForgedWordIsRefused() {
    ControlCommand trigger = new ControlCommand.Trigger("clips/intro+1.mp4", true, false);
    String line = new ControlLine(7, trigger).encode();
    ControlLine back = ControlLine.parse(line).orElseThrow();
    assertEquals(7, back.id());
    assertEquals(trigger, back.command());
    // A word that would split the line or forge another order never becomes a command.
    String forged = "@wall order 7 trigger a+b%0A%40wall+order+9+pause.mp4 span start";
    assertThrows(IllegalArgumentException.class, () -> ControlLine.parse(forged));
    assertEquals(Optional.empty(), ControlLine.parse("[node1] some line of MPI's"));
    assertThrows(IllegalArgumentException.class, () -> ControlLine.parse("@wall order x pause"));
    assertThrows(IllegalArgumentException.class, () -> ControlLine.parse("@wall order 3 explode"));
  }

  @Test
  void rankZerosAnswerIsOneLineTheControllerReadsBack() {
    RankMessage.Answer answer = new RankMessage.Answer(12, false, "screen a on n1: no\nthing");
    String line = answer.encode();
    assertFalse(line.contains("\n"));
    assertEquals(
        new RankMessage.Answer(12, false, "screen a on n1: no thing"),
        RankMessage.parse(line).orElseThrow());
    assertTrue(RankMessage.logged(line), "answers stay in mpirun's log");
    assertEquals(Optional.empty(), RankMessage.parse("@wall answer 12 maybe text"));
  }

  @Test
  void anOrderAndItsAnswersRoundTrip() {
    ShowOrder order = new ShowOrder(5, List.of("goto", "3"), 2, 12.5);
    assertEquals(order, ShowOrder.decode(ShowOrder.encode(order)));
    assertEquals(new ControlCommand.Goto(3), order.command());
    assertNull(ShowOrder.decode(ShowOrder.encode(null)), "a round without an order");
    ShowOrder.Ack ack = new ShowOrder.Ack("screen b on n2: this player cannot", 3.25);
    assertEquals(ack, ShowOrder.Ack.decode(ShowOrder.Ack.encode(ack)));
    assertFalse(ack.ok());
    assertTrue(ShowOrder.Ack.decode(ShowOrder.Ack.encode(new ShowOrder.Ack(null, 1))).ok());
  }

  @Test
  void wallCtlsRequestAndAnswer() {
    String request = CtlExchange.request(new ControlCommand.Loops(4));
    assertEquals("@wall ctl loops 4", request);
    assertEquals(new ControlCommand.Loops(4), CtlExchange.parseRequest(request));
    assertThrows(IllegalArgumentException.class, () -> CtlExchange.parseRequest("pause"));
    assertThrows(IllegalArgumentException.class, () -> CtlExchange.parseRequest(null));
    assertThrows(IllegalArgumentException.class, () -> CtlExchange.parseRequest("@wall ctl "));
    String answer = CtlExchange.answer(true, "pause: applied\nevery screen");
    assertTrue(CtlExchange.applied(answer));
    assertEquals("pause: applied every screen", CtlExchange.text(answer));
    assertFalse(CtlExchange.applied(CtlExchange.answer(false, "no")));
  }
}
