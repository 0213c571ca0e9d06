package dev.wall.player.launch;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.wall.core.layout.Layout;
import dev.wall.core.layout.Network;
import dev.wall.core.layout.Rect;
import dev.wall.core.layout.Screen;
import dev.wall.player.nodes.LocalMachine;
import dev.wall.player.nodes.Ssh;
import dev.wall.player.plan.DisplaySettings;
import dev.wall.player.plan.ShowPlan;
import dev.wall.player.wire.RankLaunch;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class MpirunCommandTest {

  private static Screen screen(String name, String host) {
    return new Screen(
        name, host, null, 0, new Rect(0, 0, 640, 360), null, name + ".mp4", null, null);
  }

  private static Layout layout(Network network, Screen... screens) {
    return Layout.of(
        1, null, 3, null, "/srv/wall/media", network, null, null, null, null, List.of(screens));
  }

  private static List<String> argv(Layout layout, LocalMachine local, String display) {
    return argv(layout, local, display, MpiSettings.none());
  }

  private static List<String> argv(
      Layout layout, LocalMachine local, String display, MpiSettings mpi) {
    ShowPlan plan =
        ShowPlan.resolve(
            Path.of("/srv/wall/lobby.json"),
            layout,
            null,
            null,
            Path.of("/tmp/wall-pi"),
            DisplaySettings.from(Map.of(), display),
            false,
            null);
    return MpirunCommand.argv(
        plan,
        local,
        Path.of("/tmp/wall-pi/hostfile"),
        "/usr/bin/java",
        "cp",
        "-XX:SharedArchiveFile=/a.jsa",
        mpi);
  }

  @Test
  void asRootOnTwoCoresWithFourLocalScreens() {
    Layout layout =
        layout(
            null,
            screen("a", "localhost"),
            screen("b", "localhost"),
            screen("c", "localhost"),
            screen("d", "localhost"));
    List<String> argv = argv(layout, new LocalMachine(true, 2, "vm"), ":5");
    List<String> head = argv.subList(0, argv.indexOf("-np"));
    assertEquals(
        List.of(
            "mpirun",
            "--mca",
            "rtc_hwloc_vmhole",
            "none",
            "--mca",
            "pml",
            "ob1",
            "--mca",
            "btl",
            "self,vader,tcp",
            "--allow-run-as-root",
            "--oversubscribe",
            "--mca",
            "mpi_yield_when_idle",
            "1",
            "--bind-to",
            "none",
            "--hostfile",
            "/tmp/wall-pi/hostfile"),
        head);
  }

  @Test
  void asAUserWithAsManyCoresAsScreensNeitherRootNorOversubscribe() {
    Layout layout = layout(null, screen("a", "localhost"), screen("b", "localhost"));
    List<String> argv = argv(layout, new LocalMachine(false, 4, "vm"), null);
    assertFalse(argv.contains("--allow-run-as-root"));
    assertFalse(argv.contains("--oversubscribe"));
    assertFalse(argv.contains("mpi_yield_when_idle"));
    assertFalse(argv.contains("-x"), "nothing is exported by mpirun");
  }

  @Test
  void everyRankOnEveryHostIsToldTheDisplayInItsOwnArgumentsNotByMpirunsX() throws Exception {
    Layout layout = layout(null, screen("a", "rpi1"), screen("b", "rpi2"));
    List<String> argv = argv(layout, new LocalMachine(false, 4, "rpi1"), ":0");
    assertFalse(argv.contains("-x"), "-x reaches the first MPMD context only (Open MPI 4.1)");
    List<String> plans = valuesAfter(argv, "--plan");
    assertEquals(2, plans.size());
    for (String plan : plans) {
      RankLaunch read = RankLaunch.parse(file -> layout, "--plan", plan);
      assertEquals(Map.of("DISPLAY", ":0"), read.plan().display().variables());
    }
  }

  @Test
  void acrossHostsOnlyTheControllerSshesAndDaemonsUseTcpKeepalive() {
    Layout layout = layout(null, screen("a", "rpi1"), screen("b", "rpi2"));
    String joined = String.join(" ", argv(layout, new LocalMachine(false, 4, "rpi1"), ":0"));
    assertTrue(joined.contains("--mca plm_rsh_no_tree_spawn 1"), joined);
    assertTrue(
        joined.contains(
            "--mca oob_tcp_keepalive_time 5 --mca oob_tcp_keepalive_intvl 2"
                + " --mca oob_tcp_keepalive_probes 3"),
        joined);
    assertFalse(joined.contains("plm_rsh_agent"), "no wall ssh config: Open MPI's own agent");
    String local =
        String.join(
            " ",
            argv(layout(null, screen("a", "localhost")), new LocalMachine(false, 4, "rpi1"), ":0"));
    assertFalse(local.contains("keepalive") || local.contains("tree_spawn"), local);
  }

  @Test
  void theSshAgentIsWallSetupSshsConfigWithKeepalives() {
    Layout layout = layout(null, screen("a", "rpi1"), screen("b", "rpi2"));
    MpiSettings mpi = new MpiSettings(Map.of(), new Ssh(Path.of("/home/pi/.ssh/wall_config")));
    List<String> argv = argv(layout, new LocalMachine(false, 4, "rpi1"), ":0", mpi);
    assertEquals(
        List.of(
            "ssh -F /home/pi/.ssh/wall_config -o ServerAliveInterval=5 -o ServerAliveCountMax=3"),
        valuesAfter(argv, "plm_rsh_agent"));
  }

  @Test
  void anMcaParameterTheTechnicianSetIsRespectedNotOverridden() {
    Layout layout =
        layout(
            new Network("192.168.1.0/24", "eth0", null, null),
            screen("a", "rpi1"),
            screen("b", "rpi2"));
    MpiSettings mpi =
        MpiSettings.of(
            Map.of(
                "OMPI_MCA_orte_rsh_agent",
                "rsh",
                "OMPI_MCA_btl_tcp_if_include",
                "eth1",
                "OMPI_MCA_oob_tcp_keepalive_time",
                "10",
                "PATH",
                "/usr/bin"),
            new Ssh(Path.of("/home/pi/.ssh/wall_config")));
    String joined = String.join(" ", argv(layout, new LocalMachine(false, 4, "rpi1"), ":0", mpi));
    assertFalse(joined.contains("plm_rsh_agent"), joined);
    assertFalse(joined.contains("btl_tcp_if_include"), joined);
    assertFalse(joined.contains("oob_tcp_keepalive_time"), joined);
    assertTrue(joined.contains("--mca oob_tcp_if_include eth0"), joined);
    assertTrue(joined.contains("--mca oob_tcp_keepalive_intvl 2"), joined);
  }

  @Test
  void aHostGivenAsOneOfThisMachinesAddressesIsThisMachine() {
    LocalMachine local =
        new LocalMachine(false, 2, "controller", java.util.Set.of("192.168.1.101", "127.0.0.1"));
    assertTrue(local.isThisMachine("192.168.1.101"));
    assertTrue(local.isThisMachine("controller"));
    assertFalse(local.isThisMachine("192.168.1.102"));
    Layout layout =
        layout(
            null,
            screen("a", "192.168.1.101"),
            screen("b", "192.168.1.101"),
            screen("c", "192.168.1.101"));
    assertTrue(
        argv(layout, local, ":0").contains("--oversubscribe"), "three local ranks on two cores");
  }

  @Test
  void remoteScreensDoNotCountAgainstLocalCores() {
    Layout layout =
        layout(
            null,
            screen("a", "rpi1"),
            screen("b", "rpi2"),
            screen("c", "rpi3"),
            screen("d", "rpi4"));
    List<String> argv = argv(layout, new LocalMachine(false, 1, "controller"), ":0");
    assertFalse(argv.contains("--oversubscribe"));
  }

  @Test
  void aRankOnAnotherNodeRunsThatNodesOwnJavaAndOpenMpiNeverTheControllersPaths() {
    Layout layout = layout(null, screen("a", "pc"), screen("b", "rpi2"));
    ShowPlan plan =
        ShowPlan.resolve(
            Path.of("/srv/wall/lobby.json"),
            layout,
            null,
            null,
            Path.of("/tmp/wall-pi"),
            DisplaySettings.from(Map.of(), ":0"),
            false,
            null);
    List<String> argv =
        MpirunCommand.argv(
            plan,
            new LocalMachine(true, 4, "pc"),
            Path.of("/tmp/wall-pi/hostfile"),
            "/usr/lib/jvm/java-17-openjdk-amd64/bin/java",
            "cp",
            "/cache/ranks-start-here:cp",
            "-XX:A=1",
            MpiSettings.none());
    List<String> local = argv.subList(argv.indexOf("pc:1") + 1, argv.indexOf(":"));
    List<String> remote = argv.subList(argv.indexOf("rpi2:1") + 1, argv.size());
    assertEquals("/usr/lib/jvm/java-17-openjdk-amd64/bin/java", local.get(0));
    assertEquals(
        List.of("/bin/sh", "-c"),
        remote.subList(0, 2),
        "the node's own Java, through NodeJava's script");
    assertEquals(List.of("wall-java", "rank"), remote.subList(3, 5));
    assertFalse(String.join(" ", remote).contains("java-17-openjdk-amd64"), remote.toString());
    assertFalse(String.join(" ", remote).contains("x86_64-linux-gnu"), remote.toString());
    assertEquals(
        "/cache/ranks-start-here:cp",
        remote.get(remote.indexOf("-cp") + 1),
        "the classpath a local rank gets from mpirun, as the class archive was recorded");
    assertTrue(
        remote.containsAll(MpirunCommand.RANK_JVM_OPTIONS) && remote.contains("-XX:A=1"),
        remote.toString());
  }

  @Test
  void rankIRunsOnScreenIsHostEvenWhenHostsAreInterleaved() {
    Layout layout =
        layout(
            null,
            screen("a", "rpi1"),
            screen("b", "rpi2"),
            screen("c", "rpi1"),
            screen("d", "rpi3"));
    List<String> argv = argv(layout, new LocalMachine(false, 4, "controller"), ":0");
    assertEquals(List.of("rpi1:2", "rpi2:1", "rpi1:2", "rpi3:1"), valuesAfter(argv, "--host"));
    assertEquals(List.of("1", "1", "1", "1"), valuesAfter(argv, "-np"));
    assertEquals(3, argv.stream().filter(":"::equals).count(), "one MPMD context per screen");
  }

  @Test
  void everyRankGetsThePlanOnceAndTheSame() throws Exception {
    Layout layout = layout(null, screen("a", "localhost"), screen("b", "localhost"));
    List<String> argv = argv(layout, new LocalMachine(true, 2, "vm"), ":0");
    int first = argv.indexOf("/usr/bin/java");
    int second = argv.lastIndexOf("/usr/bin/java");
    List<String> rankA = argv.subList(first, argv.indexOf(":"));
    List<String> rankB = argv.subList(second, argv.size());
    assertTrue(rankA.containsAll(MpirunCommand.RANK_JVM_OPTIONS));
    assertTrue(rankA.contains("-XX:SharedArchiveFile=/a.jsa"), "local ranks use the class archive");
    assertEquals(
        List.of("-cp", "cp", MpirunCommand.RANK_MAIN, "--plan"),
        rankA.subList(rankA.indexOf("-cp"), rankA.indexOf("--plan") + 1));
    assertEquals(rankA, rankB, "every rank gets the same command line: its screen is its rank");
    assertEquals(rankA.size(), rankA.indexOf("--plan") + 2, "the plan is the rank's only input");
    RankLaunch read =
        RankLaunch.parse(
            file -> {
              throw new AssertionError("read " + file);
            },
            rankA.subList(rankA.indexOf("--plan"), rankA.size()).toArray(String[]::new));
    assertEquals(layout, read.plan().layout(), "the validated layout itself");
    assertEquals(Map.of("DISPLAY", ":0"), read.plan().display().variables());
    assertEquals(Path.of("/tmp/wall-pi"), read.plan().runDir());
  }

  @Test
  void ranksOnEveryNodeAreToldTheClassArchiveWhichTheyUseWhereItExists() {
    Layout layout = layout(null, screen("a", "localhost"), screen("b", "rpi2"));
    List<String> argv = argv(layout, new LocalMachine(false, 4, "controller"), ":0");
    int split = argv.indexOf(":");
    assertTrue(argv.subList(0, split).contains("-XX:SharedArchiveFile=/a.jsa"));
    assertTrue(argv.subList(split, argv.size()).contains("-XX:SharedArchiveFile=/a.jsa"));
  }

  @Test
  void theLayoutsInterfaceChoosesMpisNetwork() {
    Layout layout = layout(new Network("192.168.1.0/24", "eth0", null, null), screen("a", "rpi1"));
    List<String> argv = argv(layout, new LocalMachine(false, 4, "controller"), ":0");
    String joined = String.join(" ", argv);
    assertTrue(
        joined.contains("--mca btl_tcp_if_include eth0 --mca oob_tcp_if_include eth0"), joined);
  }

  private static List<String> valuesAfter(List<String> argv, String option) {
    List<String> values = new ArrayList<>();
    for (int i = 0; i < argv.size() - 1; i++) {
      if (argv.get(i).equals(option)) {
        values.add(argv.get(i + 1));
      }
    }
    return values;
  }
}
