package dev.wall.player.wire;

import java.util.List;
import java.util.Optional;

/**
 * What rank 0 tells the controller, one line each on its standard output, which mpirun relays.
 * mpirun mixes in lines of its own (and of the other ranks), so every message of ours starts with a
 * tag; a line without one is MPI's and goes to the controller's log only.
 *
 * <p>The rank writes {@link #encode()}; the controller reads with {@link #parse}. Both sides import
 * this class, so the two cannot drift apart.
 */
public sealed interface RankMessage {

  /** The line as it travels. */
  String encode();

  /**
   * A line for the technician's console: a loop's summary, a snapshot saved, a screen whose player
   * failed and was replaced or given up.
   */
  record Console(String text) implements RankMessage {
    @Override
    public String encode() {
      return Tag.CONSOLE.prefix + text;
    }
  }

  /** One failed screen, naming the screen and its host, and what happened. */
  record Failure(String text) implements RankMessage {
    @Override
    public String encode() {
      return Tag.FAILED.prefix + text;
    }
  }

  /**
   * Ranks that stopped answering: rank {@code reporter} gave up waiting for {@code missing} at a
   * meeting (a {@code barrier}, {@code gather} or {@code broadcast}) after {@code waitedMillis}.
   * The root names exactly the ranks that did not come; any other rank can only name the root. The
   * controller, which has the layout, names their screens and hosts.
   */
  record Lost(int reporter, List<Integer> missing, String meeting, long waitedMillis)
      implements RankMessage {
    public Lost {
      missing = List.copyOf(missing);
    }

    @Override
    public String encode() {
      return Tag.LOST.prefix
          + reporter
          + " "
          + String.join(",", missing.stream().map(String::valueOf).toList())
          + " "
          + meeting
          + " "
          + waitedMillis;
    }

    static Optional<RankMessage> parse(String body) {
      String[] words = body.split(" ");
      if (words.length != 4
          || !words[0].matches("\\d+")
          || !words[1].matches("\\d+(,\\d+)*")
          || !words[3].matches("\\d+")) {
        return Optional.empty();
      }
      List<Integer> missing =
          java.util.Arrays.stream(words[1].split(",")).map(Integer::valueOf).toList();
      return Optional.of(
          new Lost(Integer.parseInt(words[0]), missing, words[2], Long.parseLong(words[3])));
    }
  }

  /**
   * After a control round: where the wall and each screen are, as the JSON of a {@link WallStatus}.
   */
  record Status(String json) implements RankMessage {
    public Status(WallStatus status) {
      this(status.toJson());
    }

    @Override
    public String encode() {
      return Tag.STATUS.prefix + json;
    }

    /**
     * @throws IllegalArgumentException when the JSON is not a wall status
     */
    public WallStatus status() {
      return WallStatus.fromJson(json);
    }
  }

  /** A loop's figures, as the JSON of a {@link LoopReport}. */
  record Report(String json) implements RankMessage {
    @Override
    public String encode() {
      return Tag.REPORT.prefix + json;
    }
  }

  /**
   * Rank 0's answer to the controller's command number {@code id} ({@link ControlLine}): applied by
   * every screen, or refused, in one line that names the screens and hosts concerned.
   */
  record Answer(long id, boolean applied, String text) implements RankMessage {
    public Answer {
      text = text.replaceAll("[\\r\\n]+", " ");
    }

    @Override
    public String encode() {
      return Tag.ANSWER.prefix + id + (applied ? " applied " : " refused ") + text;
    }

    static Optional<RankMessage> parse(String body) {
      String[] words = body.split(" ", 3);
      if (words.length != 3
          || !words[0].matches("[0-9]{1,18}")
          || !List.of("applied", "refused").contains(words[1])) {
        return Optional.empty();
      }
      return Optional.of(
          new Answer(Long.parseLong(words[0]), words[1].equals("applied"), words[2]));
    }
  }

  /** The message on {@code line}, or empty for a line that is not ours (MPI's own output). */
  static Optional<RankMessage> parse(String line) {
    for (Tag tag : Tag.values()) {
      if (line.startsWith(tag.prefix)) {
        String body = line.substring(tag.prefix.length());
        if (tag == Tag.LOST) {
          return Lost.parse(body);
        }
        if (tag == Tag.ANSWER) {
          return Answer.parse(body);
        }
        return Optional.of(
            switch (tag) {
              case CONSOLE -> new Console(body);
              case FAILED -> new Failure(body);
              case STATUS -> new Status(body);
              case REPORT -> new Report(body);
              case LOST, ANSWER -> throw new AssertionError("parsed above");
            });
      }
    }
    return Optional.empty();
  }

  /**
   * Whether the controller's log keeps {@code line}: everything but the status, which comes every
   * second (about 8 MB a day for 4 screens) and is kept in the status file instead, and a loop's
   * figures, which {@code --report} keeps (the console line of the loop stays).
   */
  static boolean logged(String line) {
    return !line.startsWith(Tag.STATUS.prefix) && !line.startsWith(Tag.REPORT.prefix);
  }

  /** The tags. Short, and unlike anything Open MPI prints. */
  enum Tag {
    CONSOLE("@wall console "),
    FAILED("@wall failed "),
    STATUS("@wall status "),
    REPORT("@wall report "),
    LOST("@wall lost "),
    ANSWER("@wall answer ");

    final String prefix;

    Tag(String prefix) {
      this.prefix = prefix;
    }
  }
}
