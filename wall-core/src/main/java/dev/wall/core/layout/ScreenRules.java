package dev.wall.core.layout;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;

/** The rules for {@code screens}: each screen on its own, then the screens against each other. */
final class ScreenRules {
  static final List<String> SCREEN_FIELDS =
      List.of(
          "name",
          "host",
          "address",
          "output",
          "window",
          "region",
          "media",
          "audio",
          "playerArgs",
          "latencyMs",
          "board");
  static final List<String> RECT_FIELDS = List.of("x", "y", "width", "height");

  static final int MAX_SCREENS = 256;
  static final int MAX_OUTPUT = 7;

  /** The largest X11 / DRM framebuffer edge, in pixels. */
  static final int MAX_PIXELS = 16384;

  static final int MAX_NAME_LENGTH = 64;

  /** A panel's input lag is a few frames at most; a second is a wrong unit, not a slow panel. */
  static final int MAX_LATENCY_MS = 1000;

  private static final Pattern NAME = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._-]*");
  private static final String TOP_HINT = "it is set once for the whole wall, at the top level";
  private static final Map<String, String> SCREEN_ELSEWHERE =
      Map.of(
          "loops", TOP_HINT,
          "player", TOP_HINT,
          "mediaRoot", TOP_HINT,
          "loopMode", TOP_HINT,
          "version", TOP_HINT,
          "span", TOP_HINT,
          "sync", TOP_HINT,
          "unevenItems", TOP_HINT,
          "playFrom", TOP_HINT,
          "reference", "it belongs in \"sync\": {\"reference\": ...}, at the top level");
  private static final Map<String, String> EXAMPLE_SIDES =
      Map.of("x", "0", "y", "0", "width", "1920", "height", "1080");
  private static final String EXAMPLE_SCREEN =
      "{\"name\": \"left\", \"host\": \"rpi1\", \"media\": \"left.mp4\"}";

  /** What the cross-screen rules need from one screen; a field is null when it was wrong. */
  private record Facts(
      int index,
      String name,
      String host,
      String address,
      Integer output,
      Rect window,
      boolean windowGiven,
      Rect region,
      boolean regionGiven,
      boolean mediaGiven,
      Integer items,
      Audio audio,
      BoardKind board) {
    String path() {
      return "screens[" + index + "]";
    }

    boolean fullScreen() {
      return !windowGiven;
    }
  }

  private final Findings findings;
  private final Validator.Context context;

  private ScreenRules(Findings findings, Validator.Context context) {
    this.findings = findings;
    this.context = context;
  }

  static void check(Findings findings, ObjectNode root, Validator.Context context) {
    new ScreenRules(findings, context).check(root);
  }

  private void check(ObjectNode root) {
    Optional<ArrayNode> screens =
        findings
            .required(
                root,
                "",
                "screens",
                "add the list of screens, like \"screens\": [" + EXAMPLE_SCREEN + "]")
            .flatMap(v -> findings.list(v, "screens", "\"screens\": [" + EXAMPLE_SCREEN + "]"));
    List<Facts> facts = new ArrayList<>();
    if (screens.isPresent()) {
      ArrayNode list = screens.get();
      if (list.isEmpty()) {
        findings.add(
            "screens",
            "must list at least one screen",
            "add one screen per display, like " + EXAMPLE_SCREEN);
      } else if (list.size() > MAX_SCREENS) {
        // One line, and no screen looked at: a list this long is a wrong or crafted file.
        findings.add(
            "screens",
            "lists " + list.size() + " screens, more than " + MAX_SCREENS,
            "split the wall into several layouts");
        return;
      }
      for (int i = 0; i < list.size(); i++) {
        screen(i, list.get(i)).ifPresent(facts::add);
      }
    }
    uniqueNames(facts);
    consistentHosts(facts);
    consistentAddresses(facts);
    consistentBoards(facts);
    separateWindows(facts);
    somethingToShow(facts);
    wallCanvas(facts);
    playlistsInStep(facts);
    oneClock(facts);
  }

  private Optional<Facts> screen(int index, JsonNode node) {
    String path = JsonPaths.index("screens", index);
    Optional<ObjectNode> object =
        findings.objectOf(node, path, EXAMPLE_SCREEN, SCREEN_FIELDS, SCREEN_ELSEWHERE);
    if (object.isEmpty()) {
      return Optional.empty();
    }
    ObjectNode screen = object.get();
    String name = name(screen, path);
    String host = host(screen, path);
    String address = address(screen, path);
    Integer output = screen.has("output") ? output(screen.get("output"), path) : Integer.valueOf(0);
    Rect window = rect(screen, path, "window", MAX_PIXELS).orElse(null);
    Rect region = rect(screen, path, "region", Validator.MAX_CANVAS).orElse(null);
    boolean mediaGiven = screen.has("media");
    Integer items =
        findings
            .optional(screen, "media")
            .flatMap(
                v ->
                    Validator.playlist(
                        findings,
                        v,
                        path + ".media",
                        "\"media\": \"left.mp4\"",
                        context.mediaRoot()))
            .orElse(null);
    Audio audio = audio(screen, path);
    BoardKind board = board(screen, path);
    playerArgs(screen, path);
    findings
        .optional(screen, "latencyMs")
        .ifPresent(
            v ->
                findings.wholeNumber(
                    v,
                    path + ".latencyMs",
                    -MAX_LATENCY_MS,
                    MAX_LATENCY_MS,
                    "\"latencyMs\": 50",
                    "give how many ms later this panel shows a frame than the others (less than 0: sooner)"));
    return Optional.of(
        new Facts(
            index,
            name,
            host,
            address,
            output,
            window,
            screen.has("window"),
            region,
            screen.has("region"),
            mediaGiven,
            items,
            audio,
            board));
  }

  /** What the layout says the screen's node is, or null when it does not say or is wrong. */
  private BoardKind board(ObjectNode screen, String path) {
    Optional<String> board =
        findings
            .optional(screen, "board")
            .flatMap(v -> findings.text(v, path + ".board", "\"board\": \"pi4\""));
    if (board.isEmpty()) {
      return null;
    }
    if (!JsonEnums.jsonNames(BoardKind.class).contains(board.get())) {
      findings.add(
          path + ".board",
          "unknown board \"" + board.get() + "\"",
          "say \"pi4\" (a Raspberry Pi 4, 400 or Compute Module 4), \"pi5\" (a Pi 5, 500 or"
              + " Compute Module 5) or \"pc\" (any other computer), or leave it out to ask the"
              + " node");
      return null;
    }
    return JsonEnums.byJsonName(BoardKind.class, board.get());
  }

  /** The screen's audio, or null when it is wrong; {@code none} when not given. */
  private Audio audio(ObjectNode screen, String path) {
    if (!screen.has("audio")) {
      return Audio.NONE;
    }
    Optional<String> audio =
        findings.text(screen.get("audio"), path + ".audio", "\"audio\": \"hdmi\"");
    if (audio.isEmpty()) {
      return null;
    }
    Validator.checkEnum(findings, path + ".audio", audio.get(), Audio.class);
    return JsonEnums.jsonNames(Audio.class).contains(audio.get())
        ? JsonEnums.byJsonName(Audio.class, audio.get())
        : null;
  }

  /** The output index, or null when it is wrong. */
  private Integer output(JsonNode value, String path) {
    return findings
        .wholeNumber(
            value,
            path + ".output",
            0,
            MAX_OUTPUT,
            "\"output\": 0",
            "use 0 for the first display output and 1 for the second (HDMI1 on a Pi 4)")
        .map(Long::intValue)
        .orElse(null);
  }

  private String name(ObjectNode screen, String path) {
    String namePath = path + ".name";
    Optional<String> text =
        findings.requiredText(
            screen,
            path,
            "name",
            "give the screen a name, like \"name\": \"left\"",
            "\"name\": \"left\"");
    if (text.isEmpty()) {
      return null;
    }
    String name = text.get();
    if (name.isEmpty()) {
      findings.add(namePath, "is empty", "give the screen a name, like \"left\"");
      return null;
    }
    if (name.length() > MAX_NAME_LENGTH) {
      findings.add(
          namePath,
          "is " + name.length() + " characters long, more than " + MAX_NAME_LENGTH,
          "shorten it");
      return null;
    }
    if (!NAME.matcher(name).matches()) {
      String safe = name.replaceAll("[^A-Za-z0-9._-]+", "-").replaceAll("^[._-]+|[._-]+$", "");
      String hint = safe.isEmpty() ? "such as \"left\"" : "such as \"" + safe + "\"";
      findings.add(
          namePath,
          "\""
              + name
              + "\" may only use letters, digits, '-', '_' and '.', and must start with a"
              + " letter or digit",
          "rename it, " + hint);
      return null;
    }
    return name;
  }

  private String host(ObjectNode screen, String path) {
    String hostPath = path + ".host";
    Optional<String> text =
        findings.requiredText(
            screen,
            path,
            "host",
            "add the hostname or IP address of the computer that drives this screen, like \"host\": \"rpi1\"",
            "\"host\": \"rpi1\"");
    if (text.isEmpty()) {
      return null;
    }
    String host = text.get();
    if (Addresses.looksLikeIpv4(host) && Addresses.ipv4(host).isEmpty()) {
      findings.add(
          hostPath,
          "\"" + host + "\" is not a valid IP address",
          "write 4 numbers from 0 to 255 without leading zeros, like \"192.168.1.101\"");
      return null;
    }
    if (!Addresses.isHostname(host) && Addresses.ip(host).isEmpty()) {
      String safe = host.replaceAll("[^A-Za-z0-9.-]+", "-").replaceAll("^-+|-+$", "");
      findings.add(
          hostPath,
          "\"" + host + "\" is not a valid hostname or IP address",
          "hostnames use letters, digits and '-' only"
              + (Addresses.isHostname(safe) ? ", such as \"" + safe + "\"" : ""));
      return null;
    }
    return host;
  }

  private String address(ObjectNode screen, String path) {
    String addressPath = path + ".address";
    Optional<String> text =
        findings.optionalText(screen, path, "address", "\"address\": \"192.168.1.101\"");
    if (text.isEmpty()) {
      return null;
    }
    Optional<byte[]> ip = Addresses.ip(text.get());
    if (ip.isEmpty()) {
      findings.add(
          addressPath,
          "\"" + text.get() + "\" is not a valid IP address",
          "write it like \"192.168.1.101\"");
      return null;
    }
    if (context.subnet().isPresent() && !context.subnet().get().contains(ip.get())) {
      findings.add(
          addressPath,
          "\""
              + text.get()
              + "\" is outside network.subnet "
              + context.subnet().get().networkForm(),
          "give an address inside the wall's subnet, or fix network.subnet");
      return null;
    }
    return Addresses.format(ip.get());
  }

  private Optional<Rect> rect(ObjectNode screen, String path, String field, long maxEdge) {
    String rectPath = path + "." + field;
    String example = "{\"x\": 0, \"y\": 0, \"width\": 1920, \"height\": 1080}";
    Optional<ObjectNode> object =
        findings
            .optional(screen, field)
            .flatMap(v -> findings.object(v, rectPath, "\"" + field + "\": " + example));
    if (object.isEmpty()) {
      return Optional.empty();
    }
    findings.onlyKnownFields(object.get(), rectPath, RECT_FIELDS, Map.of());
    String unit = field.equals("window") ? " in pixels" : " in wall units";
    Optional<Long> x =
        side(object.get(), rectPath, "x", 0, maxEdge, example, "the left edge" + unit);
    Optional<Long> y =
        side(object.get(), rectPath, "y", 0, maxEdge, example, "the top edge" + unit);
    Optional<Long> w =
        side(object.get(), rectPath, "width", 1, maxEdge, example, "the width" + unit);
    Optional<Long> h =
        side(object.get(), rectPath, "height", 1, maxEdge, example, "the height" + unit);
    if (x.isEmpty() || y.isEmpty() || w.isEmpty() || h.isEmpty()) {
      return Optional.empty();
    }
    boolean fits = true;
    if (x.get() + w.get() > maxEdge) {
      findings.add(
          rectPath,
          "its right edge, x + width = " + (x.get() + w.get()) + ", is beyond " + maxEdge,
          "make x + width at most " + maxEdge);
      fits = false;
    }
    if (y.get() + h.get() > maxEdge) {
      findings.add(
          rectPath,
          "its bottom edge, y + height = " + (y.get() + h.get()) + ", is beyond " + maxEdge,
          "make y + height at most " + maxEdge);
      fits = false;
    }
    return fits
        ? Optional.of(
            new Rect(
                x.get().intValue(), y.get().intValue(), w.get().intValue(), h.get().intValue()))
        : Optional.empty();
  }

  private Optional<Long> side(
      ObjectNode rect,
      String rectPath,
      String side,
      long min,
      long max,
      String example,
      String meaning) {
    return findings
        .required(rect, rectPath, side, "add " + side + ", like " + example)
        .flatMap(
            v ->
                findings.wholeNumber(
                    v,
                    rectPath + "." + side,
                    min,
                    max,
                    "\"" + side + "\": " + EXAMPLE_SIDES.get(side),
                    "give " + meaning));
  }

  private void playerArgs(ObjectNode screen, String path) {
    String argsPath = path + ".playerArgs";
    Optional<ArrayNode> args =
        findings
            .optional(screen, "playerArgs")
            .flatMap(v -> findings.list(v, argsPath, "\"playerArgs\": [\"--no-audio\"]"));
    if (args.isEmpty()) {
      return;
    }
    List<String> texts = new ArrayList<>();
    Set<Integer> reported = new HashSet<>();
    for (int i = 0; i < args.get().size(); i++) {
      String argPath = JsonPaths.index(argsPath, i);
      Optional<String> text = findings.text(args.get().get(i), argPath, "\"--no-audio\"");
      texts.add(text.orElse(""));
      if (text.isEmpty()) {
        reported.add(i);
        continue;
      }
      String arg = text.get();
      if (arg.isEmpty()) {
        findings.add(argPath, "is empty", "remove it; a player takes an empty argument as a file");
      } else if (arg.indexOf('\0') >= 0 || arg.indexOf('\n') >= 0) {
        findings.add(argPath, "contains a line break or NUL", "retype the argument");
      } else if (arg.startsWith("-") && arg.contains(" --")) {
        findings.add(
            argPath,
            "holds several options in one item: \"" + arg + "\"",
            "arguments are passed as they are, never through a shell: give each option its"
                + " own item");
      } else {
        continue;
      }
      reported.add(i);
    }
    PlayerArgsRule.check(
        findings, argsPath, texts, reported, context.player(), context.allowPlayerCode());
  }

  private void uniqueNames(List<Facts> facts) {
    Map<String, Facts> byName = new HashMap<>();
    for (Facts screen : facts) {
      if (screen.name() == null) {
        continue;
      }
      Facts earlier = byName.putIfAbsent(screen.name().toLowerCase(Locale.ROOT), screen);
      if (earlier == null) {
        continue;
      }
      if (earlier.name().equals(screen.name())) {
        findings.add(
            screen.path() + ".name",
            "\"" + screen.name() + "\" is already the name of " + earlier.path(),
            "give every screen its own name");
      } else {
        findings.add(
            screen.path() + ".name",
            "\""
                + screen.name()
                + "\" differs from "
                + earlier.path()
                + "'s \""
                + earlier.name()
                + "\" only in upper and lower case",
            "give every screen a clearly different name");
      }
    }
  }

  /** One machine, one spelling: Open MPI counts every spelling as its own node. */
  private void consistentHosts(List<Facts> facts) {
    Map<String, Facts> byLowerCase = new HashMap<>();
    Facts firstLoopback = null;
    for (Facts screen : facts) {
      if (screen.host() == null) {
        continue;
      }
      Facts earlier = byLowerCase.putIfAbsent(screen.host().toLowerCase(Locale.ROOT), screen);
      if (earlier != null && !earlier.host().equals(screen.host())) {
        findings.add(
            screen.path() + ".host",
            "\""
                + screen.host()
                + "\" is \""
                + earlier.host()
                + "\" ("
                + earlier.path()
                + ".host) spelt differently",
            "spell each host the same way everywhere");
        continue;
      }
      if (Addresses.namesMpirunMachine(screen.host())) {
        if (firstLoopback == null) {
          firstLoopback = screen;
        } else if (!firstLoopback.host().equalsIgnoreCase(screen.host())) {
          findings.add(
              screen.path() + ".host",
              "\""
                  + screen.host()
                  + "\" and \""
                  + firstLoopback.host()
                  + "\" ("
                  + firstLoopback.path()
                  + ".host) both name the machine mpirun runs on, and Open MPI"
                  + " would merge them into one node",
              "use one spelling, such as \"" + firstLoopback.host() + "\"");
        }
      }
    }
  }

  private void consistentAddresses(List<Facts> facts) {
    Map<String, Facts> byHost = new HashMap<>();
    Map<String, Facts> byAddress = new HashMap<>();
    for (Facts screen : facts) {
      if (screen.host() == null || screen.address() == null) {
        continue;
      }
      Facts sameHost = byHost.putIfAbsent(screen.host().toLowerCase(Locale.ROOT), screen);
      if (sameHost != null && !sameHost.address().equals(screen.address())) {
        findings.add(
            screen.path() + ".address",
            "\""
                + screen.address()
                + "\" differs from \""
                + sameHost.address()
                + "\", given for"
                + " the same host "
                + screen.host()
                + " at "
                + sameHost.path(),
            "a host has one address: give the same one, or leave it out here");
        continue;
      }
      Facts sameAddress = byAddress.putIfAbsent(screen.address(), screen);
      if (sameAddress != null && !sameAddress.host().equalsIgnoreCase(screen.host())) {
        findings.add(
            screen.path() + ".address",
            "\""
                + screen.address()
                + "\" is already the address of "
                + sameAddress.host()
                + " ("
                + sameAddress.path()
                + ")",
            "give every host its own address");
      }
    }
  }

  /** A node is one board: every screen of a host that says its board says the same one. */
  private void consistentBoards(List<Facts> facts) {
    Map<String, Facts> byHost = new HashMap<>();
    for (Facts screen : facts) {
      if (screen.host() == null || screen.board() == null) {
        continue;
      }
      Facts sameHost = byHost.putIfAbsent(screen.host().toLowerCase(Locale.ROOT), screen);
      if (sameHost != null && sameHost.board() != screen.board()) {
        findings.add(
            screen.path() + ".board",
            "\""
                + screen.board().jsonName()
                + "\" differs from \""
                + sameHost.board().jsonName()
                + "\", given for the same host "
                + screen.host()
                + " at "
                + sameHost.path(),
            "a host is one board: give the same one, or leave it out here");
      }
    }
  }

  /**
   * Two players on one display must not cover each other. Each screen is reported once, against the
   * first earlier screen it collides with, so the problems grow with the screens, not with their
   * pairs.
   */
  private void separateWindows(List<Facts> facts) {
    Map<String, List<Facts>> byDisplay = new HashMap<>();
    for (Facts later : facts) {
      if (!onKnownDisplay(later)) {
        continue;
      }
      String display = later.host().toLowerCase(Locale.ROOT) + "\n" + later.output();
      List<Facts> earlierOnIt = byDisplay.computeIfAbsent(display, d -> new ArrayList<>());
      for (Facts earlier : earlierOnIt) {
        if (reportCollision(earlier, later)) {
          break;
        }
      }
      earlierOnIt.add(later);
    }
  }

  private static boolean onKnownDisplay(Facts screen) {
    return screen.host() != null
        && screen.output() != null
        && (screen.fullScreen() || screen.window() != null);
  }

  /** Reports {@code later} if it collides with {@code earlier}; whether it did. */
  private boolean reportCollision(Facts earlier, Facts later) {
    String display = "(host " + later.host() + ", output " + later.output() + ")";
    if (later.fullScreen()) {
      findings.add(
          later.path() + ".window",
          "is not set, so this screen fills the display "
              + display
              + " that "
              + earlier.path()
              + " also uses",
          "give both screens a window, or put one on another output");
    } else if (earlier.fullScreen()) {
      findings.add(
          later.path() + ".window",
          "lies on the display "
              + display
              + " that "
              + earlier.path()
              + " fills (it has no"
              + " window)",
          "give " + earlier.path() + " a window too, or put one on another output");
    } else if (earlier.window().overlaps(later.window())) {
      findings.add(
          later.path() + ".window",
          "overlaps " + earlier.path() + ".window on the same display " + display,
          "move one window, or put it on another output");
    } else {
      return false;
    }
    return true;
  }

  private void somethingToShow(List<Facts> facts) {
    if (context.hasSpan()) {
      return;
    }
    for (Facts screen : facts) {
      if (!screen.mediaGiven()) {
        findings.add(
            screen.path() + ".media",
            "is missing, and the layout has no span to show",
            "give the screen a clip, like \"media\": \"left.mp4\", or add a top-level \"span\"");
      }
    }
  }

  /**
   * Screens move from item k to item k + 1 together, so every playlist (a screen's own, or the
   * span's for the screens that show it) has as many items; and only in lockstep.
   */
  private void playlistsInStep(List<Facts> facts) {
    List<String> paths = new ArrayList<>();
    List<Integer> counts = new ArrayList<>();
    boolean spanCounted = false;
    for (Facts screen : facts) {
      if (screen.mediaGiven() && screen.items() != null) {
        paths.add(screen.path() + ".media");
        counts.add(screen.items());
      } else if (!screen.mediaGiven() && context.spanItems().isPresent() && !spanCounted) {
        paths.add("span.media");
        counts.add(context.spanItems().get());
        spanCounted = true;
      }
    }
    for (int i = 1; i < counts.size(); i++) {
      if (!counts.get(i).equals(counts.get(0))) {
        findings.add(
            paths.get(i),
            "has " + items(counts.get(i)) + ", but " + paths.get(0) + " has " + counts.get(0),
            "screens move from item to item together, so give every playlist "
                + items(counts.get(0)));
      }
    }
    if (context.independent()) {
      for (int i = 0; i < counts.size(); i++) {
        if (counts.get(i) > 1) {
          findings.add(
              paths.get(i),
              "is a playlist, but loopMode \"independent\" restarts each screen's clip on its own",
              "playlists change items together, in lockstep: remove \"loopMode\", or give one clip");
          return;
        }
      }
    }
  }

  private static String items(int count) {
    return count + (count == 1 ? " item" : " items");
  }

  /**
   * The wall keeps one screen's clock and never trims that screen's rate: with sound, a trim bends
   * what visitors hear. So the screen with sound is the clock; with several, the layout names one
   * in {@code sync.reference}.
   */
  private void oneClock(List<Facts> facts) {
    List<Facts> withSound =
        facts.stream()
            .filter(screen -> screen.audio() != null && screen.audio() != Audio.NONE)
            .toList();
    if (context.reference().isEmpty()) {
      if (withSound.size() > 1 && !context.referenceGiven()) { // a wrong one is reported already
        Facts first = withSound.get(0);
        Facts second = withSound.get(1);
        findings.add(
            second.path() + ".audio",
            "is \""
                + JsonEnums.jsonName(second.audio())
                + "\", and "
                + first.path()
                + " plays sound too;"
                + " the wall keeps one screen's clock and never trims its speed",
            "name that screen, like \"sync\": {\"reference\": \""
                + (first.name() == null ? "centre" : first.name())
                + "\"}");
      }
      return;
    }
    String reference = context.reference().get();
    List<String> names =
        facts.stream().map(Facts::name).filter(java.util.Objects::nonNull).toList();
    Optional<Facts> named = facts.stream().filter(f -> reference.equals(f.name())).findFirst();
    if (named.isEmpty() && facts.stream().anyMatch(f -> f.name() == null)) {
      return; // a screen's name is wrong, and reported: the reference may be that screen
    }
    if (named.isEmpty()) {
      findings.add(
          "sync.reference",
          "names no screen: \"" + reference + "\"",
          Suggestions.closest(reference, names)
              .map(close -> "did you mean \"" + close + "\"?")
              .orElse("name one of the screens: " + String.join(", ", names)));
      return;
    }
    if (named.get().audio() == Audio.NONE && !withSound.isEmpty()) {
      Facts sound = withSound.get(0);
      findings.add(
          "sync.reference",
          "\""
              + reference
              + "\" has no sound, but "
              + sound.path()
              + " (\""
              + sound.name()
              + "\") plays audio \""
              + JsonEnums.jsonName(sound.audio())
              + "\"",
          "name the screen with the sound: a trim of its speed would bend what visitors hear");
    }
  }

  private void wallCanvas(List<Facts> facts) {
    boolean anyRegion = facts.stream().anyMatch(Facts::regionGiven);
    if (!context.wallGiven() && (context.hasSpan() || anyRegion)) {
      findings.add(
          "wall",
          context.hasSpan()
              ? "is missing; span mode needs the size of the wall canvas"
              : "is missing; regions are placed on the wall canvas, which needs a size",
          "add \"wall\": {\"width\": 3840, \"height\": 2160}, bezel gaps included");
    }
    if (context.hasSpan()) {
      for (Facts screen : facts) {
        if (!screen.mediaGiven() && !screen.regionGiven()) {
          findings.add(
              screen.path() + ".region",
              "is missing; this screen shows the span, and needs the part of the wall it shows",
              "add \"region\": {\"x\": 0, \"y\": 0, \"width\": 1920, \"height\": 1080}");
        }
      }
    }
    context.wall().ifPresent(wall -> regionsInside(facts, wall));
    regionsApart(facts);
  }

  private void regionsInside(List<Facts> facts, Size wall) {
    for (Facts screen : facts) {
      Rect region = screen.region();
      if (region == null) {
        continue;
      }
      if (region.right() > wall.width()) {
        findings.add(
            screen.path() + ".region",
            "its right edge, x + width = "
                + region.right()
                + ", is beyond the wall's width, "
                + wall.width(),
            "move or shrink the region, or widen \"wall\"");
      } else if (region.bottom() > wall.height()) {
        findings.add(
            screen.path() + ".region",
            "its bottom edge, y + height = "
                + region.bottom()
                + ", is beyond the wall's height, "
                + wall.height(),
            "move or shrink the region, or make \"wall\" taller");
      }
    }
  }

  /** Each screen is reported once, against the first earlier region it overlaps. */
  private void regionsApart(List<Facts> facts) {
    for (int j = 0; j < facts.size(); j++) {
      Rect later = facts.get(j).region();
      for (int i = 0; later != null && i < j; i++) {
        Rect earlier = facts.get(i).region();
        if (earlier != null && earlier.overlaps(later)) {
          findings.add(
              facts.get(j).path() + ".region",
              "overlaps " + facts.get(i).path() + ".region",
              "two screens cannot hang in the same place: move one region");
          break;
        }
      }
    }
  }
}
