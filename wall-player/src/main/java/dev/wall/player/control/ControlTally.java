package dev.wall.player.control;

/**
 * Counts what each way in did with what it was sent, for {@code /metrics}: a request refused before
 * the wall saw it (a wrong key, a source not allowed...), and every command the wall applied or
 * refused.
 */
public interface ControlTally {

  /**
   * @param way {@code http}, {@code osc} or {@code ctl}
   * @param reason one of a few fixed words: {@code key}, {@code source}, {@code origin}, {@code
   *     throttled}, {@code malformed}
   */
  void refused(String way, String reason);

  /** The wall's answer to a command that passed its way in's checks. */
  void answered(CommandSource source, CommandOutcome outcome);

  ControlTally NONE =
      new ControlTally() {
        @Override
        public void refused(String way, String reason) {}

        @Override
        public void answered(CommandSource source, CommandOutcome outcome) {}
      };
}
