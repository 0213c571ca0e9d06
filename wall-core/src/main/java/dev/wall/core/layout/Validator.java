package dev.wall.core.layout;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Every rule of the layout contract, checked on the JSON tree so that all problems are found in one
 * pass. The model is only built from a tree that passed. See docs/layout.md for the rules.
 */
public final class Validator {
  static final List<String> TOP_FIELDS =
      List.of(
          "version",
          "name",
          "loops",
          "loopMode",
          "unevenItems",
          "player",
          "mediaRoot",
          "network",
          "sync",
          "wall",
          "span",
          "screens",
          "schedule",
          "control",
          "alerts",
          "playFrom",
          "allowPlayerCode");
  static final List<String> NETWORK_FIELDS = List.of("subnet", "interface", "gateway", "dns");
  static final List<String> SYNC_FIELDS =
      List.of("toleranceMs", "seekThresholdMs", "maxRateTrim", "reference");
  static final List<String> SIZE_FIELDS = List.of("width", "height");
  static final List<String> SPAN_FIELDS = List.of("media");

  public static final int MAX_LOOPS = 1_000_000;
  public static final int MAX_TOLERANCE_MS = 1000;
  public static final int MAX_SEEK_THRESHOLD_MS = 60_000;
  public static final BigDecimal MAX_RATE_TRIM = new BigDecimal("0.5");

  /** Wall and region coordinates: any unit, but bounded so sums stay exact. */
  public static final long MAX_CANVAS = 1_000_000;

  /** Clips in one playlist: a show, not an archive; and each is on mpv's command line. */
  public static final int MAX_ITEMS = 1000;

  /** DNS servers in network.dns: a wall's network has one or two. */
  public static final int MAX_DNS = 8;

  /** Screens in one layout; beyond it the layout is refused without looking at a screen. */
  public static final int MAX_SCREENS = ScreenRules.MAX_SCREENS;

  static final String PLAYLIST_EXAMPLE = "\"media\": [\"intro.mp4\", \"main.mp4\"]";

  private static final String SCREEN_FIELD_HINT =
      "it belongs inside a screen, in \"screens\": [ { ... } ]";
  private static final Map<String, String> TOP_ELSEWHERE =
      Map.ofEntries(
          Map.entry("host", SCREEN_FIELD_HINT),
          Map.entry("address", SCREEN_FIELD_HINT),
          Map.entry("output", SCREEN_FIELD_HINT),
          Map.entry("window", SCREEN_FIELD_HINT),
          Map.entry("region", SCREEN_FIELD_HINT),
          Map.entry("audio", SCREEN_FIELD_HINT),
          Map.entry("playerArgs", SCREEN_FIELD_HINT),
          Map.entry("latencyMs", SCREEN_FIELD_HINT),
          Map.entry("board", SCREEN_FIELD_HINT),
          Map.entry("reference", "it belongs in \"sync\": {\"reference\": ...}"),
          Map.entry("media", "it belongs inside a screen, or in \"span\": {\"media\": ...}"),
          Map.entry("toleranceMs", "it belongs in \"sync\": {\"toleranceMs\": ...}"),
          Map.entry("seekThresholdMs", "it belongs in \"sync\": {\"seekThresholdMs\": ...}"),
          Map.entry("maxRateTrim", "it belongs in \"sync\": {\"maxRateTrim\": ...}"),
          Map.entry("subnet", "it belongs in \"network\": {\"subnet\": ...}"),
          Map.entry("interface", "it belongs in \"network\": {\"interface\": ...}"),
          Map.entry("gateway", "it belongs in \"network\": {\"gateway\": ...}"),
          Map.entry("dns", "it belongs in \"network\": {\"dns\": [ ... ]}"),
          Map.entry("width", "it belongs in \"wall\": {\"width\": ..., \"height\": ...}"),
          Map.entry("height", "it belongs in \"wall\": {\"width\": ..., \"height\": ...}"),
          Map.entry("timezone", "it belongs in \"schedule\": {\"timezone\": ...}"),
          Map.entry("open", "it belongs in \"schedule\": {\"open\": [ ... ]}"),
          Map.entry("closed", "it belongs in \"schedule\": {\"closed\": [ ... ]}"));

  private Validator() {}

