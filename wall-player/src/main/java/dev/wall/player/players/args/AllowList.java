package dev.wall.player.players.args;

import dev.wall.core.layout.PlayerArgsPolicy;
import dev.wall.core.layout.PlayerKind;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * A player's allow-list for the layout's {@code playerArgs}, and the reading of its command line
 * that goes with it: an argument passes only as the player itself would read it, with its exact
 * option name (no abbreviation, no short form unless declared, no second spelling), and with a
 * value of the declared form. A backend declares one with {@link Options} and offers it as its
 * {@code Backend.argsPolicy()}; the registry hands them all to the validator.
 */
public abstract class AllowList implements PlayerArgsPolicy {
  /** How a player reads its command line. */
  public enum Syntax {
    /**
     * mpv: {@code --name=value} (one dash or two), a flag alone, {@code --no-name} for {@code
     * --name=no}; a value is never taken from the next argument.
     */
    MPV,
    /**
     * VLC: {@code --name=value} or {@code --name value}, {@code --no-name} and {@code --noname} for
     * a switch; a unique beginning of a name is taken as the name, one dash is a short option, and
     * {@code {...}} in a value sets a module's options.
     */
    VLC,
    /**
     * GNU getopt_long: {@code --name=value} or {@code --name value}, an optional value only after
     * {@code =}; a unique beginning of a name is taken as the name; declared short options.
     */
    GETOPT
  }

  /** How an option takes its value. */
  public enum Arity {
    /** A switch: no value (mpv also takes {@code =yes} and {@code =no}). */
    FLAG,
    /** A switch the wall keeps off: only its {@code no} form may be given. */
    OFF_ONLY,
    VALUE,
    /** A value only when attached with {@code =}. */
    OPTIONAL_VALUE
  }

  /** One allowed option; {@code example} is a value for messages. */
  public record Option(String name, Arity arity, Value value, String example) {}

  private static final List<String> MPV_LIST_SUFFIXES =
      List.of("-add", "-append", "-set", "-pre", "-clr", "-del", "-remove", "-toggle");

  private final PlayerKind player;
  private final Syntax syntax;
  private final Map<String, Option> options;
  private final Map<Character, String> shortNames;
  private final Map<String, String> dangers;

  protected AllowList(PlayerKind player, Syntax syntax, Options declared) {
    this.player = player;
    this.syntax = syntax;
    this.options = Map.copyOf(declared.options);
    this.shortNames = Map.copyOf(declared.shortNames);
    this.dangers = Map.copyOf(declared.dangers);
  }

  @Override
  public PlayerKind player() {
    return player;
  }

  /** The allowed options, by name: for docs and tests. */
  public Map<String, Option> options() {
    return options;
  }

  @Override
  public List<Refusal> check(List<String> args) {
    List<Refusal> refusals = new ArrayList<>();
    int i = 0;
    while (i < args.size()) {
      i = 1 + item(args, i, refusals);
    }
    return refusals;
  }

  /**
   * Checks the item at {@code i} (and its value, if it takes the next one); the last index used.
   */
  private int item(List<String> args, int i, List<Refusal> refusals) {
    String arg = args.get(i);
    Optional<String> structure = structure(arg);
    if (structure.isPresent()) {
      refusals.add(new Refusal(i, Reason.STRUCTURE, structure.get(), "remove it"));
      return i;
    }
    if (!arg.startsWith("-")) {
      refusals.add(
          new Refusal(
              i,
              Reason.NOT_AN_OPTION,
              "it is not an option, and " + player.jsonName() + " would open it as a file or URL",
              "remove it: the wall gives the player its media"));
      return i;
    }
    if (syntax != Syntax.MPV && !arg.startsWith("--")) {
      return shortOption(args, i, refusals);
    }
    String body = arg.substring(arg.startsWith("--") ? 2 : 1);
    int equals = body.indexOf('=');
    String name = equals < 0 ? body : body.substring(0, equals);
    String value = equals < 0 ? null : body.substring(equals + 1);
    return option(args, i, name, value, refusals);
  }

