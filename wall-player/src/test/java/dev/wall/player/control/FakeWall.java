package dev.wall.player.control;

import dev.wall.player.wire.ControlCommand;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/** An in-process wall for unit tests: applies every command, or refuses all, and remembers them. */
public final class FakeWall implements WallControl {
  public final List<String> applied = new CopyOnWriteArrayList<>();
  private final boolean refuses;

  public FakeWall(boolean refuses) {
    this.refuses = refuses;
  }

  @Override
  public CommandOutcome submit(ControlCommand command, CommandSource source) {
    if (refuses) {
      return CommandOutcome.refused(command, "the wall is closed");
    }
    applied.add(command.text() + " <- " + source.way());
    return CommandOutcome.applied(command, "at loop 2, 3.000 s");
  }
}