  /**
   * The facts later rules need from the top level, each empty when its own value was wrong.
   *
   * @param spanItems how many items the span's playlist has, when it has a valid one
   * @param independent {@code loopMode} is {@code independent}
   * @param reference {@code sync.reference}, the screen named as the wall's clock
   * @param referenceGiven whether the layout has a {@code sync.reference}, right or wrong
   */
  record Context(
      Optional<Path> mediaRoot,
      Optional<Addresses.Cidr> subnet,
      Optional<Size> wall,
      boolean hasSpan,
      boolean wallGiven,
      Optional<Integer> spanItems,
      boolean independent,
      Optional<String> reference,
      boolean referenceGiven,
      boolean allowPlayerCode,
      Optional<PlayerKind> player) {}

  public static List<Problem> validate(String file, JsonDocument document) {
    Findings findings = new Findings(file);
    JsonNode root = document.root();
    if (!root.isObject()) {
      findings.add(
          "",
          "the layout must be a JSON object { ... }, got " + Findings.describe(root),
          "see docs/layout.md for an example");
      return findings.all();
    }
    new Validator.Run(findings, (ObjectNode) root).check();
    List<Problem> problems = new ArrayList<>(findings.all());
    problems.sort(Comparator.comparingInt(problem -> document.position(problem.jsonPath())));
    if (findings.dropped() > 0) {
      problems.add(
          new Problem(
              file,
              "",
              "breaks "
                  + findings.dropped()
                  + " more rules than the "
                  + Findings.MAX_PROBLEMS
                  + " shown (the first found)",
              "fix these, then run wall validate again; is this the right file?"));
    }
    return problems;
  }

  private static final class Run {
    private final Findings findings;
    private final ObjectNode root;

    Run(Findings findings, ObjectNode root) {
      this.findings = findings;
      this.root = root;
    }

    void check() {
      findings.onlyKnownFields(root, "", TOP_FIELDS, TOP_ELSEWHERE);
      version();
      name();
      loops();
      enumField("loopMode", LoopMode.class, "\"lockstep\"");
      enumField("unevenItems", UnevenItems.class, "\"hold\"");
      enumField("player", PlayerKind.class, "\"auto\"");
      enumField("playFrom", PlayFrom.class, "\"share\"");
      Optional<Path> mediaRoot = mediaRoot();
      Optional<Addresses.Cidr> subnet = network();
      Optional<String> reference = sync();
      Optional<Size> wall = wall();
      Optional<Integer> spanItems = span(mediaRoot);
      boolean independent =
          root.path("loopMode").asText("").equals(JsonEnums.jsonName(LoopMode.INDEPENDENT));
      Context context =
          new Context(
              mediaRoot,
              subnet,
              wall,
              root.has("span"),
              root.has("wall"),
              spanItems,
              independent,
              reference,
              root.path("sync").has("reference"),
              allowPlayerCode(),
              player());
      ScreenRules.check(findings, root, context);
      findings.optional(root, "schedule").ifPresent(v -> ScheduleRules.check(findings, v));
      findings.optional(root, "control").ifPresent(v -> ControlRules.checkControl(findings, v));
      findings.optional(root, "alerts").ifPresent(v -> ControlRules.checkAlerts(findings, v));
    }

    /** The player the screens' playerArgs go to, or empty when the value is wrong. */
    private Optional<PlayerKind> player() {
      JsonNode player = root.get("player");
      if (player == null) {
        return Optional.of(PlayerKind.AUTO);
      }
      return Optional.of(player)
          .filter(JsonNode::isTextual)
          .map(JsonNode::textValue)
          .filter(JsonEnums.jsonNames(PlayerKind.class)::contains)
          .map(PlayerKind::fromJson);
    }

    /**
     * The layout's opt-in to playerArgs beyond the players' allow-lists; see {@link
     * PlayerArgsRule}.
     */
    private boolean allowPlayerCode() {
      return findings
          .optional(root, "allowPlayerCode")
          .map(
              v -> {
                if (!v.isBoolean()) {
                  findings.add(
                      "allowPlayerCode",
                      "must be true or false, got " + Findings.describe(v),
                      "\"allowPlayerCode\": true, or remove it");
                  return false;
                }
                return v.booleanValue();
              })
          .orElse(false);
    }