  private int option(List<String> args, int i, String name, String value, List<Refusal> refusals) {
    Option option = options.get(name);
    if (option != null) {
      return allowed(args, i, option, value, refusals);
    }
    Optional<Option> negated = negated(name);
    if (negated.isPresent()) {
      Option base = negated.get();
      String spelt = "--" + name;
      if (base.arity() != Arity.FLAG && base.arity() != Arity.OFF_ONLY) {
        refusals.add(
            new Refusal(
                i,
                Reason.BAD_VALUE,
                "--" + base.name() + " is not a switch, so " + spelt + " is not a form it takes",
                "write it like --" + base.name() + "=" + base.example()));
      } else if (value != null) {
        refusals.add(
            new Refusal(
                i, Reason.BAD_VALUE, spelt + " takes no value", "write " + spelt + " alone"));
      }
      return i;
    }
    refused(i, name, refusals);
    dangling(args, i, value, refusals);
    return i;
  }

  private int allowed(
      List<String> args, int i, Option option, String value, List<Refusal> refusals) {
    String spelt = "--" + option.name();
    switch (option.arity()) {
      case FLAG, OFF_ONLY -> {
        boolean mpvSwitchValue =
            syntax == Syntax.MPV
                && (value == null || value.isEmpty() || value.equals("yes") || value.equals("no"));
        boolean on = value == null || value.isEmpty() || value.equals("yes");
        if (value != null && !mpvSwitchValue) {
          refusals.add(
              new Refusal(
                  i,
                  Reason.BAD_VALUE,
                  spelt + (syntax == Syntax.MPV ? " takes yes or no" : " takes no value"),
                  "write " + spelt + " or " + negative(option.name())));
        } else if (option.arity() == Arity.OFF_ONLY && on) {
          refusals.add(
              new Refusal(
                  i,
                  Reason.DANGEROUS,
                  spelt + " " + dangers.getOrDefault(option.name(), "is kept off by the wall"),
                  "only " + negative(option.name()) + " may be given"));
        }
        return i;
      }
      case OPTIONAL_VALUE -> {
        if (value != null) {
          checkValue(i, option, value, refusals);
        }
        return i;
      }
      default -> {
        if (value != null) {
          checkValue(i, option, value, refusals);
          return i;
        }
        if (syntax == Syntax.MPV) {
          refusals.add(
              new Refusal(
                  i,
                  Reason.BAD_VALUE,
                  spelt + " needs a value",
                  "write it like " + spelt + "=" + option.example()));
          return i;
        }
        if (i + 1 >= args.size()) {
          refusals.add(
              new Refusal(
                  i,
                  Reason.STRUCTURE,
                  spelt
                      + " needs a value and nothing follows"
                      + " it, so "
                      + player.jsonName()
                      + " would take the wall's own next option as its value",
                  "write it like " + spelt + "=" + option.example()));
          return i;
        }
        checkValue(i + 1, option, args.get(i + 1), refusals);
        return i + 1;
      }
    }
  }

  private void checkValue(int i, Option option, String value, List<Refusal> refusals) {
    String spelt = "--" + option.name();
    if (syntax == Syntax.VLC && (value.contains("{") || value.contains("}"))) {
      refusals.add(
          new Refusal(
              i,
              Reason.BAD_VALUE,
              "VLC reads {...} in the value of " + spelt + " as a module's settings",
              "write it like " + spelt + "=" + option.example()));
    } else if (!option.value().accepts(value)) {
      refusals.add(
          new Refusal(
              i,
              Reason.BAD_VALUE,
              spelt + " takes " + option.value().described(),
              "write it like " + spelt + "=" + option.example()));
    }
  }

