package dev.wall.player.cli.setup;

import dev.wall.core.io.AtomicFile;
import dev.wall.core.layout.InvalidLayoutException;
import dev.wall.core.layout.Layout;
import dev.wall.core.layout.LayoutReader;
import dev.wall.core.setup.ActionContext;
import dev.wall.core.setup.Journal;
import dev.wall.core.setup.Node;
import dev.wall.core.setup.NodeUser;
import dev.wall.core.setup.SetupModule;
import dev.wall.core.setup.SetupRefusal;
import dev.wall.core.setup.SetupRunner;
import dev.wall.core.setup.SetupRunner.Report;
import dev.wall.core.setup.SystemTree;
import dev.wall.player.cli.common.BadInputException;
import dev.wall.player.cli.common.ExitCodes;
import dev.wall.player.cli.common.WallFailure;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.function.Function;

/**
 * One {@code wall setup} run: finds the node in the layout, checks it may write, runs the modules
 * and reports one line per change (and a table for several modules).
 */
public final class SetupSession {
  private final SetupOptions options;
  private final ShareOptions share;
  private final PrintWriter out;

  public SetupSession(SetupOptions options, ShareOptions share, PrintWriter out) {
    this.options = options;
    this.share = share == null ? new ShareOptions() : share;
    this.out = out;
  }

  /** Runs the modules built for this node; returns the exit code. */
  public int run(Function<Node, List<SetupModule>> modules, boolean table)
      throws InvalidLayoutException {
    try {
      requireRoot();
      SystemTree tree = SystemTree.detect(options.root);
      Layout layout = new LayoutReader().read(options.layout);
      Node node = node(tree, layout);
      boolean mayChown = Privileges.isRoot();
      ActionContext context =
          new ActionContext(
              tree,
              new AtomicFile(),
              new Journal(tree, new AtomicFile()),
              "",
              options.dryRun,
              mayChown,
              out);
      out.println(header(node));
      List<Report> reports = new SetupRunner(context).run(modules.apply(node), node, options.undo);
      print(reports, table);
      if (options.dryRun) {
        out.println("dry run: nothing was written");
      }
      out.flush();
      if (reports.stream().anyMatch(Report::failed)) {
        throw new WallFailure(
            ExitCodes.RUNTIME_FAILURE,
            "setup did not finish on every node; see the lines marked failed above");
      }
      return ExitCodes.OK;
    } catch (SetupRefusal e) {
      out.flush();
      throw new BadInputException(e.getMessage());
    } catch (IOException e) {
      out.flush();
      throw new WallFailure(ExitCodes.RUNTIME_FAILURE, "setup failed: " + e, e);
    }
  }

  private void requireRoot() {
    boolean live = options.root.toAbsolutePath().normalize().equals(Path.of("/"));
    if (live && !options.dryRun && !Privileges.isRoot()) {
      throw new BadInputException(
          "wall setup edits the system files of / and needs root: run it with sudo (or try --dry-run first)");
    }
  }

  private String header(Node node) {
    String role = node.isController() ? "controller" : "worker of " + node.controller();
    String where = node.tree().isLive() ? "" : ", root " + node.tree().root();
    String mode = options.undo ? "undo" : "setup";
    return mode
        + " on "
        + node.host()
        + " ("
        + role
        + "), "
        + node.tree().release().codename()
        + ", boot folder "
        + node.tree().bootDir()
        + where;
  }

  private Node node(SystemTree tree, Layout layout) throws SetupRefusal {
    String host = options.host != null ? options.host : hostnameOf(tree);
    if (!layout.hosts().contains(host)) {
      throw new SetupRefusal(
          (options.host != null
                  ? "--host " + host
                  : tree.show("/etc/hostname") + " says \"" + host + "\"")
              + ", which is not a host of "
              + options.layout
              + "; pass --host with one of: "
              + String.join(", ", layout.hosts()));
    }
    NodeUser user = NodeUser.lookup(tree, userName());
    String shared = share.share != null ? share.share : layout.mediaRoot();
    return new Node(
        layout,
        options.layout.toString(),
        nodePath(tree, options.layout),
        tree,
        host,
        user,
        shared,
        share.readWrite);
  }

  private static String hostnameOf(SystemTree tree) throws SetupRefusal {
    try {
      Path file = tree.resolve("/etc/hostname");
      return Files.isRegularFile(file) ? Files.readString(file).trim() : "";
    } catch (IOException e) {
      throw new SetupRefusal(
          tree.show("/etc/hostname") + ": cannot read (" + e.getMessage() + "); pass --host");
    }
  }

  private String userName() {
    if (options.user != null) {
      return options.user;
    }
    String sudoUser = System.getenv("SUDO_USER");
    return sudoUser != null && !sudoUser.isBlank() && !sudoUser.equals("root") ? sudoUser : "pi";
  }

  /** The layout's path as the node will see it: inside the tree when it lies there. */
  static String nodePath(SystemTree tree, Path layout) {
    Path abs = layout.toAbsolutePath().normalize();
    return abs.startsWith(tree.root()) ? "/" + tree.root().relativize(abs) : abs.toString();
  }

  private void print(List<Report> reports, boolean table) {
    for (Report report : reports) {
      report.skipped().ifPresent(why -> out.println(report.module() + ": skipped: " + why));
      report.results().forEach(r -> out.println(r.line(report.module())));
    }
    if (table) {
      out.println();
      out.printf("%-11s %s%n", "MODULE", "RESULT");
      for (Report report : reports) {
        String detail = report.skipped().map(why -> " (" + why + ")").orElse("");
        out.printf("%-11s %s%s%n", report.module(), report.summary(), detail);
      }
    }
  }
}
