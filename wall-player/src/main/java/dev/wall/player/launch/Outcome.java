package dev.wall.player.launch;

import java.util.List;

/**
 * How a run of the wall ended, as the controller saw it. The CLI turns it into a message and an
 * exit code; the controller itself knows nothing of exit codes.
 */
public sealed interface Outcome {

  /** Every loop played on every screen. */
  record Completed() implements Outcome {}

  /** One or more screens failed; each line names the screen, its host and what happened. */
  record ScreensFailed(List<String> lines) implements Outcome {
    public ScreensFailed {
      lines = List.copyOf(lines);
    }
  }

  /**
   * A rank or a whole node was lost (killed, crashed, or unreachable); the message names it.
   *
   * @param hosts the hosts lost, as the layout spells them (mpirun may name the machine otherwise);
   *     empty when nothing said which
   * @param screens the screens that were lost with them, in rank order
   */
  record RankLost(String message, List<String> hosts, List<String> screens) implements Outcome {
    public RankLost {
      hosts = List.copyOf(hosts);
      screens = List.copyOf(screens);
    }

    /** A loss no rank or line of mpirun's named. */
    public RankLost(String message) {
      this(message, List.of(), List.of());
    }
  }

  /** Stopped by a signal (Ctrl-C, SIGTERM) while it played. */
  record Stopped(String message) implements Outcome {}

  /**
   * Before anything started: nodes that did not answer (each line names the node and its screens).
   */
  record NodesUnreachable(List<String> lines) implements Outcome {
    public NodesUnreachable {
      lines = List.copyOf(lines);
    }
  }

  /**
   * Before anything started: nodes that answered but cannot play (another version, no media, no
   * share mounted); each line names the screens and what to do.
   */
  record NodesNotReady(List<String> lines) implements Outcome {
    public NodesNotReady {
      lines = List.copyOf(lines);
    }
  }
}
