package dev.wall.core.layout;

import java.util.List;

/**
 * One player's rules for a screen's {@code playerArgs}: the options a show may set, read the way
 * that player reads its command line. Each backend declares its own; the player module offers them
 * all through one {@link Source} service ({@code META-INF/services/
 * dev.wall.core.layout.PlayerArgsPolicy$Source}, one line that lists no backend), and the validator
 * looks them up by {@link #player()}.
 */
public interface PlayerArgsPolicy {
  PlayerKind player();

  /** Where the validator finds every backend's policy: a service, so that wall-core needs none. */
  interface Source {
    List<PlayerArgsPolicy> policies();
  }

  /**
   * Every reason this player has to refuse an argument from the layout, in the order of the
   * arguments; empty when all pass. An argument may have several: with {@code "allowPlayerCode":
   * true} the ones it {@linkplain Refusal#liftedByPlayerCode() lifts} are dropped, and the first
   * left is the one reported.
   */
  List<Refusal> check(List<String> args);

  /** Why an argument is refused. */
  enum Reason {
    /** Not on the list, and nothing more is known about it. */
    NOT_LISTED,
    /** Known to run code, read or write files, or take control of the player. */
    DANGEROUS,
    /** An allowed option with a value it may not have. */
    BAD_VALUE,
    /** Not an option at all: the player would open it as a file or URL. */
    NOT_AN_OPTION,
    /** Breaks the command line itself (the wall's own options after it); never allowed. */
    STRUCTURE
  }

  /**
   * One refused argument.
   *
   * @param index the item of {@code playerArgs}
   * @param why what is wrong, in a few words that name the option, without the item itself
   * @param fix how to put it right without {@code allowPlayerCode}
   */
  record Refusal(int index, Reason reason, String why, String fix) {
    /** Whether {@code "allowPlayerCode": true} lets the argument through. */
    public boolean liftedByPlayerCode() {
      return reason != Reason.STRUCTURE;
    }
  }
}
