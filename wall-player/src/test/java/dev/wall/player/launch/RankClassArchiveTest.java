package dev.wall.player.launch;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class RankClassArchiveTest {
  @TempDir Path cache;

  @Test
  void onlyTheNewestArchivesAreKeptAndNothingElseIsTouched() throws Exception {
    for (int i = 0; i < 5; i++) {
      Path archive = Files.writeString(cache.resolve("rank-00" + i + "abc.jsa"), "x");
      Files.setLastModifiedTime(archive, FileTime.fromMillis(1_000_000L * (i + 1)));
    }
    Files.writeString(cache.resolve("record.log"), "log");
    Files.createDirectory(cache.resolve("ranks-start-here"));

    RankClassArchive.pruneOlderArchives(cache, 3);

    try (Stream<Path> left = Files.list(cache)) {
      assertEquals(
          List.of(
              "rank-002abc.jsa",
              "rank-003abc.jsa",
              "rank-004abc.jsa",
              "ranks-start-here",
              "record.log"),
          left.map(p -> p.getFileName().toString()).sorted().toList());
    }
  }
}
