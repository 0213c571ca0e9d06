package dev.wall.bench.cluster;

import dev.wall.core.layout.Layout;
import dev.wall.core.layout.LayoutReader;
import dev.wall.player.nodes.LocalMachine;
import dev.wall.player.nodes.Preflight;
import dev.wall.player.nodes.RemoteNodes;
import dev.wall.player.nodes.Ssh;
import dev.wall.player.versions.InstalledVersions;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;

/**
 * Times {@code wall play}'s checks before a start ({@link Preflight}) on a layout, as the
 * controller runs them: {@code PreflightTimer LAYOUT RUN_DIR N} prints each of N runs and their
 * median, in seconds. Run on the controller (inside node 1 of the test cluster).
 */
public final class PreflightTimer {
  private PreflightTimer() {}

  public static void main(String[] args) throws Exception {
    Layout layout = new LayoutReader().read(Path.of(args[0]));
    Path runDir = Files.createDirectories(Path.of(args[1]));
    int runs = Integer.parseInt(args[2]);
    LocalMachine local = LocalMachine.detect();
    RemoteNodes nodes = RemoteNodes.forThisJvm(local::isThisMachine, Ssh.forThisUser(), List.of());
    double[] seconds = new double[runs];
    for (int i = 0; i < runs; i++) {
      long started = System.nanoTime();
      Preflight.Result result =
          new Preflight(layout, nodes, runDir, InstalledVersions.here(runDir)).run();
      seconds[i] = (System.nanoTime() - started) / 1e9;
      if (!result.ok()) {
        System.out.println("preflight failed: " + result.unreachable() + result.problems());
        System.exit(1);
      }
    }
    // Each node once more, as the checks ask it: how long it took and whether Java started there.
    java.util.Map<String, dev.wall.player.wire.Probe.Request> requests =
        new java.util.LinkedHashMap<>();
    for (String host : layout.hosts()) {
      requests.put(
          host,
          new dev.wall.player.wire.Probe.Request(
              host,
              runDir,
              true,
              true,
              Path.of(layout.mediaRoot()),
              List.of(),
              false,
              null,
              null,
              false));
    }
    nodes
        .ask(requests, Preflight.DEADLINE)
        .values()
        .forEach(
            r ->
                System.out.printf(
                    Locale.ROOT,
                    "node %s %.3f s%s%n",
                    r.host(),
                    r.seconds(),
                    r.startedJava() ? " (started Java)" : ""));
    // What ssh alone costs a node: a connection that runs nothing.
    Ssh ssh = Ssh.forThisUser();
    for (String host : layout.hosts()) {
      if (!local.isThisMachine(host)) {
        long t = System.nanoTime();
        dev.wall.player.process.Processes.run(
            ssh.command(host, java.time.Duration.ofSeconds(5), List.of(), List.of("true")),
            "",
            java.time.Duration.ofSeconds(10),
            java.util.Map.of());
        System.out.printf(Locale.ROOT, "ssh %s true %.3f s%n", host, (System.nanoTime() - t) / 1e9);
      }
    }
    double[] sorted = seconds.clone();
    Arrays.sort(sorted);
    System.out.printf(
        Locale.ROOT, "preflight %s median %.3f%n", Arrays.toString(seconds), sorted[runs / 2]);
  }
}
