package dev.wall.core.setup;

import dev.wall.core.io.AtomicFile;
import dev.wall.core.setup.Action.Result;
import dev.wall.core.setup.Action.Status;
import dev.wall.core.io.FileAttrs;
import dev.wall.core.setup.Journal.Entry;
import dev.wall.core.setup.Journal.Kind;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Edits one file through a pure, idempotent function of its content. Keeps {@code FILE.wall-backup}
 * before the first change; undo takes the change back out of the file as it is now, so that edits
 * made by others since are kept.
 */
public final class FileEdit implements Action {
  public static final String BACKUP_SUFFIX = ".wall-backup";

  /** The wanted content from the current one; {@code current} is null when the file is absent. */
  @FunctionalInterface
  public interface Edit {
    String apply(String current) throws SetupRefusal;
  }

  private final String path;
  private final Edit edit;
  private final FileAttrs newFileAttrs;

  public FileEdit(String path, Edit edit, FileAttrs newFileAttrs) {
    this.path = path;
    this.edit = edit;
    this.newFileAttrs = newFileAttrs;
  }

  /** A file wholly written by setup, created with {@code attrs}. */
  public static FileEdit whole(String path, String content, FileAttrs attrs) {
    return new FileEdit(path, current -> content, attrs);
  }

  @Override
  public String target() {
    return path;
  }

  /** The content this edit wants, given the current one; for tests and previews. */
  public String wanted(String current) throws SetupRefusal {
    return edit.apply(current);
  }

  @Override
  public Result apply(ActionContext ctx) throws IOException, SetupRefusal {
    Path file = ctx.tree().resolve(path);
    String current = read(file);
    String next = edit.apply(current);
    if (next.equals(current)) {
      return Result.of(path, Status.ALREADY_SET);
    }
    if (ctx.dryRun()) {
      ctx.out().print(LineDiff.unified(orEmpty(current), next, current == null ? "/dev/null" : path, path));
      return Result.of(path, Status.WOULD_CHANGE);
    }
    String note = "";
    if (current == null) {
      createParents(ctx, file.getParent());
      ctx.journal().add(new Entry(ctx.module(), Kind.CREATED_FILE, path, ""));
      ctx.writer().write(file, Text.encode(next), ctx.owned(newFileAttrs));
    } else {
      Path backup = backupOf(file);
      if (!Files.exists(backup)) {
        ctx.writer().write(backup, Files.readAllBytes(file), FileAttrs.of(file));
        note = "backup " + path + BACKUP_SUFFIX;
      }
      ctx.writer().write(file, Text.encode(next), FileAttrs.of(file));
    }
    return new Result(path, Status.CHANGED, note);
  }

  @Override
  public Result undo(ActionContext ctx) throws IOException, SetupRefusal {
    Path file = ctx.tree().resolve(path);
    Path backup = backupOf(file);
    Optional<Entry> created = ctx.journal().find(ctx.module(), Kind.CREATED_FILE, path);
    String current = read(file);
    if (Files.exists(backup)) {
      return undoEdit(ctx, file, backup, current);
    }
    if (created.isPresent()) {
      return undoCreate(ctx, file, created.get(), current);
    }
    return Result.of(path, Status.NOTHING_TO_UNDO);
  }

  private Result undoEdit(ActionContext ctx, Path file, Path backup, String current)
      throws IOException, SetupRefusal {
    if (current == null) {
      throw new SetupRefusal(
          ctx.tree().show(path) + ": missing; its original is in " + ctx.tree().show(path) + BACKUP_SUFFIX);
    }
    String original = Text.decode(Files.readAllBytes(backup));
    String restored = reverse(ctx, original, edit.apply(original), current);
    if (restored.equals(current)) {
      if (!ctx.dryRun()) {
        Files.delete(backup);
      }
      return Result.of(path, Status.NOTHING_TO_UNDO);
    }
    if (ctx.dryRun()) {
      ctx.out().print(LineDiff.unified(current, restored, path, path));
      return Result.of(path, Status.WOULD_UNDO);
    }
    ctx.writer().write(file, Text.encode(restored), FileAttrs.of(file));
    Files.delete(backup);
    AtomicFile.syncFolder(file.getParent());
    return new Result(path, Status.UNDONE, "backup removed");
  }

  private Result undoCreate(ActionContext ctx, Path file, Entry created, String current)
      throws IOException, SetupRefusal {
    String left = current == null ? "" : reverse(ctx, "", edit.apply(null), current);
    if (ctx.dryRun()) {
      ctx.out().print(LineDiff.unified(orEmpty(current), left, path, left.isBlank() ? "/dev/null" : path));
      return Result.of(path, Status.WOULD_UNDO);
    }
    if (left.isBlank()) {
      Files.deleteIfExists(file);
      AtomicFile.syncFolder(file.getParent());
    } else {
      ctx.writer().write(file, Text.encode(left), FileAttrs.of(file));
    }
    ctx.journal().remove(created);
    removeCreatedParents(ctx, file.getParent());
    return Result.of(path, Status.UNDONE);
  }

  private String reverse(ActionContext ctx, String original, String changed, String current)
      throws SetupRefusal {
    return LineDiff.reverse(original, changed, current)
        .orElseThrow(
            () ->
                new SetupRefusal(
                    ctx.tree().show(path)
                        + ": changed since wall setup wrote it, where wall's own lines were;"
                        + " compare it with "
                        + (Files.exists(backupOf(ctx.tree().resolve(path)))
                            ? ctx.tree().show(path) + BACKUP_SUFFIX
                            : "the diff of --dry-run")
                        + " and fix it by hand"));
  }

  private static void createParents(ActionContext ctx, Path dir) throws IOException {
    List<Path> missing = new ArrayList<>();
    for (Path d = dir; d != null && !Files.exists(d); d = d.getParent()) {
      missing.add(0, d);
    }
    for (Path d : missing) {
      Files.createDirectory(d);
      String nodePath = "/" + ctx.tree().root().relativize(d);
      ctx.journal().add(new Entry(ctx.module(), Kind.CREATED_DIR, nodePath, ""));
    }
  }

  private static void removeCreatedParents(ActionContext ctx, Path dir) throws IOException {
    for (Path d = dir; d != null && d.startsWith(ctx.tree().root()) && !d.equals(ctx.tree().root()); d = d.getParent()) {
      String nodePath = "/" + ctx.tree().root().relativize(d);
      Optional<Entry> entry = ctx.journal().find(ctx.module(), Kind.CREATED_DIR, nodePath);
      if (entry.isEmpty() || !EnsureDir.isEmptyDir(d)) {
        return;
      }
      Files.delete(d);
      ctx.journal().remove(entry.get());
    }
  }

  static Path backupOf(Path file) {
    return file.resolveSibling(file.getFileName() + BACKUP_SUFFIX);
  }

  private static String read(Path file) throws IOException {
    return Files.isRegularFile(file) ? Text.decode(Files.readAllBytes(file)) : null;
  }

  private static String orEmpty(String text) {
    return text == null ? "" : text;
  }
}
