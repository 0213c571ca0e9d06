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
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Edits one file through a pure, idempotent function of its content. Keeps {@code FILE.wall-backup}
 * before the first change; undo takes the change back out of the file as it is now, so that edits
 * made by others since are kept. A file in a user's home ({@link #inHome}) is read, written and
 * deleted through {@link NodeUser#homeFiles}: a link there, or a folder on the way that someone
 * else could change, is refused in one line, before anything is written.
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

  /** The user whose home the file is in, or null for a system file. */
  private final NodeUser home;

  public FileEdit(String path, Edit edit, FileAttrs newFileAttrs) {
    this(path, edit, newFileAttrs, null);
  }

  private FileEdit(String path, Edit edit, FileAttrs newFileAttrs, NodeUser home) {
    this.path = path;
    this.edit = edit;
    this.newFileAttrs = newFileAttrs;
    this.home = home;
  }

  /**
   * A file in {@code user}'s home ({@code relative} to it), created as theirs with {@code mode}.
   */
  public static FileEdit inHome(NodeUser user, String relative, Edit edit, String mode) {
    return new FileEdit(user.inHome(relative), edit, user.owns(mode), user);
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
    AtomicFile files = files(ctx);
    byte[] raw = read(files, file);
    String current = raw == null ? null : Text.decode(raw);
    String next = edit.apply(current);
    if (next.equals(current)) {
      return Result.of(path, Status.ALREADY_SET);
    }
    if (ctx.dryRun()) {
      ctx.out()
          .print(
              LineDiff.unified(orEmpty(current), next, current == null ? "/dev/null" : path, path));
      return Result.of(path, Status.WOULD_CHANGE);
    }
    String note = "";
    if (current == null) {
      if (home == null) {
        createParents(ctx, file.getParent());
      }
      ctx.journal().add(new Entry(ctx.module(), Kind.CREATED_FILE, path, ""));
      write(files, file, Text.encode(next), ctx.owned(newFileAttrs));
    } else {
      Path backup = backupOf(file);
      FileAttrs attrs = attributes(files, file);
      if (!exists(files, backup)) {
        write(files, backup, raw, attrs);
        note = "backup " + path + BACKUP_SUFFIX;
      }
      write(files, file, Text.encode(next), attrs);
    }
    return new Result(path, Status.CHANGED, note);
  }

  /**
   * The home's files through {@link NodeUser#homeFiles}, a system file's through the context's
   * writer.
   */
  private AtomicFile files(ActionContext ctx) {
    return home == null ? ctx.writer() : home.homeFiles(ctx.tree());
  }

  /** The file's bytes, or null when it is not a regular file; refused for a link in a home. */
  private byte[] read(AtomicFile files, Path file) throws IOException, SetupRefusal {
    try {
      return files.read(file).orElse(null);
    } catch (AtomicFile.UnsafePathException e) {
      throw new SetupRefusal(e.getMessage());
    }
  }

  private boolean exists(AtomicFile files, Path file) throws IOException, SetupRefusal {
    return home == null ? Files.exists(file) : read(files, file) != null;
  }

  private FileAttrs attributes(AtomicFile files, Path file) throws IOException, SetupRefusal {
    try {
      return files
          .attributes(file)
          .orElseThrow(() -> new java.nio.file.NoSuchFileException(file.toString()));
    } catch (AtomicFile.UnsafePathException e) {
      throw new SetupRefusal(e.getMessage());
    }
  }

  private static void write(AtomicFile files, Path file, byte[] content, FileAttrs attrs)
      throws IOException, SetupRefusal {
    try {
      files.write(file, content, attrs);
    } catch (AtomicFile.UnsafePathException e) {
      throw new SetupRefusal(e.getMessage());
    }
  }

  private static void delete(AtomicFile files, Path file) throws IOException, SetupRefusal {
    try {
      files.delete(file);
    } catch (AtomicFile.UnsafePathException e) {
      throw new SetupRefusal(e.getMessage());
    }
  }

  @Override
  public Result undo(ActionContext ctx) throws IOException, SetupRefusal {
    Path file = ctx.tree().resolve(path);
    Path backup = backupOf(file);
    Optional<Entry> created = ctx.journal().find(ctx.module(), Kind.CREATED_FILE, path);
    AtomicFile files = files(ctx);
    byte[] raw = read(files, file);
    String current = raw == null ? null : Text.decode(raw);
    if (exists(files, backup)) {
      return undoEdit(ctx, files, file, backup, current);
    }
    if (created.isPresent()) {
      return undoCreate(ctx, files, file, created.get(), current);
    }
    return Result.of(path, Status.NOTHING_TO_UNDO);
  }

  private Result undoEdit(
      ActionContext ctx, AtomicFile files, Path file, Path backup, String current)
      throws IOException, SetupRefusal {
    if (current == null) {
      throw new SetupRefusal(
          ctx.tree().show(path)
              + ": missing; its original is in "
              + ctx.tree().show(path)
              + BACKUP_SUFFIX);
    }
    String original = Text.decode(read(files, backup));
    String restored = reverse(ctx, original, edit.apply(original), current);
    if (restored.equals(current)) {
      if (!ctx.dryRun()) {
        delete(files, backup);
      }
      return Result.of(path, Status.NOTHING_TO_UNDO);
    }
    if (ctx.dryRun()) {
      ctx.out().print(LineDiff.unified(current, restored, path, path));
      return Result.of(path, Status.WOULD_UNDO);
    }
    write(files, file, Text.encode(restored), attributes(files, file));
    delete(files, backup);
    AtomicFile.syncFolder(file.getParent());
    return new Result(path, Status.UNDONE, "backup removed");
  }

  private Result undoCreate(
      ActionContext ctx, AtomicFile files, Path file, Entry created, String current)
      throws IOException, SetupRefusal {
    String left = current == null ? "" : reverse(ctx, "", edit.apply(null), current);
    if (ctx.dryRun()) {
      ctx.out()
          .print(
              LineDiff.unified(orEmpty(current), left, path, left.isBlank() ? "/dev/null" : path));
      return Result.of(path, Status.WOULD_UNDO);
    }
    if (left.isBlank()) {
      delete(files, file);
      AtomicFile.syncFolder(file.getParent());
    } else {
      write(files, file, Text.encode(left), attributes(files, file));
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
                        + (Files.exists(
                                backupOf(ctx.tree().resolve(path)),
                                java.nio.file.LinkOption.NOFOLLOW_LINKS)
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
    for (Path d = dir;
        d != null && d.startsWith(ctx.tree().root()) && !d.equals(ctx.tree().root());
        d = d.getParent()) {
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

  private static String orEmpty(String text) {
    return text == null ? "" : text;
  }
}
