package dev.wall.player.launch;

import dev.wall.core.layout.HostfileWriter;
import dev.wall.core.layout.Layout;
import dev.wall.core.layout.Network;
import dev.wall.player.nodes.LocalMachine;
import dev.wall.player.nodes.NodeJava;
import dev.wall.player.plan.ShowPlan;
import dev.wall.player.wire.RankLaunch;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Builds mpirun's argv for a wall. Pure.
 *
 * <p>Placement is one MPMD context per screen, {@code -np 1 --host HOST:SLOTS}, in screen order:
 * Open MPI numbers ranks in context order, so rank i runs on {@code screens[i].host} whatever the
 * order of the screens. A rankfile would place them too, but it always binds each rank to the CPU
 * its slot names, even with {@code --bind-to none}, and the player a rank starts inherits that
 * binding: four players would share one core.
 */
public final class MpirunCommand {
  /**
   * Small heap, serial GC, C1 only: a rank idles and must fit on a 1 GB Pi beside its player. The
   * heap is touched once at the start ({@code AlwaysPreTouch}, 8 MB): otherwise a rank's memory
   * crept up for hours as the collector first reached pages it had not used yet (rank 0 about 2 kB
   * a loop in the soak), which looks like a leak on a wall that must not grow over weeks.
   */
  public static final List<String> RANK_JVM_OPTIONS =
      List.of(
          "-Xms8m",
          "-Xmx32m",
          "-XX:+AlwaysPreTouch",
          "-Xss512k",
          "-XX:+UseSerialGC",
          "-XX:TieredStopAtLevel=1",
          "-XX:CICompilerCount=1",
          "-XX:ReservedCodeCacheSize=16m",
          "-XX:MaxMetaspaceSize=48m",
          "-XX:-UsePerfData",
          "-Xshare:auto");

  public static final String RANK_MAIN = "dev.wall.player.rank.RankMain";

  /**
   * What every mpirun of ours is told:
   *
   * <ul>
   *   <li>No topology in shared memory: mpirun 4.1.4 once crashed here (SIGSEGV in
   *       hwloc_shmem_topology_write) placing it at a guessed hole of the address space, and the
   *       ranks never read that copy.
   *   <li>Ethernet and shared memory only (ob1 over tcp, vader, self): a wall has no HPC fabric,
   *       and probing for one (libfabric, PSM) made MPI_Init take 0.30 s instead of 0.10 s here, on
   *       every rank at once, while the players start.
   * </ul>
   */
  static final List<Mca> COMMON =
      List.of(
          new Mca("rtc_hwloc_vmhole", "none"),
          new Mca("pml", "ob1"),
          new Mca("btl", "self,vader,tcp"));

  /**
   * {@link #COMMON} as mpirun options, for other mpiruns of ours (tests, the benchmark's baseline).
   */
  public static final List<String> COMMON_MCA =
      COMMON.stream()
          .flatMap(mca -> java.util.stream.Stream.of("--mca", mca.name(), mca.value()))
          .toList();

  /**
   * And, when a screen is on another node:
   *
   * <ul>
   *   <li>Only mpirun starts daemons, over ssh from the controller: Open MPI's tree spawn has the
   *       first nodes ssh on to the others, and only the controller has the wall's ssh key.
   *   <li>TCP keepalive on the daemons' connections (probes from 5 s of silence, 2 s apart, 3
   *       missed): a daemon on a node whose cable was pulled gives up on its own in about 11 s
   *       (killing its ranks), and mpirun gives up on it, instead of both waiting for minutes.
   * </ul>
   */
  static final List<Mca> ACROSS_HOSTS_MCA =
      List.of(
          new Mca("plm_rsh_no_tree_spawn", "1"),
          new Mca("oob_tcp_keepalive_time", "5"),
          new Mca("oob_tcp_keepalive_intvl", "2"),
          new Mca("oob_tcp_keepalive_probes", "3"));

  /** One MCA parameter and its value, as {@code --mca NAME VALUE}. */
  record Mca(String name, String value) {}

  private MpirunCommand() {}

  private static List<String> rankCommand(
      String java, String classpath, List<String> launch, String archive) {
    List<String> command = new ArrayList<>(List.of(java));
    command.addAll(jvmOptions(archive));
    command.addAll(List.of("-cp", classpath, RANK_MAIN));
    command.addAll(launch);
    return command;
  }

