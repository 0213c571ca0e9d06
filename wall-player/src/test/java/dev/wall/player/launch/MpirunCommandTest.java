package dev.wall.player.launch;

import dev.wall.core.layout.Layout;
import dev.wall.core.layout.LayoutWire;
import dev.wall.core.layout.Network;
import dev.wall.core.layout.Rect;
import dev.wall.core.layout.Screen;
import dev.wall.player.wire.RankLaunch;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class MpirunCommandTest {
  private static final RankLaunch LAUNCH =
      new RankLaunch(Path.of("/srv/wall/lobby.json"), 3, null, Path.of("/tmp/wall-pi"), null);

  private static Screen screen(String name, String host) {
    return new Screen(name, host, null, 0, new Rect(0, 0, 640, 360), null, name + ".mp4", null, null);
  }

  private static Layout layout(Network network, Screen... screens) {
    return Layout.of(1, null, 3, null, "/srv/wall/media", network, null, null, null, null, List.of(screens));
  }

  private static List<String> argv(Layout layout, LocalMachine local, String display) {
    return MpirunCommand.argv(layout, local, Path.of("/tmp/wall-pi/hostfile"), display, "/usr/bin/java", "cp", LAUNCH, "-XX:SharedArchiveFile=/a.jsa");
  }

  @Test
  void asRootOnTwoCoresWithFourLocalScreens() {
    Layout layout = layout(null, screen("a", "localhost"), screen("b", "localhost"),
        screen("c", "localhost"), screen("d", "localhost"));
    List<String> argv = argv(layout, new LocalMachine(true, 2, "vm"), ":5");
    List<String> head = argv.subList(0, argv.indexOf("-np"));
    assertEquals(List.of("mpirun", "--mca", "rtc_hwloc_vmhole", "none", "--mca", "pml", "ob1", "--mca", "btl",
        "self,vader,tcp", "--allow-run-as-root", "--oversubscribe", "--mca", "mpi_yield_when_idle", "1",
        "--bind-to", "none", "--hostfile", "/tmp/wall-pi/hostfile", "-x", "DISPLAY"), head);
  }

  @Test
  void asAUserWithAsManyCoresAsScreensNeitherRootNorOversubscribe() {
    Layout layout = layout(null, screen("a", "localhost"), screen("b", "localhost"));
    List<String> argv = argv(layout, new LocalMachine(false, 4, "vm"), null);
    assertFalse(argv.contains("--allow-run-as-root"));
    assertFalse(argv.contains("--oversubscribe"));
    assertFalse(argv.contains("mpi_yield_when_idle"));
    assertFalse(argv.contains("-x"), "no DISPLAY to export");
  }

  @Test
  void remoteScreensDoNotCountAgainstLocalCores() {
    Layout layout = layout(null, screen("a", "rpi1"), screen("b", "rpi2"), screen("c", "rpi3"), screen("d", "rpi4"));
    List<String> argv = argv(layout, new LocalMachine(false, 1, "controller"), ":0");
    assertFalse(argv.contains("--oversubscribe"));
  }

  @Test
  void rankIRunsOnScreenIsHostEvenWhenHostsAreInterleaved() {
    Layout layout = layout(null, screen("a", "rpi1"), screen("b", "rpi2"), screen("c", "rpi1"), screen("d", "rpi3"));
    List<String> argv = argv(layout, new LocalMachine(false, 4, "controller"), ":0");
    assertEquals(List.of("rpi1:2", "rpi2:1", "rpi1:2", "rpi3:1"), valuesAfter(argv, "--host"));
    assertEquals(List.of("1", "1", "1", "1"), valuesAfter(argv, "-np"));
    assertEquals(3, argv.stream().filter(":"::equals).count(), "one MPMD context per screen");
  }

  @Test
  void everyRankGetsTheLaunchArgumentsAndItsOwnScreensEarlyPlayer() {
    Layout layout = layout(null, screen("a", "localhost"), screen("b", "localhost"));
    List<String> argv = argv(layout, new LocalMachine(true, 2, "vm"), ":0");
    int first = argv.indexOf("/usr/bin/java");
    int second = argv.lastIndexOf("/usr/bin/java");
    List<String> rankA = argv.subList(first, argv.indexOf(":"));
    List<String> rankB = argv.subList(second, argv.size());
    assertTrue(rankA.containsAll(MpirunCommand.RANK_JVM_OPTIONS));
    assertTrue(rankA.contains("-XX:SharedArchiveFile=/a.jsa"), "local ranks use the class archive");
    List<String> common = List.of("-cp", "cp", MpirunCommand.RANK_MAIN, "--layout", "/srv/wall/lobby.json", "--loops",
        "3", "--run-dir", "/tmp/wall-pi", "--layout-data");
    assertEquals(common, rankA.subList(rankA.indexOf("-cp"), rankA.indexOf("--layout-data") + 1));
    assertEquals(common, rankB.subList(rankB.indexOf("-cp"), rankB.indexOf("--layout-data") + 1));
    assertEquals(layout, LayoutWire.decode(rankA.get(rankA.indexOf("--layout-data") + 1)), "the validated layout itself");
    assertEquals(List.of("--early-player", "AUTO"), rankA.subList(rankA.indexOf("--early-player"), rankA.indexOf("AUTO") + 1));
    assertEquals("/tmp/wall-pi/screens/a.log", rankA.get(rankA.indexOf("AUTO") + 1));
    assertTrue(rankA.contains("--title=wall:a") && rankA.contains("/srv/wall/media/a.mp4"), rankA.toString());
    assertTrue(rankB.contains("--title=wall:b") && rankB.contains("/srv/wall/media/b.mp4"), rankB.toString());
    RankLaunch read = RankLaunch.parse(rankB.subList(rankB.indexOf("--layout"), rankB.size()).toArray(String[]::new));
    assertEquals("mpv", read.earlyPlayer().argv().get(0));
    assertEquals(rankB.get(rankB.size() - 1), read.earlyPlayer().argv().get(read.earlyPlayer().argv().size() - 1));
  }

  @Test
  void onlyRanksOnThisMachineUseItsClassArchive() {
    Layout layout = layout(null, screen("a", "localhost"), screen("b", "rpi2"));
    List<String> argv = argv(layout, new LocalMachine(false, 4, "controller"), ":0");
    int split = argv.indexOf(":");
    assertTrue(argv.subList(0, split).contains("-XX:SharedArchiveFile=/a.jsa"));
    assertFalse(argv.subList(split, argv.size()).contains("-XX:SharedArchiveFile=/a.jsa"));
  }

  @Test
  void theLayoutsInterfaceChoosesMpisNetwork() {
    Layout layout = layout(new Network("192.168.1.0/24", "eth0", null, null), screen("a", "rpi1"));
    List<String> argv = argv(layout, new LocalMachine(false, 4, "controller"), ":0");
    String joined = String.join(" ", argv);
    assertTrue(joined.contains("--mca btl_tcp_if_include eth0 --mca oob_tcp_if_include eth0"), joined);
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
