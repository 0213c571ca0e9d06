package dev.wall.core.setup;

import dev.wall.core.io.AtomicFile;
import dev.wall.core.io.FileAttrs;
import dev.wall.core.setup.Action.Result;
import dev.wall.core.setup.Action.Status;
import dev.wall.core.setup.Journal.Entry;
import dev.wall.core.setup.Journal.Kind;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

/**
 * Enables and disables systemd units the way {@code systemctl enable/disable} does, with the {@code
 * .wants} links under {@code /etc/systemd/system}. Works on any root, live or not.
 */
public final class ServiceLinks {
  static final String SYSTEM = "/etc/systemd/system";
  private static final List<String> UNIT_DIRS =
      List.of("/etc/systemd/system", "/lib/systemd/system", "/usr/lib/systemd/system");

  private ServiceLinks() {}

  /** Where a unit file is installed in the tree, as a node path. */
  public static java.util.Optional<String> unitFile(SystemTree tree, String unit) {
    return UNIT_DIRS.stream()
        .map(dir -> dir + "/" + unit)
        .filter(p -> Files.isRegularFile(tree.resolve(p)))
        .findFirst();
  }

  /** {@code systemctl enable UNIT}: a link in {@code WANTEDBY.wants}. */
  public record Enable(String unit, String wantedBy, String unitPath) implements Action {
    @Override
    public String target() {
      return SYSTEM + "/" + wantedBy + ".wants/" + unit;
    }

    @Override
    public Result apply(ActionContext ctx) throws IOException, SetupRefusal {
      Path link = ctx.tree().resolve(target());
      if (Files.isSymbolicLink(link)) {
        return Result.of("enable " + unit, Status.ALREADY_SET);
      }
      if (ctx.dryRun()) {
        ctx.out().println("ln -s " + unitPath + " " + target());
        return Result.of("enable " + unit, Status.WOULD_CHANGE);
      }
      new EnsureDir(SYSTEM + "/" + wantedBy + ".wants", FileAttrs.mode("rwxr-xr-x")).apply(ctx);
      ctx.journal().add(new Entry(ctx.module(), Kind.CREATED_LINK, target(), unitPath));
      Files.createSymbolicLink(link, Path.of(unitPath));
      AtomicFile.syncFolder(link.getParent());
      return Result.of("enable " + unit, Status.CHANGED);
    }

    @Override
    public Result undo(ActionContext ctx) throws IOException {
      var entry = ctx.journal().find(ctx.module(), Kind.CREATED_LINK, target());
      if (entry.isEmpty()) {
        return Result.of("enable " + unit, Status.NOTHING_TO_UNDO);
      }
      if (ctx.dryRun()) {
        ctx.out().println("rm " + target());
        return Result.of("enable " + unit, Status.WOULD_UNDO);
      }
      Files.deleteIfExists(ctx.tree().resolve(target()));
      ctx.journal().remove(entry.get());
      new EnsureDir(SYSTEM + "/" + wantedBy + ".wants", FileAttrs.mode("rwxr-xr-x")).undo(ctx);
      return Result.of("enable " + unit, Status.UNDONE);
    }
  }

  /** {@code systemctl disable UNIT}: removes its links from every {@code .wants} folder. */
  public record Disable(String unit) implements Action {
    @Override
    public String target() {
      return "disable " + unit;
    }

    @Override
    public Result apply(ActionContext ctx) throws IOException {
      List<Path> links = links(ctx.tree());
      if (links.isEmpty()) {
        return Result.of(target(), Status.ALREADY_SET);
      }
      for (Path link : links) {
        String nodePath = "/" + ctx.tree().root().relativize(link);
        if (ctx.dryRun()) {
          ctx.out().println("rm " + nodePath);
          continue;
        }
        String was = Files.readSymbolicLink(link).toString();
        ctx.journal().add(new Entry(ctx.module(), Kind.REMOVED_LINK, nodePath, was));
        Files.delete(link);
        AtomicFile.syncFolder(link.getParent());
      }
      return Result.of(target(), ctx.dryRun() ? Status.WOULD_CHANGE : Status.CHANGED);
    }

    @Override
    public Result undo(ActionContext ctx) throws IOException {
      List<Entry> removed = new ArrayList<>();
      for (Entry e : ctx.journal().entries()) {
        if (e.module().equals(ctx.module())
            && e.kind() == Kind.REMOVED_LINK
            && e.path().endsWith("/" + unit)) {
          removed.add(e);
        }
      }
      if (removed.isEmpty()) {
        return Result.of(target(), Status.NOTHING_TO_UNDO);
      }
      for (Entry e : removed) {
        if (ctx.dryRun()) {
          ctx.out().println("ln -s " + e.target() + " " + e.path());
          continue;
        }
        Path link = ctx.tree().resolve(e.path());
        if (!Files.exists(link, LinkOption.NOFOLLOW_LINKS)) {
          Files.createSymbolicLink(link, Path.of(e.target()));
        }
        ctx.journal().remove(e);
      }
      return Result.of(target(), ctx.dryRun() ? Status.WOULD_UNDO : Status.UNDONE);
    }

    private List<Path> links(SystemTree tree) throws IOException {
      Path system = tree.resolve(SYSTEM);
      if (!Files.isDirectory(system)) {
        return List.of();
      }
      try (Stream<Path> wants = Files.list(system)) {
        return wants
            .filter(d -> d.getFileName().toString().endsWith(".wants"))
            .map(d -> d.resolve(unit))
            .filter(Files::isSymbolicLink)
            .sorted()
            .toList();
      }
    }
  }
}
