package dev.wall.player.cli.setup;

import dev.wall.core.layout.InvalidLayoutException;
import dev.wall.core.layout.Layout;
import dev.wall.core.layout.LayoutReader;
import dev.wall.core.setup.NodeUser;
import dev.wall.core.setup.SetupRefusal;
import dev.wall.core.setup.SystemTree;
import dev.wall.core.setup.modules.SshFilesModule;
import dev.wall.player.cli.common.BadInputException;
import dev.wall.player.cli.common.CommonOptions;
import dev.wall.player.cli.common.ExitCodes;
import dev.wall.player.cli.common.WallFailure;
import dev.wall.player.setup.NodeInstall;
import dev.wall.player.setup.WallPackage;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code wall setup install}: the controller's exact package on every other node, in parallel. */
@Command(
    name = "install",
    description = {
      "On the controller: install the controller's exact wall package on every other node of the layout, in"
          + " parallel, over the ssh keys of wall setup ssh; apt-get there brings what it depends on.",
      "A node that cannot reach its package sources is told which packages it lacks and how to get them."
    },
    footer = {
      "",
      "Examples:",
      "  wall setup install --layout /srv/wall/lobby.json --dry-run   # what each node has and needs",
      "  wall setup install --layout /srv/wall/lobby.json             # the installed wall, rebuilt as its package",
      "  wall setup install --layout lobby.json --package wall_0.1.0~git20261203.abc_all.deb"
    })
public final class InstallCommand implements Callable<Integer> {
  private static final int MAX_PARALLEL = 8;

  @Mixin CommonOptions common;
  @Spec CommandSpec spec;

  @Option(
      names = "--layout",
      required = true,
      paramLabel = "FILE",
      description = "The wall's layout file.")
  Path layoutFile;

  @Option(
      names = "--package",
      paramLabel = "FILE.deb",
      description =
          "The package to install (default: the wall installed here, rebuilt from its files).")
  Path packageFile;

  @Option(
      names = "--user",
      paramLabel = "NAME",
      description = "The account whose wall ssh setup to use (default: $SUDO_USER, else pi).")
  String user;

  @Option(
      names = "--ssh-config",
      paramLabel = "FILE",
      description =
          "The ssh config that reaches the nodes (default: the user's ~/.ssh/wall_config from wall setup ssh).")
  Path sshConfigFile;

  @Option(
      names = "--dry-run",
      description = "Only say what each node has and would get; change nothing.")
  boolean dryRun;

  @Override
  public Integer call() throws InvalidLayoutException, IOException {
    PrintWriter out = spec.commandLine().getOut();
    Layout layout = new LayoutReader().read(layoutFile);
    Path sshConfig = sshConfig();
    List<String> nodes = new ArrayList<>(new LinkedHashSet<>(layout.hosts()));
    String controller = layout.screen(0).host();
    nodes.remove(controller);
    Path scratch = Files.createTempDirectory("wall-install");
    try {
      WallPackage wall = wallPackage(scratch);
      out.println(
          "install wall "
              + wall.version()
              + " on "
              + nodes.size()
              + " node"
              + (nodes.size() == 1 ? "" : "s")
              + " of "
              + layoutFile
              + (dryRun ? " (dry run)" : "")
              + ", from "
              + (packageFile != null ? packageFile : "this controller's wall"));
      out.flush();
      NodeInstall install = new NodeInstall(wall, sshConfig);
      List<NodeInstall.Outcome> outcomes = inParallel(nodes, node -> install.run(node, dryRun));
      boolean failed = false;
      for (NodeInstall.Outcome outcome : outcomes) {
        out.println("install: " + outcome.line());
        failed |= !outcome.ok();
      }
      if (dryRun) {
        out.println("dry run: nothing was installed");
      }
      out.flush();
      if (failed) {
        throw new WallFailure(
            ExitCodes.RUNTIME_FAILURE,
            "install did not finish on every node; see the lines marked failed above");
      }
      return ExitCodes.OK;
    } finally {
      try (var left = Files.walk(scratch)) {
        for (Path p : left.sorted(java.util.Comparator.reverseOrder()).toList()) {
          Files.deleteIfExists(p);
        }
      }
    }
  }

  private WallPackage wallPackage(Path scratch) throws IOException {
    if (packageFile != null) {
      WallPackage wall;
      try {
        wall = WallPackage.read(packageFile);
      } catch (IOException e) {
        throw new BadInputException("--package " + e.getMessage());
      }
      if (!wall.name().equals("wall")) {
        throw new BadInputException(
            "--package " + packageFile + ": holds the package " + wall.name() + ", not wall");
      }
      return wall;
    }
    if (WallPackage.installedVersion().isEmpty()) {
      throw new BadInputException(
          "wall is not installed here from its package, so there is none to send; install it"
              + " (sudo apt-get install ./wall_*.deb), or pass --package wall-dist/target/wall_*.deb");
    }
    return WallPackage.rebuildInstalled(scratch);
  }

  /**
   * The ssh config wall setup ssh wrote for the wall's user: the key, the nodes' addresses and host
   * keys.
   */
  private Path sshConfig() {
    if (sshConfigFile != null) {
      if (!Files.isRegularFile(sshConfigFile)) {
        throw new BadInputException("--ssh-config " + sshConfigFile + ": no such file");
      }
      return sshConfigFile;
    }
    String name = user != null ? user : System.getenv().getOrDefault("SUDO_USER", "pi");
    if (name.isBlank() || name.equals("root") && user == null) {
      name = "pi";
    }
    try {
      NodeUser account = NodeUser.lookup(SystemTree.detect(Path.of("/")), name);
      Path config = Path.of(account.inHome(SshFilesModule.CONFIG));
      if (!Files.isRegularFile(config)) {
        throw new BadInputException(
            config
                + ": missing; the nodes are reached over the wall's ssh keys: run"
                + " wall setup ssh --layout "
                + layoutFile
                + " first");
      }
      return config;
    } catch (SetupRefusal e) {
      throw new BadInputException(e.getMessage());
    }
  }

  private static List<NodeInstall.Outcome> inParallel(
      List<String> nodes, java.util.function.Function<String, NodeInstall.Outcome> work) {
    if (nodes.isEmpty()) {
      return List.of();
    }
    ExecutorService pool =
        Executors.newFixedThreadPool(
            Math.min(nodes.size(), MAX_PARALLEL),
            r -> {
              Thread t = new Thread(r, "wall-install");
              t.setDaemon(true);
              return t;
            });
    try {
      List<Future<NodeInstall.Outcome>> futures = new ArrayList<>();
      for (String node : nodes) {
        futures.add(pool.submit(() -> work.apply(node)));
      }
      List<NodeInstall.Outcome> outcomes = new ArrayList<>();
      for (int i = 0; i < nodes.size(); i++) {
        try {
          outcomes.add(futures.get(i).get());
        } catch (ExecutionException e) {
          outcomes.add(
              new NodeInstall.Outcome(
                  nodes.get(i), false, nodes.get(i) + ": failed: " + e.getCause()));
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
          throw new WallFailure(ExitCodes.RUNTIME_FAILURE, "interrupted while installing");
        }
      }
      return outcomes;
    } finally {
      pool.shutdownNow();
    }
  }
}
