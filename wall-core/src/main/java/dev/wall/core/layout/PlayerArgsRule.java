package dev.wall.core.layout;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.ServiceLoader;
import java.util.Set;

/**
 * The rule for a screen's {@code playerArgs}: every argument passes the allow-list of the player
 * that will get it ({@link PlayerArgsPolicy}, one per backend), or the layout says {@code
 * "allowPlayerCode": true}. With {@code "player": "auto"} an argument may reach any installed
 * player, so it must pass them all.
 */
final class PlayerArgsRule {
  static final String ALLOW_HINT =
      "add \"allowPlayerCode\": true to the layout if you trust this layout's author to run code"
          + " on every node";

  /** Which refusal explains an argument best when several players refuse it. */
  private static final List<PlayerArgsPolicy.Reason> TELLING =
      List.of(
          PlayerArgsPolicy.Reason.DANGEROUS,
          PlayerArgsPolicy.Reason.STRUCTURE,
          PlayerArgsPolicy.Reason.BAD_VALUE,
          PlayerArgsPolicy.Reason.NOT_AN_OPTION,
          PlayerArgsPolicy.Reason.NOT_LISTED);

  private static final int SHOWN_LENGTH = 100;

  private PlayerArgsRule() {}

  /** The backends' policies, found once: a wall-core alone has none, and refuses every argument. */
  private static final class Installed {
    static final Map<PlayerKind, PlayerArgsPolicy> POLICIES = load();

    private static Map<PlayerKind, PlayerArgsPolicy> load() {
      Map<PlayerKind, PlayerArgsPolicy> policies = new EnumMap<>(PlayerKind.class);
      for (PlayerArgsPolicy.Source source :
          ServiceLoader.load(
              PlayerArgsPolicy.Source.class, PlayerArgsPolicy.class.getClassLoader())) {
        for (PlayerArgsPolicy policy : source.policies()) {
          if (policies.putIfAbsent(policy.player(), policy) != null) {
            throw new IllegalStateException("two playerArgs policies for " + policy.player());
          }
        }
      }
      return Map.copyOf(policies);
    }
  }

  /** Loads the policies, so that a warm-up off the main thread pays for it. */
  static int installed() {
    return Installed.POLICIES.size();
  }

  /**
   * @param args every item, as text ({@code ""} for one that is not text)
   * @param reported the items already refused for their form: nothing more is said about them
   * @param player the layout's player, or empty when its value is wrong (reported elsewhere)
   */
  static void check(
      Findings findings,
      String argsPath,
      List<String> args,
      Set<Integer> reported,
      Optional<PlayerKind> player,
      boolean allowPlayerCode) {
    if (args.isEmpty() || player.isEmpty()) {
      return;
    }
    Map<PlayerKind, Map<Integer, PlayerArgsPolicy.Refusal>> refusals = new LinkedHashMap<>();
    for (PlayerKind kind : candidates(player.get())) {
      refusals.put(kind, firstRefusals(kind, args, allowPlayerCode));
    }
    for (int i = 0; i < args.size(); i++) {
      if (reported.contains(i)) {
        continue;
      }
      int index = i;
      List<PlayerKind> refusing =
          refusals.keySet().stream().filter(k -> refusals.get(k).containsKey(index)).toList();
      if (refusing.isEmpty()) {
        continue;
      }
      PlayerKind telling =
          refusing.stream()
              .min(
                  Comparator.comparingInt(
                      k -> TELLING.indexOf(refusals.get(k).get(index).reason())))
              .orElseThrow();
      PlayerArgsPolicy.Refusal refusal = refusals.get(telling).get(i);
      String path = JsonPaths.index(argsPath, i);
      String item = "\"" + shown(args.get(i)) + "\"";
      String allow = refusal.liftedByPlayerCode() ? ", or " + ALLOW_HINT : "";
      if (player.get() != PlayerKind.AUTO) {
        findings.add(
            path,
            item + " is refused for " + telling.jsonName() + ": " + refusal.why(),
            refusal.fix() + allow);
        continue;
      }
      List<String> accepting =
          refusals.keySet().stream()
              .filter(k -> !refusing.contains(k))
              .map(PlayerKind::jsonName)
              .toList();
      String what =
          item
              + " is refused for "
              + names(refusing)
              + ", which \"player\": \"auto\""
              + " may pick on a node: "
              + refusal.why();
      String fix =
          accepting.isEmpty()
              ? refusal.fix()
              : "set \"player\": \"" + accepting.get(0) + "\", the player it is for";
      findings.add(path, what, fix + allow);
    }
  }

  /** The players whose lists an argument must pass: the one named, or every one auto may pick. */
  private static List<PlayerKind> candidates(PlayerKind player) {
    if (player != PlayerKind.AUTO) {
      return List.of(player);
    }
    List<PlayerKind> all = new ArrayList<>();
    for (PlayerKind kind : PlayerKind.values()) {
      if (kind != PlayerKind.AUTO) {
        all.add(kind);
      }
    }
    return all;
  }

  /** The refusal reported for each refused item: the first one {@code allowPlayerCode} leaves. */
  private static Map<Integer, PlayerArgsPolicy.Refusal> firstRefusals(
      PlayerKind kind, List<String> args, boolean allowPlayerCode) {
    PlayerArgsPolicy policy = Installed.POLICIES.get(kind);
    List<PlayerArgsPolicy.Refusal> all =
        policy != null ? policy.check(args) : unknownPlayer(kind, args);
    Map<Integer, PlayerArgsPolicy.Refusal> first = new LinkedHashMap<>();
    for (PlayerArgsPolicy.Refusal refusal : all) {
      if (!(allowPlayerCode && refusal.liftedByPlayerCode())) {
        first.putIfAbsent(refusal.index(), refusal);
      }
    }
    return first;
  }

  private static List<PlayerArgsPolicy.Refusal> unknownPlayer(PlayerKind kind, List<String> args) {
    List<PlayerArgsPolicy.Refusal> refusals = new ArrayList<>();
    for (int i = 0; i < args.size(); i++) {
      refusals.add(
          new PlayerArgsPolicy.Refusal(
              i,
              PlayerArgsPolicy.Reason.NOT_LISTED,
              "this program has no list of the options " + kind.jsonName() + " may take",
              "remove it"));
    }
    return refusals;
  }

  private static String names(List<PlayerKind> kinds) {
    List<String> names = kinds.stream().map(PlayerKind::jsonName).toList();
    return names.size() == 1
        ? names.get(0)
        : String.join(", ", names.subList(0, names.size() - 1))
            + " and "
            + names.get(names.size() - 1);
  }

  /** The item as it can be shown on one line of a terminal. */
  private static String shown(String arg) {
    StringBuilder shown = new StringBuilder();
    arg.codePoints()
        .limit(SHOWN_LENGTH)
        .forEach(c -> shown.appendCodePoint(Character.isISOControl(c) ? '?' : c));
    return arg.codePointCount(0, arg.length()) > SHOWN_LENGTH ? shown + "..." : shown.toString();
  }
}
