package dev.wall.player.rank;

import dev.wall.player.wire.ControlLine;
import dev.wall.player.wire.RankMessage;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.Optional;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

/**
 * Rank 0's commands from the controller: lines on its standard input, which mpirun forwards from
 * the controller's ({@link ControlLine}). One daemon thread reads them; the rank's own thread takes
 * them between control rounds. A line that is not a command is answered at once, and a full inbox
 * refuses the newest: the controller sends one command at a time, so neither happens in practice.
 */
public final class CommandInbox {
  private static final int CAPACITY = 16;

  /**
   * A command that waited longer (the wall at a seam, or starting) is refused rather than applied
   * late: the controller gives up on an answer after 8 s and has told its caller so.
   */
  static final long STALE_NANOS = 6_000_000_000L;

  /** A command and when it came in (System.nanoTime). */
  record Arrived(ControlLine line, long nanos) {
    boolean stale(long now) {
      return now - nanos > STALE_NANOS;
    }
  }

  private final BlockingQueue<Arrived> lines = new ArrayBlockingQueue<>(CAPACITY);

  /** Reads {@code in} on a daemon thread until it ends; answers go to {@code answers}. */
  public static CommandInbox reading(InputStream in, Consumer<RankMessage> answers) {
    CommandInbox inbox = new CommandInbox();
    Thread reader =
        new Thread(
            () ->
                inbox.read(
                    new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8)), answers),
            "commands-in");
    reader.setDaemon(true);
    reader.start();
    return inbox;
  }

  /** An inbox fed by hand, for tests. */
  static CommandInbox empty() {
    return new CommandInbox();
  }

  boolean offer(ControlLine line) {
    return offer(line, System.nanoTime());
  }

  /** A command that came in at {@code nanos} (System.nanoTime), for tests. */
  boolean offer(ControlLine line, long nanos) {
    return lines.offer(new Arrived(line, nanos));
  }

  private void read(BufferedReader reader, Consumer<RankMessage> answers) {
    try {
      String text;
      while ((text = reader.readLine()) != null) {
        Optional<ControlLine> line;
        try {
          line = ControlLine.parse(text);
        } catch (IllegalArgumentException e) {
          answers.accept(new RankMessage.Console("wall-rank: a command line was refused: " + e));
          continue;
        }
        if (line.isPresent() && !offer(line.get())) {
          answers.accept(
              new RankMessage.Answer(
                  line.get().id(),
                  false,
                  "the wall already has " + CAPACITY + " commands waiting"));
        }
      }
    } catch (IOException e) {
      // The controller closed its end: no more commands.
    }
  }

  /** The next command, waiting until {@code deadlineNanos} (System.nanoTime) at most; or null. */
  Arrived poll(long deadlineNanos) {
    long left = deadlineNanos - System.nanoTime();
    try {
      return left <= 0 ? lines.poll() : lines.poll(left, TimeUnit.NANOSECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return null;
    }
  }
}