    private void version() {
      findings
          .required(root, "", "version", "add \"version\": 1 at the top of the layout")
          .ifPresent(
              v -> {
                if (!v.isIntegralNumber()) {
                  findings.wholeNumber(v, "version", 1, 1, "\"version\": 1", "");
                  return;
                }
                BigInteger version = v.bigIntegerValue();
                if (!version.equals(BigInteger.ONE)) {
                  findings.add(
                      "version",
                      "must be 1, got " + version,
                      version.signum() > 0
                          ? "this layout is for a newer wall; update wall, or rewrite it for version 1"
                          : "set \"version\": 1");
                }
              });
    }

    private void name() {
      findings
          .optional(root, "name")
          .flatMap(v -> findings.text(v, "name", "\"name\": \"lobby\""))
          .ifPresent(
              name -> {
                if (name.isBlank()) {
                  findings.add("name", "is empty", "give the wall a name, or remove the field");
                } else if (name.length() > 200) {
                  findings.add(
                      "name",
                      "is " + name.length() + " characters long, more than 200",
                      "shorten it");
                }
              });
    }

    private void loops() {
      findings
          .optional(root, "loops")
          .ifPresent(
              v ->
                  findings.wholeNumber(
                      v,
                      "loops",
                      0,
                      MAX_LOOPS,
                      "\"loops\": 10",
                      "use 0 to play forever, or a count up to " + MAX_LOOPS));
    }

    private <E extends Enum<E>> void enumField(String field, Class<E> type, String example) {
      findings
          .optional(root, field)
          .flatMap(v -> findings.text(v, field, "\"" + field + "\": " + example))
          .ifPresent(value -> checkEnum(findings, field, value, type));
    }

    private Optional<Path> mediaRoot() {
      String example = "\"mediaRoot\": \"/srv/wall/media\"";
      Optional<String> text =
          findings
              .required(
                  root,
                  "",
                  "mediaRoot",
                  "add the folder that holds the clips on every node, like " + example)
              .flatMap(v -> findings.text(v, "mediaRoot", example));
      if (text.isEmpty()) {
        return Optional.empty();
      }
      String value = text.get();
      if (value.chars().anyMatch(c -> c < 0x20) || value.contains("\\")) {
        findings.add(
            "mediaRoot",
            "\"" + value + "\" is not a Linux path",
            "write it with '/' between folders, like " + example);
        return Optional.empty();
      }
      Path path;
      try {
        path = Path.of(value);
      } catch (InvalidPathException e) {
        findings.add(
            "mediaRoot", "\"" + value + "\" is not a valid path", "write it like " + example);
        return Optional.empty();
      }
      if (!path.isAbsolute()) {
        findings.add(
            "mediaRoot",
            "must be an absolute path, got \"" + value + "\"",
            "start it at /, like " + example);
        return Optional.empty();
      }
      return Optional.of(path.normalize());
    }

    private Optional<Addresses.Cidr> network() {
      Optional<ObjectNode> network =
          findings
              .optional(root, "network")
              .flatMap(
                  v ->
                      findings.object(
                          v,
                          "network",
                          "\"network\": {\"subnet\": \"192.168.1.0/24\", \"interface\": \"eth0\"}"));
      if (network.isEmpty()) {
        return Optional.empty();
      }
      ObjectNode net = network.get();
      findings.onlyKnownFields(net, "network", NETWORK_FIELDS, Map.of());
      Optional<Addresses.Cidr> subnet = subnet(net);
      networkInterface(net);
      gateway(net, subnet);
      dns(net);
      return subnet;
    }

    private Optional<Addresses.Cidr> subnet(ObjectNode net) {
      String example = "\"subnet\": \"192.168.1.0/24\"";
      Optional<String> text =
          findings
              .optional(net, "subnet")
              .flatMap(v -> findings.text(v, "network.subnet", example));
      if (text.isEmpty()) {
        return Optional.empty();
      }
      Optional<Addresses.Cidr> cidr = Addresses.cidr(text.get());
      if (cidr.isEmpty()) {
        findings.add(
            "network.subnet",
            "\"" + text.get() + "\" is not a subnet in CIDR notation",
            "write the network address and the prefix length, like \"192.168.1.0/24\"");
        return Optional.empty();
      }
      if (cidr.get().hostBitsSet()) {
        findings.add(
            "network.subnet",
            "\"" + text.get() + "\" has host bits set",
            "did you mean \"" + cidr.get().networkForm() + "\"?");
        return Optional.empty();
      }
      return cidr;
    }

