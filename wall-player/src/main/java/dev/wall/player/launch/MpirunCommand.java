package dev.wall.player.launch;

import dev.wall.core.layout.HostfileWriter;
import dev.wall.core.layout.Layout;
import dev.wall.core.layout.Network;
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
 * order of the screens. A rankfile would place them too, but it always binds each rank to the
 * CPU its slot names, even with {@code --bind-to none}, and the player a rank starts inherits
 * that binding: four players would share one core.
 */
public final class MpirunCommand {
  /** Small heap, serial GC, C1 only: a rank idles and must fit on a 1 GB Pi beside its player. */
  public static final List<String> RANK_JVM_OPTIONS = List.of(
      "-Xms8m", "-Xmx32m", "-Xss512k", "-XX:+UseSerialGC", "-XX:TieredStopAtLevel=1",
      "-XX:CICompilerCount=1", "-XX:ReservedCodeCacheSize=16m", "-XX:MaxMetaspaceSize=48m",
      "-XX:-UsePerfData", "-Xshare:auto");
  public static final String RANK_MAIN = "dev.wall.player.rank.RankMain";
  /**
   * What every mpirun of ours is told:
   *
   * <ul>
   *   <li>No topology in shared memory: mpirun 4.1.4 once crashed here (SIGSEGV in
   *       hwloc_shmem_topology_write) placing it at a guessed hole of the address space, and the
   *       ranks never read that copy.
   *   <li>Ethernet and shared memory only (ob1 over tcp, vader, self): a wall has no HPC fabric, and
   *       probing for one (libfabric, PSM) made MPI_Init take 0.30 s instead of 0.10 s here, on
   *       every rank at once, while the players start.
   * </ul>
   */
  public static final List<String> COMMON_MCA = List.of("--mca", "rtc_hwloc_vmhole", "none",
      "--mca", "pml", "ob1", "--mca", "btl", "self,vader,tcp");

  private MpirunCommand() {}

  private static List<String> rankCommand(String java, String classpath, RankLaunch launch, String extra) {
    List<String> command = new ArrayList<>(List.of(java));
    command.addAll(RANK_JVM_OPTIONS);
    if (extra != null) {
      command.add(extra);
    }
    command.addAll(List.of("-cp", classpath, RANK_MAIN));
    command.addAll(launch.args());
    return command;
  }

  /**
   * @param localJvmOption an extra JVM option for the ranks on this machine only (the class-data
   *     archive, which other nodes do not have), or null
   */
  public static List<String> argv(Layout layout, LocalMachine local, Path hostfile,
      String display, String java, String classpath, RankLaunch launch, String localJvmOption) {
    List<String> argv = new ArrayList<>(List.of("mpirun"));
    argv.addAll(COMMON_MCA);
    if (local.root()) {
      argv.add("--allow-run-as-root");
    }
    int localRanks = (int) layout.screens().stream().filter(s -> local.isThisMachine(s.host())).count();
    if (localRanks > local.cores()) {
      argv.add("--oversubscribe");
      argv.addAll(List.of("--mca", "mpi_yield_when_idle", "1"));
    }
    argv.addAll(List.of("--bind-to", "none", "--hostfile", hostfile.toString()));
    if (display != null && !display.isEmpty()) {
      argv.addAll(List.of("-x", "DISPLAY"));
    }
    layout.networkIfSet().map(Network::iface).ifPresent(iface -> argv.addAll(List.of(
        "--mca", "btl_tcp_if_include", iface, "--mca", "oob_tcp_if_include", iface)));
    Map<String, Integer> slots = new HostfileWriter(layout, "").slotsPerHost();
    RankLaunch withLayout = launch.withLayoutData(layout);
    for (int i = 0; i < layout.screens().size(); i++) {
      String host = layout.screen(i).host();
      if (i > 0) {
        argv.add(":");
      }
      argv.addAll(List.of("-np", "1", "--host", host + ":" + slots.get(host)));
      String extra = local.isThisMachine(host) ? localJvmOption : null;
      argv.addAll(rankCommand(java, classpath, withLayout.forScreen(layout, i), extra));
    }
    return argv;
  }
}
