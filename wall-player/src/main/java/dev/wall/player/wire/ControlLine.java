package dev.wall.player.wire;

import java.net.URLDecoder;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * A command on its way from the controller to rank 0: one line on mpirun's standard input, which
 * Open MPI forwards to rank 0's. The controller numbers each command, and rank 0 answers with the
 * same number ({@link RankMessage.Answer}).
 *
 * <p>The line is {@code @wall order ID WORD... [@ LAYOUT]}: each word of the command
 * percent-encoded, so that no word (a clip's name with a space or a line break in it) can split the
 * line or forge another, and no word is a bare {@code @}. What follows a bare {@code @} is what the
 * controller worked out for the command, never what a caller sent: for {@code reload}, the new
 * layout it validated ({@link LayoutWire}).
 *
 * @param id the controller's number for it, from 1
 * @param command what to do
 * @param layout for reload, the validated layout to switch to ({@link LayoutWire}); else null
 */
public record ControlLine(long id, ControlCommand command, String layout) {
  static final String PREFIX = "@wall order ";

  private static final String ATTACHED = "@";

  public ControlLine {
    if (id < 1) {
      throw new IllegalArgumentException("a command's number starts at 1, got " + id);
    }
  }

  public ControlLine(long id, ControlCommand command) {
    this(id, command, null);
  }

  /** The line as it travels, without its line break. */
  public String encode() {
    StringBuilder line = new StringBuilder(PREFIX).append(id);
    for (String word : command.words()) {
      line.append(' ').append(URLEncoder.encode(word, StandardCharsets.UTF_8));
    }
    if (layout != null) {
      line.append(' ')
          .append(ATTACHED)
          .append(' ')
          .append(URLEncoder.encode(layout, StandardCharsets.UTF_8));
    }
    return line.toString();
  }

  /**
   * The command on {@code line}, or empty when the line is not one of ours.
   *
   * @throws IllegalArgumentException for a line of ours that does not hold a command, saying why
   */
  public static Optional<ControlLine> parse(String line) {
    if (!line.startsWith(PREFIX)) {
      return Optional.empty();
    }
    String[] tokens = line.substring(PREFIX.length()).split(" ");
    if (tokens.length < 2 || !tokens[0].matches("[0-9]{1,18}")) {
      throw new IllegalArgumentException("a command line needs a number and a command: " + line);
    }
    List<String> words = new ArrayList<>();
    String layout = null;
    for (int i = 1; i < tokens.length; i++) {
      if (tokens[i].equals(ATTACHED)) {
        if (i != tokens.length - 2) {
          throw new IllegalArgumentException(
              "a command line carries one layout at its end: " + line);
        }
        layout = URLDecoder.decode(tokens[i + 1], StandardCharsets.UTF_8);
        break;
      }
      words.add(URLDecoder.decode(tokens[i], StandardCharsets.UTF_8));
    }
    return Optional.of(
        new ControlLine(Long.parseLong(tokens[0]), ControlCommand.parse(words), layout));
  }
}
