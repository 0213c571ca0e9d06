package dev.wall.player.show;

import dev.wall.core.io.AtomicFile;
import dev.wall.core.layout.DisplayPowerKind;
import dev.wall.core.layout.HostfileWriter;
import dev.wall.core.layout.Layout;
import dev.wall.core.layout.Schedule;
import dev.wall.core.layout.Screen;
import dev.wall.player.launch.MpiSettings;
import dev.wall.player.launch.MpirunCommand;
import dev.wall.player.nodes.LocalMachine;
import dev.wall.player.nodes.NodeJava;
import dev.wall.player.nodes.Ssh;
import dev.wall.player.plan.DisplaySettings;
import dev.wall.player.process.ChildProcess;
import dev.wall.player.wire.PowerOrder;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Turns every display of the wall off or on, between two runs of it: one short mpirun job with a
 * {@code PowerMain} per display (a host's output), so that each node picks its own backend, as it
 * picks its own player. Every node answers in one line; a node that does not answer in time is
 * named.
 */
public final class DisplayPowerJob {
  static final String POWER_MAIN = "dev.wall.player.power.PowerMain";
  static final Duration DEADLINE = Duration.ofSeconds(40);

  private final Layout layout;
  private final LocalMachine local;
  private final Path runDir;

  public DisplayPowerJob(Layout layout, LocalMachine local, Path runDir) {
    this.layout = layout;
    this.local = local;
    this.runDir = runDir;
  }

  /** One order per display: the screens of a host's output share it. */
  List<PowerOrder> orders(boolean on, DisplaySettings display) {
    DisplayPowerKind kind =
        layout.scheduleIfSet().map(Schedule::displayPower).orElse(DisplayPowerKind.AUTO);
    Map<String, List<String>> screensByDisplay = new LinkedHashMap<>();
    Map<String, Screen> first = new LinkedHashMap<>();
    for (Screen screen : layout.screens()) {
      String key = screen.host() + "\n" + screen.output();
      screensByDisplay.computeIfAbsent(key, k -> new ArrayList<>()).add(screen.name());
      first.putIfAbsent(key, screen);
    }
    List<PowerOrder> orders = new ArrayList<>();
    first.forEach(
        (key, screen) ->
            orders.add(
                new PowerOrder(
                    on,
                    kind,
                    screen.output(),
                    display,
                    screen.host(),
                    String.join(",", screensByDisplay.get(key)))));
    return orders;
  }

  /** mpirun's argv: one context per display, each on its host. Pure. */
  List<String> argv(
      boolean on,
      DisplaySettings display,
      Path hostfile,
      String java,
      String classpath,
      MpiSettings mpi) {
    List<String> argv = MpirunCommand.preamble(layout, local, hostfile, mpi);
    Map<String, Integer> slots = new HostfileWriter(layout, "").slotsPerHost();
    List<PowerOrder> orders = orders(on, display);
    for (int i = 0; i < orders.size(); i++) {
      PowerOrder order = orders.get(i);
      if (i > 0) {
        argv.add(":");
      }
      argv.addAll(List.of("-np", "1", "--host", order.host() + ":" + slots.get(order.host())));
      if (local.isThisMachine(order.host())) {
        argv.add(java);
        argv.addAll(MpirunCommand.RANK_JVM_OPTIONS);
        argv.addAll(List.of("-cp", classpath, POWER_MAIN));
        argv.addAll(order.args());
      } else {
        // That node's own Java and Open MPI, never this controller's.
        argv.addAll(
            NodeJava.command(
                NodeJava.Kind.RANK,
                MpirunCommand.RANK_JVM_OPTIONS,
                classpath,
                POWER_MAIN,
                order.args()));
      }
    }
    return argv;
  }

  /**
   * Runs the job and returns every display's answer, as {@code SCREENS on HOST: WHAT}. A display
   * that did not answer is named as such: the job never fails the wall.
   */
  public List<String> set(boolean on, DisplaySettings display, Map<String, String> environment)
      throws IOException, InterruptedException {
    Files.createDirectories(runDir);
    Path hostfile = runDir.resolve("hostfile");
    new AtomicFile()
        .write(
            hostfile, new HostfileWriter(layout, "").hostfile().getBytes(StandardCharsets.UTF_8));
    List<String> answers = Collections.synchronizedList(new ArrayList<>());
    List<String> argv =
        argv(
            on,
            display,
            hostfile,
            Path.of(System.getProperty("java.home"), "bin", "java").toString(),
            System.getProperty("java.class.path"),
            MpiSettings.of(environment, Ssh.forThisUser()));
    Path log = runDir.resolve("power.log");
    Files.deleteIfExists(
        log); // one job's log at a time: a wall that sleeps every night must not fill the disk
    ChildProcess mpirun =
        ChildProcess.startRelayed(
            "display-power",
            argv,
            log,
            environment,
            ChildProcess.Input.NONE,
            line -> PowerOrder.parseResult(line).ifPresent(answers::add),
            line -> true,
            runDir);
    try {
      if (mpirun.waitFor(DEADLINE).isEmpty()) {
        mpirun.stop(Duration.ofSeconds(2));
      }
      mpirun.awaitRelay(Duration.ofSeconds(2));
    } finally {
      mpirun.stop(Duration.ofSeconds(1));
    }
    List<String> all = new ArrayList<>(answers);
    for (PowerOrder order : orders(on, display)) {
      String prefix = order.screens() + " on " + order.host() + ": ";
      if (all.stream().noneMatch(a -> a.startsWith(prefix))) {
        all.add(prefix + "no answer within " + DEADLINE.toSeconds() + " s (see " + log + ")");
      }
    }
    return all;
  }
}
