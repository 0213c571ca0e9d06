package dev.wall.player.control.events;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.wall.player.control.ControlKey;
import dev.wall.player.control.WallEvents;
import dev.wall.player.wire.WallEvent;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Events out: every event to every webhook (signed JSON) and OSC feedback target, each target with
 * its own {@link Outbox}, so a slow or dead one delays neither the wall nor the others. Each event
 * has a sequence number, so a receiver sees what it missed.
 */
public final class EventDispatcher implements WallEvents, AutoCloseable {
  /** Events that may wait for one target; past it the oldest go. */
  public static final int QUEUE = 256;

  /** Tries per event: 1, then after 1, 2, 4 and 8 s. */
  public static final int ATTEMPTS = 5;

  private static final ObjectMapper JSON = new ObjectMapper();

  private final String wall;
  private final String controller;
  private final List<Outbox<Webhook.Post>> webhooks = new ArrayList<>();
  private final List<Outbox<WallEvent>> feedback = new ArrayList<>();
  private final List<OscFeedback> channels = new ArrayList<>();
  private final AtomicLong sequence = new AtomicLong();

  /**
   * @param wall the layout's name, in every body
   * @param controller this machine's host name, in every body
   */
  public EventDispatcher(
      List<String> webhookUrls,
      List<InetSocketAddress> oscTargets,
      ControlKey key,
      String wall,
      String controller,
      String userAgent,
      Duration firstRetry)
      throws IOException {
    this.wall = wall;
    this.controller = controller;
    for (String url : webhookUrls) {
      Webhook webhook = new Webhook(url, key, userAgent);
      webhooks.add(new Outbox<>(webhook.toString(), webhook, QUEUE, ATTEMPTS, firstRetry));
    }
    for (InetSocketAddress target : oscTargets) {
      OscFeedback osc = new OscFeedback(target);
      channels.add(osc);
      feedback.add(new Outbox<>(osc.toString(), osc, QUEUE, ATTEMPTS, firstRetry));
    }
  }

  /** Whether it sends anywhere at all. */
  public boolean isEmpty() {
    return webhooks.isEmpty() && feedback.isEmpty();
  }

  @Override
  public void publish(WallEvent event) {
    long number = sequence.incrementAndGet();
    if (!webhooks.isEmpty()) {
      byte[] body = body(event, number, wall, controller);
      webhooks.forEach(
          outbox -> outbox.offer(new Webhook.Post(event.kind().wireName(), number, body)));
    }
    feedback.forEach(outbox -> outbox.offer(event));
  }

  /** The JSON an event is posted as. */
  public static byte[] body(WallEvent event, long sequence, String wall, String controller) {
    ObjectNode root = JSON.createObjectNode();
    root.put("event", event.kind().wireName());
    root.put("at", event.at().toString());
    root.put("sequence", sequence);
    root.put("wall", wall);
    root.put("controller", controller);
    ObjectNode facts = root.putObject("facts");
    event.facts().forEach(facts::put);
    return root.toString().getBytes(StandardCharsets.UTF_8);
  }

  /** Every target's outbox, webhooks first, for the log and {@code /metrics}. */
  public List<Outbox<?>> outboxes() {
    List<Outbox<?>> all = new ArrayList<>(webhooks);
    all.addAll(feedback);
    return all;
  }

  @Override
  public void close() {
    outboxes().forEach(Outbox::close);
    for (OscFeedback channel : channels) {
      try {
        channel.close();
      } catch (IOException e) {
        // Closing anyway.
      }
    }
  }
}