  /**
   * A rank on another node: that node's own Java and Open MPI library folder ({@link NodeJava}),
   * never this controller's, which need not exist there (a PC controller, Pi nodes).
   */
  private static List<String> remoteRankCommand(
      String classpath, List<String> launch, String archive) {
    return NodeJava.command(NodeJava.Kind.RANK, jvmOptions(archive), classpath, RANK_MAIN, launch);
  }

  private static List<String> jvmOptions(String archive) {
    List<String> options = new ArrayList<>(RANK_JVM_OPTIONS);
    if (archive != null) {
      options.add(archive);
    }
    return options;
  }

  /**
   * @param plan the show: every rank gets it, the same, as its only input
   * @param archiveOption the JVM option that maps the ranks' class-data archive, or null. Every
   *     rank gets it: a node with the same install has the archive at the same path once it has
   *     recorded it ({@code wall play --warm-up} there), and a JVM that finds none runs without.
   * @param mpi the technician's MCA variables (respected) and the wall's ssh
   */
  public static List<String> argv(
      ShowPlan plan,
      LocalMachine local,
      Path hostfile,
      String java,
      String classpath,
      String archiveOption,
      MpiSettings mpi) {
    return argv(plan, local, hostfile, java, classpath, classpath, archiveOption, mpi);
  }

  /**
   * @param java this controller's Java, for the ranks on this machine
   * @param remoteClasspath the classpath of a rank on another node, as a local rank gets it (mpirun
   *     puts its working folder first on a local Java rank's classpath, and the class archive was
   *     recorded with it): a node with the same install and Java uses the same archive
   */
  public static List<String> argv(
      ShowPlan plan,
      LocalMachine local,
      Path hostfile,
      String java,
      String classpath,
      String remoteClasspath,
      String archiveOption,
      MpiSettings mpi) {
    Layout layout = plan.layout();
    List<String> argv = preamble(layout, local, hostfile, mpi);
    Map<String, Integer> slots = new HostfileWriter(layout, "").slotsPerHost();
    List<String> launch = new RankLaunch(plan, false).args();
    List<String> localRank = rankCommand(java, classpath, launch, archiveOption);
    List<String> remote = remoteRankCommand(remoteClasspath, launch, archiveOption);
    for (int i = 0; i < layout.screens().size(); i++) {
      String host = layout.screen(i).host();
      if (i > 0) {
        argv.add(":");
      }
      argv.addAll(List.of("-np", "1", "--host", host + ":" + slots.get(host)));
      argv.addAll(local.isThisMachine(host) ? localRank : remote);
    }
    return argv;
  }

  /** mpirun and its options for this wall, up to the first context: the display power job's too. */
  public static List<String> preamble(
      Layout layout, LocalMachine local, Path hostfile, MpiSettings mpi) {
    List<String> argv = new ArrayList<>(List.of("mpirun"));
    COMMON.forEach(mca -> addMca(argv, mpi, mca));
    if (local.root()) {
      argv.add("--allow-run-as-root");
    }
    int localRanks =
        (int) layout.screens().stream().filter(s -> local.isThisMachine(s.host())).count();
    if (localRanks > local.cores()) {
      argv.add("--oversubscribe");
      addMca(argv, mpi, new Mca("mpi_yield_when_idle", "1"));
    }
    argv.addAll(List.of("--bind-to", "none", "--hostfile", hostfile.toString()));
    if (localRanks < layout.screens().size()) {
      ACROSS_HOSTS_MCA.forEach(mca -> addMca(argv, mpi, mca));
      if (mpi.ssh().configured()) {
        addMca(argv, mpi, new Mca("plm_rsh_agent", mpi.ssh().agent()));
      }
    }
    layout
        .networkIfSet()
        .map(Network::iface)
        .ifPresent(
            iface -> {
              addMca(argv, mpi, new Mca("btl_tcp_if_include", iface));
              addMca(argv, mpi, new Mca("oob_tcp_if_include", iface));
            });
    return argv;
  }

  /** {@code --mca NAME VALUE}, unless the technician set NAME in the environment. */
  private static void addMca(List<String> argv, MpiSettings mpi, Mca mca) {
    if (!mpi.technicianSets(mca.name())) {
      argv.addAll(List.of("--mca", mca.name(), mca.value()));
    }
  }
}