  /** A declared short option stands for its long name; any other is refused. */
  private int shortOption(List<String> args, int i, List<Refusal> refusals) {
    String arg = args.get(i);
    String name = arg.length() == 2 ? shortNames.get(arg.charAt(1)) : null;
    if (name != null) {
      return allowed(args, i, options.get(name), null, refusals);
    }
    String known = arg.length() >= 2 ? shortNames.get(arg.charAt(1)) : null;
    String why =
        syntax == Syntax.VLC
            ? arg + " is a short option, and VLC's are refused"
            : arg + " is not a short option of " + player.jsonName() + " that a layout may give";
    refusals.add(
        new Refusal(
            i,
            Reason.NOT_LISTED,
            why,
            known != null
                ? "give "
                    + arg.substring(0, 2)
                    + " alone, its value as the next item, or write --"
                    + known
                : "write the option's full name, --NAME, if it is on the list in docs/layout.md"));
    dangling(args, i, null, refusals);
    return i;
  }

  /** The allowed option {@code name} is the {@code no} form of, as this player spells it. */
  private Optional<Option> negated(String name) {
    List<String> bases =
        switch (syntax) {
          case MPV -> name.startsWith("no-") ? List.of(name.substring(3)) : List.of();
          case VLC ->
              name.startsWith("no-")
                  ? List.of(name.substring(3))
                  : name.startsWith("no") ? List.of(name.substring(2)) : List.of();
          case GETOPT -> List.of();
        };
    return bases.stream().map(options::get).filter(o -> o != null).findFirst();
  }

  private String negative(String name) {
    return syntax == Syntax.MPV ? "--no-" + name + " (or --" + name + "=no)" : "--no-" + name;
  }

  private void refused(int i, String name, List<Refusal> refusals) {
    String spelt = "--" + name;
    Optional<String> danger = danger(name);
    if (danger.isPresent()) {
      refusals.add(new Refusal(i, Reason.DANGEROUS, danger.get(), "remove it"));
      return;
    }
    if (syntax != Syntax.MPV) {
      List<String> longer = longerNames(name);
      if (!longer.isEmpty()) {
        String full = longer.get(0);
        Optional<String> fullDanger = danger(full);
        refusals.add(
            new Refusal(
                i,
                fullDanger.isPresent() ? Reason.DANGEROUS : Reason.NOT_LISTED,
                spelt
                    + " is only the beginning of a name ("
                    + player.jsonName()
                    + " may take it for --"
                    + full
                    + "), and abbreviations are refused"
                    + fullDanger.map(d -> ": " + d).orElse(""),
                "write the full name of an option on the list in docs/layout.md"));
        return;
      }
    }
    refusals.add(
        new Refusal(
            i,
            Reason.NOT_LISTED,
            spelt
                + " is not one of the "
                + player.jsonName()
                + " options a layout may set (docs/layout.md lists them)",
            "remove it"));
  }

  /** What a known harmful option does, as {@code --name does ...}. */
  private Optional<String> danger(String name) {
    List<String> spellings = new ArrayList<>(List.of(name));
    if (syntax == Syntax.MPV) {
      String bare = name.startsWith("no-") ? name.substring(3) : name;
      spellings.add(bare);
      MPV_LIST_SUFFIXES.stream()
          .filter(bare::endsWith)
          .forEach(s -> spellings.add(bare.substring(0, bare.length() - s.length())));
    }
    for (String spelling : spellings) {
      String danger = dangers.get(spelling);
      if (danger == null) {
        danger =
            dangers.entrySet().stream()
                .filter(
                    e ->
                        e.getKey().endsWith("*")
                            && spelling.startsWith(
                                e.getKey().substring(0, e.getKey().length() - 1)))
                .map(Map.Entry::getValue)
                .findFirst()
                .orElse(null);
      }
      if (danger != null) {
        String as = spelling.equals(name) ? "" : " (that is --" + spelling + ")";
        return Optional.of("--" + name + as + " " + danger);
      }
    }
    return Optional.empty();
  }

