package dev.wall.player.control.events;

import dev.wall.core.io.ControlChars;
import dev.wall.player.control.osc.OscMessage;
import dev.wall.player.wire.WallEvent;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.DatagramChannel;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * One OSC feedback target: each event as {@code /wall/event/KIND} with text arguments, the event's
 * time, then each fact as a name and its value ({@code "screen" "tr" "host" "rpi2"}). UDP never
 * waits for the receiver, so a missing one costs nothing.
 */
public final class OscFeedback implements Outbox.Sender<WallEvent>, AutoCloseable {
  public static final String PREFIX = "/wall/event/";

  private final InetSocketAddress target;
  private final DatagramChannel channel;

  public OscFeedback(InetSocketAddress target) throws IOException {
    this.target = target;
    this.channel = DatagramChannel.open();
  }

  /** The message an event travels as. */
  public static OscMessage message(WallEvent event) {
    List<Object> args = new ArrayList<>();
    args.add(event.at().toString());
    for (Map.Entry<String, String> fact : event.facts().entrySet()) {
      args.add(ControlChars.visible(fact.getKey()));
      args.add(ControlChars.visible(fact.getValue() == null ? "" : fact.getValue()));
    }
    List<Object> kept = args.size() > 31 ? args.subList(0, 31) : args;
    return new OscMessage(PREFIX + event.kind().wireName(), kept);
  }

  @Override
  public void send(WallEvent event) throws IOException {
    channel.send(ByteBuffer.wrap(message(event).bytes()), target);
  }

  @Override
  public void close() throws IOException {
    channel.close();
  }

  @Override
  public String toString() {
    return "osc://" + target.getAddress().getHostAddress() + ":" + target.getPort();
  }
}
