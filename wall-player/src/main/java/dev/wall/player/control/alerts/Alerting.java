package dev.wall.player.control.alerts;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.wall.core.layout.Alerts;
import dev.wall.player.control.ControlKey;
import dev.wall.player.control.events.Outbox;
import dev.wall.player.control.events.Webhook;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The layout's {@code alerts}, running: the rules ({@link AlertRules}), a tick each second, and
 * each alert told to the log, to every alert webhook (signed JSON, as events are) and by e-mail
 * through sendmail where the system has one, each through its own {@link Outbox}.
 */
public final class Alerting implements AutoCloseable {
  private static final ObjectMapper JSON = new ObjectMapper();

  private final AlertRules rules;
  private final List<Outbox<Webhook.Post>> webhooks = new ArrayList<>();
  private final Optional<Outbox<Sendmail.Mail>> mail;
  private final AtomicLong sequence = new AtomicLong();
  private final String wall;
  private final String controller;
  private final PrintWriter log;
  private final Thread ticker;
  private volatile boolean closed;

  /**
   * @param scheduled whether the wall has opening hours (then it is off until the schedule says on)
   * @param sendmail the mail sender, or empty where the system has none
   */
  public Alerting(
      Alerts settings,
      boolean scheduled,
      ControlKey key,
      Optional<Sendmail> sendmail,
      String wall,
      String controller,
      String userAgent,
      Clock clock,
      Duration firstRetry,
      PrintWriter log) {
    this.wall = wall;
    this.controller = controller;
    this.log = log;
    for (String url : settings.webhooks()) {
      Webhook webhook = new Webhook(url, key, userAgent);
      webhooks.add(new Outbox<>("alert " + webhook, webhook, 64, 8, firstRetry));
    }
    this.mail = sendmail.map(sender -> new Outbox<>(sender.toString(), sender, 64, 4, firstRetry));
    if (!settings.email().isEmpty() && sendmail.isEmpty()) {
      say(
          "alerts: no sendmail on this machine (/usr/sbin/sendmail), so no alert goes to "
              + String.join(", ", settings.email())
              + "; install one (msmtp-mta, postfix) to have them");
    }
    this.rules =
        new AlertRules(
            Duration.ofSeconds(settings.notPlayingSeconds()),
            settings.skewFrames(),
            scheduled,
            clock,
            this::tell);
    this.ticker = new Thread(this::tickEverySecond, "alerts");
    ticker.setDaemon(true);
    ticker.start();
  }

  public AlertRules rules() {
    return rules;
  }

  /** Every outbox, for the log and the tests. */
  public List<Outbox<?>> outboxes() {
    List<Outbox<?>> all = new ArrayList<>(webhooks);
    mail.ifPresent(all::add);
    return all;
  }

  private void tell(Alert alert) {
    String state = alert.raised() ? "raised" : "resolved";
    say("alert " + state + ": " + alert.summary());
    long number = sequence.incrementAndGet();
    byte[] body = body(alert, number, wall, controller);
    webhooks.forEach(outbox -> outbox.offer(new Webhook.Post("alert", number, body)));
    mail.ifPresent(
        outbox ->
            outbox.offer(
                new Sendmail.Mail(
                    "[wall "
                        + wall
                        + "] "
                        + (alert.raised() ? "ALERT: " : "resolved: ")
                        + alert.kind()
                        + " "
                        + alert.subject(),
                    alert.summary()
                        + "\n\nwall "
                        + wall
                        + " on "
                        + controller
                        + ", "
                        + alert.at()
                        + "\nfacts: "
                        + alert.facts())));
  }

  /** The JSON an alert is posted as. */
  public static byte[] body(Alert alert, long sequence, String wall, String controller) {
    ObjectNode root = JSON.createObjectNode();
    root.put("alert", alert.kind());
    root.put("subject", alert.subject());
    root.put("state", alert.raised() ? "raised" : "resolved");
    root.put("at", alert.at().toString());
    root.put("summary", alert.summary());
    root.put("sequence", sequence);
    root.put("wall", wall);
    root.put("controller", controller);
    ObjectNode facts = root.putObject("facts");
    alert.facts().forEach(facts::put);
    return root.toString().getBytes(StandardCharsets.UTF_8);
  }

  private void tickEverySecond() {
    while (!closed) {
      try {
        Thread.sleep(1000);
      } catch (InterruptedException e) {
        return;
      }
      rules.tick();
    }
  }

  private void say(String line) {
    synchronized (log) {
      log.println("wall: " + line);
      log.flush();
    }
  }

  @Override
  public void close() {
    closed = true;
    ticker.interrupt();
    outboxes().forEach(Outbox::close);
  }
}