    private void networkInterface(ObjectNode net) {
      findings
          .optional(net, "interface")
          .flatMap(v -> findings.text(v, "network.interface", "\"interface\": \"eth0\""))
          .filter(name -> !name.matches("[A-Za-z0-9][A-Za-z0-9_.:-]{0,14}"))
          .ifPresent(
              name ->
                  findings.add(
                      "network.interface",
                      "\"" + name + "\" is not a network interface name",
                      "use the name `ip link` shows, such as \"eth0\" (at most 15 characters)"));
    }

    private void gateway(ObjectNode net, Optional<Addresses.Cidr> subnet) {
      findings
          .optional(net, "gateway")
          .flatMap(v -> findings.text(v, "network.gateway", "\"gateway\": \"192.168.1.1\""))
          .ifPresent(
              gateway -> {
                Optional<byte[]> ip = Addresses.ip(gateway);
                if (ip.isEmpty()) {
                  findings.add(
                      "network.gateway",
                      "\"" + gateway + "\" is not an IP address",
                      "write the router's address, like \"192.168.1.1\"");
                } else if (subnet.isPresent() && !subnet.get().contains(ip.get())) {
                  findings.add(
                      "network.gateway",
                      "\"" + gateway + "\" is outside network.subnet " + subnet.get().networkForm(),
                      "use the router's address on the wall's own network");
                }
              });
    }

    private void dns(ObjectNode net) {
      Optional<ArrayNode> list =
          findings
              .optional(net, "dns")
              .flatMap(v -> findings.list(v, "network.dns", "\"dns\": [\"192.168.1.1\"]"));
      if (list.isEmpty()) {
        return;
      }
      if (list.get().size() > MAX_DNS) {
        findings.add(
            "network.dns",
            "lists " + list.get().size() + " servers, more than " + MAX_DNS,
            "give the one or two DNS servers of the wall's network");
        return;
      }
      for (int i = 0; i < list.get().size(); i++) {
        String path = JsonPaths.index("network.dns", i);
        findings
            .text(list.get().get(i), path, "\"192.168.1.1\"")
            .filter(server -> Addresses.ip(server).isEmpty())
            .ifPresent(
                server ->
                    findings.add(
                        path,
                        "\"" + server + "\" is not an IP address",
                        "name the DNS server by its address, like \"192.168.1.1\""));
      }
    }

    /** Checks {@code sync}; returns the screen it names as the reference, checked later. */
    private Optional<String> sync() {
      Optional<ObjectNode> sync =
          findings
              .optional(root, "sync")
              .flatMap(v -> findings.object(v, "sync", "\"sync\": {\"toleranceMs\": 20}"));
      if (sync.isEmpty()) {
        return Optional.empty();
      }
      ObjectNode s = sync.get();
      findings.onlyKnownFields(s, "sync", SYNC_FIELDS, Map.of());
      Optional<Long> tolerance =
          findings
              .optional(s, "toleranceMs")
              .flatMap(
                  v ->
                      findings.wholeNumber(
                          v,
                          "sync.toleranceMs",
                          1,
                          MAX_TOLERANCE_MS,
                          "\"toleranceMs\": 20",
                          "the default, "
                              + SyncSettings.DEFAULT_TOLERANCE_MS
                              + ", suits most walls"));
      findings
          .optional(s, "seekThresholdMs")
          .flatMap(
              v ->
                  findings.wholeNumber(
                      v,
                      "sync.seekThresholdMs",
                      1,
                      MAX_SEEK_THRESHOLD_MS,
                      "\"seekThresholdMs\": 500",
                      "the default, "
                          + SyncSettings.DEFAULT_SEEK_THRESHOLD_MS
                          + ", suits most walls"))
          .ifPresent(
              seek -> {
                long dead = tolerance.orElse((long) SyncSettings.DEFAULT_TOLERANCE_MS);
                if (seek <= dead) {
                  findings.add(
                      "sync.seekThresholdMs",
                      "must be more than sync.toleranceMs (" + dead + "), got " + seek,
                      "a rank only jumps when it is further off than it may drift; raise it");
                }
              });
      findings
          .optional(s, "maxRateTrim")
          .flatMap(v -> findings.number(v, "sync.maxRateTrim", "\"maxRateTrim\": 0.05"))
          .filter(trim -> trim.signum() < 0 || trim.compareTo(MAX_RATE_TRIM) > 0)
          .ifPresent(
              trim ->
                  findings.add(
                      "sync.maxRateTrim",
                      "must be between 0 and " + MAX_RATE_TRIM + ", got " + trim.toPlainString(),
                      "it is a fraction of normal speed; the default, "
                          + SyncSettings.DEFAULT_MAX_RATE_TRIM
                          + ", suits most walls"));
      return findings
          .optional(s, "reference")
          .flatMap(v -> findings.text(v, "sync.reference", "\"reference\": \"centre\""));
    }

