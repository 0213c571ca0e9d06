package dev.wall.player.setup;

import dev.wall.core.setup.Action;
import dev.wall.core.setup.ActionContext;
import dev.wall.core.setup.SetupRefusal;
import java.io.IOException;

/** An action whose result line also says {@code note} when it applies the change (not on undo). */
record Noted(Action action, String note) implements Action {
  @Override
  public String target() {
    return action.target();
  }

  @Override
  public Result apply(ActionContext context) throws IOException, SetupRefusal {
    Result result = action.apply(context);
    return new Result(
        result.target(),
        result.status(),
        result.note().isEmpty() ? note : result.note() + "; " + note);
  }

  @Override
  public Result undo(ActionContext context) throws IOException, SetupRefusal {
    return action.undo(context);
  }
}
