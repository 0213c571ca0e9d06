package dev.wall.player.control.alerts;

import dev.wall.player.control.events.Outbox;
import dev.wall.player.process.Processes;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * E-mail through the system's {@code sendmail} (Postfix, Exim, msmtp and others install one), run
 * by the process runner: the recipients as arguments, which the layout's validator allowed only as
 * plain addresses (none can read as an option), and the message on standard input.
 */
public final class Sendmail implements Outbox.Sender<Sendmail.Mail> {
  /** Where sendmail is, in the order Debian and others put it. */
  static final List<Path> PLACES =
      List.of(Path.of("/usr/sbin/sendmail"), Path.of("/usr/lib/sendmail"));

  private static final Duration DEADLINE = Duration.ofSeconds(30);

  /** One message: its subject and its text, both plain. */
  public record Mail(String subject, String text) {}

  private final Path program;
  private final List<String> recipients;
  private final String from;

  Sendmail(Path program, List<String> recipients, String from) {
    this.program = program;
    this.recipients = List.copyOf(recipients);
    this.from = from;
  }

  /** The system's sendmail for these recipients, or empty when there is none. */
  public static Optional<Sendmail> find(List<String> recipients, String from) {
    return PLACES.stream()
        .filter(Files::isExecutable)
        .findFirst()
        .map(program -> new Sendmail(program, recipients, from));
  }

  @Override
  public void send(Mail mail) throws IOException, InterruptedException {
    StringBuilder message = new StringBuilder();
    message.append("From: ").append(oneLine(from)).append("\n");
    message.append("To: ").append(String.join(", ", recipients)).append("\n");
    message.append("Subject: ").append(oneLine(mail.subject())).append("\n");
    message.append("Content-Type: text/plain; charset=utf-8\n");
    message.append("Auto-Submitted: auto-generated\n\n");
    message.append(mail.text()).append("\n");
    List<String> argv = new ArrayList<>(List.of(program.toString(), "-oi"));
    argv.addAll(recipients);
    Processes.Outcome sent =
        Processes.run(
            argv, message.toString().getBytes(StandardCharsets.UTF_8), DEADLINE, Map.of());
    if (sent.exitCode() != 0) {
      throw new IOException(
          program + " failed with " + sent.exitCode() + ": " + sent.lastErrorLine());
    }
  }

  private static String oneLine(String text) {
    return text.replaceAll("[\\p{Cntrl}\\u2028\\u2029]", " ");
  }

  @Override
  public String toString() {
    return "sendmail to " + String.join(", ", recipients);
  }
}
