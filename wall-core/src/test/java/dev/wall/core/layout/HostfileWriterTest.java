package dev.wall.core.layout;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class HostfileWriterTest {
  /** Screens not grouped by host, and rpi1 drives two of them. */
  private static final String LAYOUT =
      """
      {"version": 1, "name": "mixed", "mediaRoot": "/m", "screens": [
        {"name": "a", "host": "rpi2", "media": "a.mp4"},
        {"name": "b", "host": "rpi1", "output": 0, "media": "b.mp4"},
        {"name": "c", "host": "rpi3", "media": "c.mp4"},
        {"name": "d", "host": "rpi1", "output": 1, "media": "d.mp4"}
      ]}
      """;

  private final HostfileWriter writer;

  HostfileWriterTest() throws InvalidLayoutException {
    writer = new HostfileWriter(new LayoutReader().read("mixed.json", LAYOUT), "mixed.json");
  }

  @Test
  void hostfileListsEachHostOnceWithASlotPerScreen() {
    assertEquals(
        List.of("rpi2 slots=1", "rpi1 slots=2", "rpi3 slots=1"),
        withoutComments(writer.hostfile()));
  }

  @Test
  void rankfilePinsEveryRankToItsScreensHost() {
    assertEquals(
        List.of(
            "rank 0=rpi2 slot=0", "rank 1=rpi1 slot=0", "rank 2=rpi3 slot=0", "rank 3=rpi1 slot=1"),
        withoutComments(writer.rankfile()));
  }

  @Test
  void headerSaysWhereTheFilesCameFrom() {
    assertEquals(
        "# Open MPI rankfile for the wall \"mixed\", written by `wall hostfile` from mixed.json",
        writer.rankfile().lines().findFirst().orElseThrow());
  }

  @Test
  void mpirunArgsUseBothFilesAndOneRankPerScreen() {
    assertEquals(
        List.of("--hostfile", "h", "--rankfile", "r", "-np", "4"),
        writer.mpirunArgs(Path.of("h"), Path.of("r")));
  }

  @Test
  void writesBothFiles(@TempDir Path dir) throws Exception {
    writer.write(dir.resolve("wall.hosts"), dir.resolve("wall.rankfile"));
    assertEquals(writer.hostfile(), Files.readString(dir.resolve("wall.hosts")));
    assertEquals(writer.rankfile(), Files.readString(dir.resolve("wall.rankfile")));
  }

  private static List<String> withoutComments(String text) {
    return text.lines().filter(line -> !line.startsWith("#")).toList();
  }
}