  /**
   * The known names {@code name} abbreviates, for a player that takes a name's beginning for it.
   */
  private List<String> longerNames(String name) {
    if (name.isEmpty()) {
      return List.of();
    }
    List<String> longer = new ArrayList<>();
    for (String known : dangers.keySet()) {
      if (!known.endsWith("*") && known.startsWith(name)) {
        longer.add(known);
      }
    }
    for (String known : options.keySet()) {
      if (known.startsWith(name)) {
        longer.add(known);
      }
    }
    longer.sort(null);
    return longer;
  }

  /**
   * The last argument, an option that may take the next argument as its value: the next argument
   * would be the wall's own first option. Said even where {@code allowPlayerCode} lets the option
   * itself through.
   */
  private void dangling(List<String> args, int i, String value, List<Refusal> refusals) {
    if (syntax == Syntax.MPV || i != args.size() - 1 || value != null) {
      return;
    }
    refusals.add(
        new Refusal(
            i,
            Reason.STRUCTURE,
            args.get(i)
                + " may take a value, and nothing"
                + " follows it, so "
                + player.jsonName()
                + " could take the wall's own next option as its value",
            "give its value in the same item, like --NAME=VALUE, or put it before another item"));
  }

  private Optional<String> structure(String arg) {
    if (arg.equals("--")) {
      return Optional.of(
          "-- ends the player's options, and the wall's own options and media come" + " after it");
    }
    if (arg.equals("-")) {
      return Optional.of(
          "- names standard input as a file, and that is the wall's lifeline to" + " the player");
    }
    if (syntax == Syntax.MPV && (arg.equals("--{") || arg.equals("--}"))) {
      return Optional.of(
          arg
              + " opens or closes a group of options for some files only, and the"
              + " wall's own options come after it");
    }
    return Optional.empty();
  }

  /** A backend's declaration: its allowed options, its short names, and what harmful ones do. */
  public static final class Options {
    private final Map<String, Option> options = new LinkedHashMap<>();
    private final Map<Character, String> shortNames = new LinkedHashMap<>();
    private final Map<String, String> dangers = new LinkedHashMap<>();

    public Options flags(String... names) {
      for (String name : names) {
        add(new Option(name, Arity.FLAG, null, null));
      }
      return this;
    }

    /** Switches the wall keeps off: {@code does} says why they may not be turned on. */
    public Options offOnly(String does, String... names) {
      for (String name : names) {
        add(new Option(name, Arity.OFF_ONLY, null, null));
        dangers.put(name, does);
      }
      return this;
    }

    public Options value(String name, Value value, String example) {
      return add(new Option(name, Arity.VALUE, value, example));
    }

    /** Options that all take {@code value}, like {@code example}. */
    public Options values(Value value, String example, String... names) {
      for (String name : names) {
        add(new Option(name, Arity.VALUE, value, example));
      }
      return this;
    }

    public Options optionalValue(String name, Value value, String example) {
      return add(new Option(name, Arity.OPTIONAL_VALUE, value, example));
    }

    /** {@code -c} stands for the allowed option {@code --name}. */
    public Options shortName(char c, String name) {
      if (!options.containsKey(name)) {
        throw new IllegalArgumentException(
            "-" + c + " stands for --" + name + ", which is not allowed");
      }
      shortNames.put(c, name);
      return this;
    }

    /**
     * Refused options known to be harmful, for a message that says why: {@code does} reads after
     * the option's name ("runs a program"). A name ending in {@code *} covers every name it begins.
     */
    public Options refused(String does, String... names) {
      for (String name : names) {
        dangers.put(name, does);
      }
      return this;
    }

    private Options add(Option option) {
      if (options.putIfAbsent(option.name(), option) != null) {
        throw new IllegalArgumentException("--" + option.name() + " is declared twice");
      }
      return this;
    }
  }
}
