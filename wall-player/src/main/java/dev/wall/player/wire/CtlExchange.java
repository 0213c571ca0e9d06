package dev.wall.player.wire;

import java.net.URLDecoder;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * {@code wall ctl COMMAND} and the controller, over the control socket in the run folder: one
 * request line, one answer line. The request is {@code @wall ctl WORD...}, each word of the command
 * percent-encoded so that no word can split the line; the answer is {@code applied TEXT} or {@code
 * refused TEXT}. Both {@code wall ctl} and the controller import this class.
 */
public final class CtlExchange {
  /** The socket's name in the run folder. */
  public static final String SOCKET = "control.sock";

  /** A request longer than this is refused unread. */
  public static final int MAX_LINE = 4096;

  private static final String PREFIX = "@wall ctl ";

  private CtlExchange() {}

  /** The request line for {@code command}, without its line break. */
  public static String request(ControlCommand command) {
    StringBuilder line = new StringBuilder(PREFIX.strip());
    for (String word : command.words()) {
      line.append(' ').append(URLEncoder.encode(word, StandardCharsets.UTF_8));
    }
    return line.toString();
  }

  /**
   * The command in a request line.
   *
   * @throws IllegalArgumentException when the line is not a request, or holds no command wall
   *     knows, saying why
   */
  public static ControlCommand parseRequest(String line) {
    if (line == null || !line.startsWith(PREFIX)) {
      throw new IllegalArgumentException("not a wall ctl request");
    }
    List<String> words = new ArrayList<>();
    for (String token : line.substring(PREFIX.length()).split(" ")) {
      if (!token.isEmpty()) {
        words.add(URLDecoder.decode(token, StandardCharsets.UTF_8));
      }
    }
    return ControlCommand.parse(words);
  }

  /** The answer line, without its line break. */
  public static String answer(boolean applied, String text) {
    return (applied ? "applied " : "refused ") + text.replaceAll("[\\r\\n]+", " ");
  }

  /** Whether an answer line says applied. */
  public static boolean applied(String answer) {
    return answer != null && answer.startsWith("applied ");
  }

  /** An answer line's text. */
  public static String text(String answer) {
    int space = answer == null ? -1 : answer.indexOf(' ');
    return space < 0 ? String.valueOf(answer) : answer.substring(space + 1);
  }
}