    private Optional<Size> wall() {
      String example = "\"wall\": {\"width\": 3840, \"height\": 2160}";
      Optional<ObjectNode> wall =
          findings.optional(root, "wall").flatMap(v -> findings.object(v, "wall", example));
      if (wall.isEmpty()) {
        return Optional.empty();
      }
      findings.onlyKnownFields(wall.get(), "wall", SIZE_FIELDS, Map.of());
      Optional<Long> width = canvasSide(wall.get(), "width", example);
      Optional<Long> height = canvasSide(wall.get(), "height", example);
      if (width.isEmpty() || height.isEmpty()) {
        return Optional.empty();
      }
      return Optional.of(new Size(width.get().intValue(), height.get().intValue()));
    }

    private Optional<Long> canvasSide(ObjectNode wall, String side, String example) {
      return findings
          .required(wall, "wall", side, "add the wall's " + side + ", like " + example)
          .flatMap(
              v ->
                  findings.wholeNumber(
                      v,
                      "wall." + side,
                      1,
                      MAX_CANVAS,
                      "\"" + side + "\": 3840",
                      "give the whole wall's "
                          + side
                          + ", bezel gaps included, in the unit of the regions"));
    }

    /** Checks {@code span}; returns how many items its playlist has, when that is known. */
    private Optional<Integer> span(Optional<Path> mediaRoot) {
      String example = "\"span\": {\"media\": \"panorama.mp4\"}";
      Optional<ObjectNode> span =
          findings.optional(root, "span").flatMap(v -> findings.object(v, "span", example));
      if (span.isEmpty()) {
        return Optional.empty();
      }
      findings.onlyKnownFields(span.get(), "span", SPAN_FIELDS, Map.of());
      return findings
          .required(
              span.get(),
              "span",
              "media",
              "name the video to show across the wall, like " + example)
          .flatMap(
              v -> playlist(findings, v, "span.media", "\"media\": \"panorama.mp4\"", mediaRoot));
    }
  }

  /**
   * A {@code media} value: one clip, or a playlist of them. Checks every clip; returns how many
   * items it has, or empty when it is not a list of clips at all.
   */
  static Optional<Integer> playlist(
      Findings findings, JsonNode value, String path, String example, Optional<Path> mediaRoot) {
    Optional<JsonNode> media =
        findings.textOrList(value, path, example + ", or a playlist like " + PLAYLIST_EXAMPLE);
    if (media.isEmpty()) {
      return Optional.empty();
    }
    if (media.get().isTextual()) {
      findings
          .text(media.get(), path, example)
          .ifPresent(clip -> MediaPaths.check(findings, path, clip, mediaRoot));
      return Optional.of(1);
    }
    ArrayNode items = (ArrayNode) media.get();
    if (items.isEmpty()) {
      findings.add(path, "is an empty list", "name at least one clip, like " + PLAYLIST_EXAMPLE);
      return Optional.empty();
    }
    if (items.size() > MAX_ITEMS) {
      findings.add(
          path,
          "lists " + items.size() + " clips, more than " + MAX_ITEMS,
          "split the show into several layouts");
      return Optional.empty();
    }
    for (int i = 0; i < items.size(); i++) {
      String itemPath = JsonPaths.index(path, i);
      findings
          .text(items.get(i), itemPath, "\"main.mp4\"")
          .ifPresent(clip -> MediaPaths.check(findings, itemPath, clip, mediaRoot));
    }
    return Optional.of(items.size());
  }

  static <E extends Enum<E>> void checkEnum(
      Findings findings, String path, String value, Class<E> type) {
    List<String> names = JsonEnums.jsonNames(type);
    if (names.contains(value)) {
      return;
    }
    String field = path.substring(path.lastIndexOf('.') + 1);
    findings.add(
        path,
        "unknown " + field + " \"" + value + "\"",
        Suggestions.closest(value, names)
            .map(close -> "did you mean \"" + close + "\"?")
            .orElse("use one of " + String.join(", ", names)));
  }
}
