package dev.wall.player.wire;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * A command to a running wall, the same whichever way it came in ({@code wall ctl}, HTTP {@code
 * POST /api/v1/VERB}, OSC {@code /wall/VERB}): a verb and its arguments. Every screen applies it on
 * the same frame. {@link #words()} is its one text form, which {@link #parse} reads back; both the
 * controller and the ranks import this, so the two cannot drift apart.
 */
public sealed interface ControlCommand {

  /** The verb and its arguments, as a technician types them: {@code goto 3}. */
  List<String> words();

  /** The verb alone: {@code goto}. */
  default String verb() {
    return words().get(0);
  }

  /** The words joined by spaces, for logs, events and the control socket's line. */
  default String text() {
    return String.join(" ", words());
  }

  /** Every screen holds the frame it shows (not black), at the same frame. */
  record Pause() implements ControlCommand {
    @Override
    public List<String> words() {
      return List.of("pause");
    }
  }

  /** Every paused screen plays on from the frame it holds, released together. */
  record Resume() implements ControlCommand {
    @Override
    public List<String> words() {
      return List.of("resume");
    }
  }

  /** Every screen goes to the start of playlist item {@code item} (1 is the first). */
  record Goto(int item) implements ControlCommand {
    public Goto {
      if (item < 1) {
        throw new IllegalArgumentException("goto takes an item number from 1, got " + item);
      }
    }

    @Override
    public List<String> words() {
      return List.of("goto", String.valueOf(item));
    }
  }

  /** The start of the next playlist item (after the last: the first). */
  record Next() implements ControlCommand {
    @Override
    public List<String> words() {
      return List.of("next");
    }
  }

  /** The start of the previous playlist item (before the first: the last). */
  record Previous() implements ControlCommand {
    @Override
    public List<String> words() {
      return List.of("previous");
    }
  }

  /** Back to the start of loop 1, as at a fresh start but without one. */
  record Restart() implements ControlCommand {
    @Override
    public List<String> words() {
      return List.of("restart");
    }
  }

  /** Every screen shows black (not a held frame) while the show goes on beneath. */
  record Blank() implements ControlCommand {
    @Override
    public List<String> words() {
      return List.of("blank");
    }
  }

  /** The show is seen again, where it is now. */
  record Unblank() implements ControlCommand {
    @Override
    public List<String> words() {
      return List.of("unblank");
    }
  }

  /** The number of loops of this run from now (0: forever), counted from loop 1 of the run. */
  record Loops(int loops) implements ControlCommand {
    public Loops {
      if (loops < 0) {
        throw new IllegalArgumentException("loops takes 0 (forever) or more, got " + loops);
      }
    }

    @Override
    public List<String> words() {
      return List.of("loops", String.valueOf(loops));
    }
  }

  /** Every display on or off; overrides the schedule until its next change. */
  record Power(boolean on) implements ControlCommand {
    @Override
    public List<String> words() {
      return List.of("power", on ? "on" : "off");
    }
  }

  /**
   * Plays {@code clip} (a media path under the media root, checked as the layout's are) once, then
   * goes back.
   *
   * @param span the clip is one picture across the wall, each screen showing its region, rather
   *     than the whole clip on every screen
   * @param resume go back to where the loop was (true) or to the start of the loop (false)
   */
  record Trigger(String clip, boolean span, boolean resume) implements ControlCommand {
    /**
     * A clip's path as a command may name it: plain names joined by '/', each starting with a
     * letter, digit or '_' (so no "..", no hidden file and no option), no ':' (so no URL mpv would
     * open as a protocol), and a video file's extension. An allow-list: whatever else a request
     * holds never reaches a player.
     */
    static final java.util.regex.Pattern CLIP =
        java.util.regex.Pattern.compile(
            "[A-Za-z0-9_][A-Za-z0-9._+-]{0,127}(/[A-Za-z0-9_][A-Za-z0-9._+-]{0,127}){0,7}");

    public Trigger {
      if (clip == null || clip.isBlank()) {
        throw new IllegalArgumentException("trigger needs a clip");
      }
      if (!CLIP.matcher(clip).matches()) {
        throw new IllegalArgumentException(
            "trigger takes a clip's path under the media root, such as intro.mp4 or"
                + " clips/intro.mp4 (letters, digits and . _ + - in each name, '/' between folders,"
                + " no leading '/' or '.'), got "
                + dev.wall.core.io.ControlChars.visible(
                    clip.length() > 80 ? clip.substring(0, 80) + "..." : clip));
      }
      String extension = clip.substring(clip.lastIndexOf('.') + 1).toLowerCase(Locale.ROOT);
      if (clip.lastIndexOf('.') <= clip.lastIndexOf('/') + 1
          || !dev.wall.core.layout.MediaPaths.VIDEO_EXTENSIONS.contains(extension)) {
        throw new IllegalArgumentException(
            "trigger takes a video file (."
                + String.join(", .", dev.wall.core.layout.MediaPaths.VIDEO_EXTENSIONS.subList(0, 6))
                + " and others), got "
                + clip);
      }
    }

    @Override
    public List<String> words() {
      return List.of("trigger", clip, span ? "span" : "every", resume ? "resume" : "start");
    }
  }

  /** Reads the layout file again and takes what changed at the next loop seam. */
  record Reload() implements ControlCommand {
    @Override
    public List<String> words() {
      return List.of("reload");
    }
  }

  /** The verbs, in the order help lists them. */
  List<String> VERBS =
      List.of(
          "pause",
          "resume",
          "goto",
          "next",
          "previous",
          "restart",
          "blank",
          "unblank",
          "loops",
          "power",
          "trigger",
          "reload");

  /**
   * Reads a command from its verb and arguments.
   *
   * @throws IllegalArgumentException one line saying what is wrong and what is expected
   */
  static ControlCommand parse(String verb, List<String> args) {
    String v = verb.toLowerCase(Locale.ROOT);
    return switch (v) {
      case "pause" -> none(v, args, new Pause());
      case "resume" -> none(v, args, new Resume());
      case "next" -> none(v, args, new Next());
      case "previous" -> none(v, args, new Previous());
      case "restart" -> none(v, args, new Restart());
      case "blank" -> none(v, args, new Blank());
      case "unblank" -> none(v, args, new Unblank());
      case "reload" -> none(v, args, new Reload());
      case "goto" -> new Goto(number(v, args, "ITEM (1 is the first item)"));
      case "loops" -> new Loops(number(v, args, "N (0: forever)"));
      case "power" -> {
        if (args.size() != 1 || !List.of("on", "off").contains(args.get(0))) {
          throw new IllegalArgumentException("power takes on or off, got " + args);
        }
        yield new Power(args.get(0).equals("on"));
      }
      case "trigger" -> trigger(args);
      default ->
          throw new IllegalArgumentException(
              "unknown command " + verb + "; the commands are " + String.join(", ", VERBS));
    };
  }

  /** Reads a command from its words: {@code ["goto", "3"]}. */
  static ControlCommand parse(List<String> words) {
    if (words.isEmpty()) {
      throw new IllegalArgumentException(
          "no command; the commands are " + String.join(", ", VERBS));
    }
    return parse(words.get(0), words.subList(1, words.size()));
  }

  private static ControlCommand none(String verb, List<String> args, ControlCommand command) {
    if (!args.isEmpty()) {
      throw new IllegalArgumentException(verb + " takes no argument, got " + args);
    }
    return command;
  }

  private static int number(String verb, List<String> args, String what) {
    if (args.size() != 1 || !args.get(0).matches("[0-9]{1,6}")) {
      throw new IllegalArgumentException(verb + " takes " + what + ", got " + args);
    }
    return Integer.parseInt(args.get(0));
  }

  private static Trigger trigger(List<String> args) {
    if (args.isEmpty() || args.size() > 3) {
      throw new IllegalArgumentException(
          "trigger takes CLIP [every|span] [resume|start], got " + args);
    }
    boolean span = false;
    boolean resume = true;
    List<String> rest = new ArrayList<>(args.subList(1, args.size()));
    for (String word : rest) {
      switch (word) {
        case "every" -> span = false;
        case "span" -> span = true;
        case "resume" -> resume = true;
        case "start" -> resume = false;
        default ->
            throw new IllegalArgumentException(
                "trigger takes CLIP [every|span] [resume|start], got " + word);
      }
    }
    return new Trigger(args.get(0), span, resume);
  }
}
