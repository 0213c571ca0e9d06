package dev.wall.player.cli.layout;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.wall.player.testing.Cli;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class HostfileCommandTest {
  @TempDir Path dir;

  private Path layout() throws Exception {
    return Files.writeString(
        dir.resolve("mixed.json"),
        """
        {"version": 1, "mediaRoot": "/m", "screens": [
          {"name": "a", "host": "rpi2", "media": "a.mp4"},
          {"name": "b", "host": "rpi1", "media": "b.mp4"},
          {"name": "c", "host": "rpi1", "output": 1, "media": "c.mp4"}
        ]}
        """);
  }

  @Test
  void printsBothFilesWithoutOut() throws Exception {
    Path layout = layout();
    Cli result = Cli.run("hostfile", layout);
    assertEquals(0, result.code(), result.err());
    List<String> lines = result.out().lines().filter(l -> !l.startsWith("#")).toList();
    assertEquals(
        List.of(
            "rpi2 slots=1",
            "rpi1 slots=2",
            "",
            "rank 0=rpi2 slot=0",
            "rank 1=rpi1 slot=0",
            "rank 2=rpi1 slot=1"),
        lines);
  }

  @Test
  void writesTheHostfileAndTheRankfileBesideIt() throws Exception {
    Path layout = layout();
    Path hosts = dir.resolve("wall.hosts");
    Cli result = Cli.run("hostfile", layout, "--out", hosts);
    Path ranks = dir.resolve("wall.rankfile");
    assertEquals(
        "wrote "
            + hosts
            + " and "
            + ranks
            + "\nrun: mpirun --hostfile "
            + hosts
            + " --rankfile "
            + ranks
            + " -np 3 ...\n",
        result.out());
    assertEquals(
        List.of("rank 0=rpi2 slot=0", "rank 1=rpi1 slot=0", "rank 2=rpi1 slot=1"),
        Files.readAllLines(ranks).stream().filter(l -> !l.startsWith("#")).toList());
    assertEquals(
        List.of("rpi2 slots=1", "rpi1 slots=2"),
        Files.readAllLines(hosts).stream().filter(l -> !l.startsWith("#")).toList());
  }

  @Test
  void dryRunWritesNothing() throws Exception {
    Path layout = layout();
    Cli result = Cli.run("hostfile", layout, "--out", dir.resolve("h"), "--dry-run");
    assertEquals(0, result.code());
    assertEquals(
        List.of("mixed.json"), Files.list(dir).map(p -> p.getFileName().toString()).toList());
  }

  @Test
  void anInvalidLayoutWritesNothing() throws Exception {
    Path layout = Files.writeString(dir.resolve("bad.json"), "{\"version\": 1}");
    Cli result = Cli.run("hostfile", layout, "--out", dir.resolve("h"));
    assertEquals(2, result.code());
    assertEquals(
        List.of(
            layout
                + ": mediaRoot: is missing; add the folder that holds the clips on"
                + " every node, like \"mediaRoot\": \"/srv/wall/media\"",
            layout
                + ": screens: is missing; add the list of screens, like \"screens\": [{\"name\":"
                + " \"left\", \"host\": \"rpi1\", \"media\": \"left.mp4\"}]"),
        result.errLines());
    assertEquals(
        List.of("bad.json"), Files.list(dir).map(p -> p.getFileName().toString()).toList());
  }

  @Test
  void aMissingFolderIsARuntimeFailure() throws Exception {
    Cli result = Cli.run("hostfile", layout(), "--out", dir.resolve("no/such/wall.hosts"));
    assertEquals(1, result.code());
    assertEquals(
        "wall: cannot write "
            + dir.resolve("no/such/wall.hosts")
            + " and "
            + dir.resolve("no/such/wall.rankfile")
            + " ("
            + dir.resolve("no/such")
            + ": folder does not exist)\n",
        result.err());
  }
}
