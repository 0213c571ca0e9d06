package dev.wall.core.layout;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;

/**
 * Reads a layout file into the model, refusing anything that breaks the contract. Every problem is
 * reported at once: the file checks ({@link LayoutFile}), the JSON syntax ({@link JsonDocument}),
 * then every rule ({@link Validator}). Only a layout that passed is bound.
 */
public final class LayoutReader {
  /**
   * Built on first use, not when this class loads: {@link #warmUpInBackground} builds it off the
   * main thread.
   */
  private static final class Binding {
    static final ObjectMapper MAPPER =
        new ObjectMapper().enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);
  }

  /** Small and valid; binding it builds Jackson's readers for every record of the model. */
  static final String WARM_UP_LAYOUT =
      """
      {"version": 1, "name": "warm-up", "loops": 1, "player": "mpv", "mediaRoot": "/warm-up",
       "network": {"subnet": "10.0.0.0/24", "interface": "eth0"},
       "sync": {"toleranceMs": 10}, "loopMode": "lockstep",
       "screens": [{"name": "a", "host": "localhost", "window": {"x": 0, "y": 0, "width": 64, "height": 36},
                    "media": "a.mp4"}]}
      """;

  /**
   * Reads a built-in layout on a daemon thread. Building Jackson's readers for the model takes a
   * cold JVM about a fifth of a second; started first thing, that runs on the other core while the
   * command line is parsed, instead of after it, where {@code wall play} would wait for it.
   */
  public static void warmUpInBackground() {
    Thread warmUp = new Thread(LayoutReader::warmUp, "layout-reader-warm-up");
    warmUp.setDaemon(true);
    warmUp.start();
  }

  static Layout warmUp() {
    PlayerArgsRule.installed(); // the players' allow-lists, found as services: loaded here too
    try {
      return new LayoutReader().read("(built-in warm-up layout)", WARM_UP_LAYOUT);
    } catch (InvalidLayoutException e) {
      throw new IllegalStateException("the warm-up layout is invalid: " + e.getMessage(), e);
    }
  }

  public Layout read(Path file) throws InvalidLayoutException {
    return read(LayoutFile.read(file));
  }

  /** Reads layout text that did not come from disk; {@code file} names it in problems. */
  public Layout read(String file, String json) throws InvalidLayoutException {
    return read(LayoutFile.decode(file, json.getBytes(StandardCharsets.UTF_8)));
  }

  public Layout read(LayoutText text) throws InvalidLayoutException {
    JsonDocument document = JsonDocument.parse(text.file(), text.text());
    List<Problem> problems = Validator.validate(text.file(), document);
    if (!problems.isEmpty()) {
      throw new InvalidLayoutException(problems);
    }
    return bind(text.file(), document.root());
  }

  /**
   * Whether every clip the layout plays exists on this machine under {@code layout.mediaRoot()}. A
   * separate check: on the controller the clips may only exist on the NFS share.
   */
  public List<Problem> checkMedia(String file, Layout layout) {
    return MediaCheck.check(file, layout, Path.of(layout.mediaRoot()));
  }

  /** As {@link #checkMedia(String, Layout)}, with the clips looked for under {@code mediaRoot}. */
  public List<Problem> checkMedia(String file, Layout layout, Path mediaRoot) {
    return MediaCheck.check(file, layout, mediaRoot);
  }

  private static Layout bind(String file, JsonNode root) throws InvalidLayoutException {
    try {
      return Binding.MAPPER.treeToValue(root, Layout.class);
    } catch (JsonProcessingException e) {
      throw bug(file, e.getOriginalMessage());
    } catch (IllegalArgumentException e) {
      throw bug(file, e.getMessage());
    }
  }

  /** The validator lets through only what binds; reaching this is a bug in wall, said plainly. */
  private static InvalidLayoutException bug(String file, String why) {
    return new InvalidLayoutException(
        List.of(
            new Problem(
                file,
                "",
                "passed validation but could not be read (" + why + ")",
                "please report this as a bug in wall")));
  }
}
