package dev.wall.core.setup;

import java.io.IOException;

/** One change a module makes: a file edit, a folder, a service link, a key. */
public interface Action {

  /** The node path (or remote target) this action is about, as shown to the user. */
  String target();

  /** Makes the change, or finds it already made. Nothing is written in a dry run. */
  Result apply(ActionContext context) throws IOException, SetupRefusal;

  /** Takes back what {@link #apply} changed, and nothing else. */
  Result undo(ActionContext context) throws IOException, SetupRefusal;

  enum Status {
    CHANGED("changed"),
    ALREADY_SET("already set"),
    WOULD_CHANGE("would change"),
    UNDONE("undone"),
    WOULD_UNDO("would undo"),
    NOTHING_TO_UNDO("nothing to undo"),
    FAILED("failed");

    private final String label;

    Status(String label) {
      this.label = label;
    }

    public String label() {
      return label;
    }

    public boolean changes() {
      return this == CHANGED || this == WOULD_CHANGE || this == UNDONE || this == WOULD_UNDO;
    }
  }

  /** What happened, with a short note such as where the backup is. */
  record Result(String target, Status status, String note) {
    public static Result of(String target, Status status) {
      return new Result(target, status, "");
    }

    public String line(String module) {
      return module
          + ": "
          + target
          + ": "
          + status.label()
          + (note.isEmpty() ? "" : " (" + note + ")");
    }
  }
}
