package dev.wall.core.setup;

import dev.wall.core.setup.Action.Result;
import dev.wall.core.setup.Action.Status;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Optional;

/**
 * Runs modules on a node. Every module is planned and then dry-run silently first, so that a
 * refusal (exit 2) leaves everything untouched; then they are applied (or undone) in order.
 */
public final class SetupRunner {

  /** What one module did; {@code skipped} is set when it does not apply to this node. */
  public record Report(String module, List<Result> results, Optional<String> skipped) {
    public String summary() {
      if (skipped.isPresent()) {
        return "skipped";
      }
      return results.stream().anyMatch(r -> r.status().changes())
          ? results.stream()
              .filter(r -> r.status().changes())
              .findFirst()
              .orElseThrow()
              .status()
              .label()
          : results.isEmpty() ? "nothing to do" : results.get(0).status().label();
    }

    public boolean failed() {
      return results.stream().anyMatch(r -> r.status() == Status.FAILED);
    }
  }

  private record Planned(SetupModule module, List<Action> actions, Optional<String> skipped) {}

  private final ActionContext context;

  public SetupRunner(ActionContext context) {
    this.context = context;
  }

  public List<Report> run(List<SetupModule> modules, Node node, boolean undo)
      throws IOException, SetupRefusal {
    List<Planned> plans = new ArrayList<>();
    for (SetupModule module : modules) {
      Optional<String> skip = module.skipReason(node);
      plans.add(new Planned(module, skip.isPresent() ? List.of() : module.plan(node), skip));
    }
    ActionContext silent =
        new ActionContext(
            context.tree(),
            context.writer(),
            context.journal(),
            "",
            true,
            context.mayChown(),
            new java.io.PrintWriter(java.io.Writer.nullWriter()));
    for (Planned planned : plans) {
      ActionContext check = silent.forModule(planned.module().name());
      for (Action action : planned.actions()) {
        if (undo) {
          action.undo(check);
        } else {
          action.apply(check);
        }
      }
    }
    List<Report> reports = new ArrayList<>();
    List<Planned> order = new ArrayList<>(plans);
    if (undo) {
      Collections.reverse(order);
    }
    for (Planned planned : order) {
      reports.add(runOne(planned, undo));
    }
    if (undo) {
      Collections.reverse(reports);
    }
    return reports;
  }

  private Report runOne(Planned planned, boolean undo) throws IOException, SetupRefusal {
    ActionContext ctx = context.forModule(planned.module().name());
    List<Action> actions = new ArrayList<>(planned.actions());
    if (undo) {
      Collections.reverse(actions);
    }
    List<Result> results = new ArrayList<>();
    for (Action action : actions) {
      results.add(undo ? action.undo(ctx) : action.apply(ctx));
    }
    if (undo) {
      Collections.reverse(results);
    }
    return new Report(planned.module().name(), results, planned.skipped());
  }
}
