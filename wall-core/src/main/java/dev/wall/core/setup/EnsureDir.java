package dev.wall.core.setup;

import dev.wall.core.io.AtomicFile;
import dev.wall.core.io.FileAttrs;
import dev.wall.core.setup.Action.Result;
import dev.wall.core.setup.Action.Status;
import dev.wall.core.setup.Journal.Entry;
import dev.wall.core.setup.Journal.Kind;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;

/**
 * A folder that must exist, such as the export or the mount point. Undo removes it only if setup
 * made it and it is empty.
 */
public record EnsureDir(String target, FileAttrs attrs) implements Action {

  @Override
  public Result apply(ActionContext ctx) throws IOException, SetupRefusal {
    Path dir = ctx.tree().resolve(target);
    if (Files.isDirectory(dir)) {
      return Result.of(target, Status.ALREADY_SET);
    }
    if (Files.exists(dir, java.nio.file.LinkOption.NOFOLLOW_LINKS)) {
      String what = Files.isSymbolicLink(dir) ? "a symbolic link to no folder" : "not a folder";
      throw new SetupRefusal(ctx.tree().show(target) + ": " + what + "; remove it, then run again");
    }
    if (ctx.dryRun()) {
      ctx.out().println("mkdir " + target);
      return Result.of(target, Status.WOULD_CHANGE);
    }
    for (Path d : missingFromTop(ctx, dir)) {
      Files.createDirectory(d);
      ctx.owned(attrs).applyTo(d);
      ctx.journal().add(new Entry(ctx.module(), Kind.CREATED_DIR, nodePath(ctx, d), ""));
    }
    AtomicFile.syncFolder(dir.getParent());
    return new Result(target, Status.CHANGED, "created");
  }

  @Override
  public Result undo(ActionContext ctx) throws IOException {
    Path dir = ctx.tree().resolve(target);
    Status status = Status.NOTHING_TO_UNDO;
    for (Path d = dir; !d.equals(ctx.tree().root()); d = d.getParent()) {
      Optional<Entry> entry = ctx.journal().find(ctx.module(), Kind.CREATED_DIR, nodePath(ctx, d));
      if (entry.isEmpty() || !isEmptyDir(d)) {
        break;
      }
      if (ctx.dryRun()) {
        ctx.out().println("rmdir " + nodePath(ctx, d));
        status = Status.WOULD_UNDO;
        continue;
      }
      Files.delete(d);
      ctx.journal().remove(entry.get());
      status = Status.UNDONE;
    }
    if (status == Status.NOTHING_TO_UNDO
        && ctx.journal().find(ctx.module(), Kind.CREATED_DIR, target).isPresent()) {
      return new Result(target, status, "kept: not empty");
    }
    return Result.of(target, status);
  }

  private static java.util.List<Path> missingFromTop(ActionContext ctx, Path dir) {
    java.util.LinkedList<Path> missing = new java.util.LinkedList<>();
    for (Path d = dir; !Files.exists(d); d = d.getParent()) {
      missing.addFirst(d);
    }
    return missing;
  }

  private static String nodePath(ActionContext ctx, Path d) {
    return "/" + ctx.tree().root().relativize(d);
  }

  static boolean isEmptyDir(Path dir) throws IOException {
    if (!Files.isDirectory(dir)) {
      return false;
    }
    try (var children = Files.list(dir)) {
      return children.findAny().isEmpty();
    }
  }
}
