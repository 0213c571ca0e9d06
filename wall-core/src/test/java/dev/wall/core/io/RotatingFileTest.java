package dev.wall.core.io;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class RotatingFileTest {
  @TempDir Path dir;

  @Test
  void aFullFileIsRotatedAndOnlyTheNewestGenerationsAreKept() throws Exception {
    Path log = dir.resolve("wall.log");
    try (RotatingFile file = RotatingFile.open(log, 100, 2)) {
      for (int i = 0; i < 100; i++) {
        file.appendLine(String.format("line %03d of a log that would grow without end", i));
      }
    }
    long total = 0;
    for (Path p : List.of(log, dir.resolve("wall.log.1"), dir.resolve("wall.log.2"))) {
      assertTrue(Files.size(p) <= 100 + 50, p + " is " + Files.size(p) + " bytes");
      total += Files.size(p);
    }
    assertFalse(Files.exists(dir.resolve("wall.log.3")), "two generations kept, no more");
    assertTrue(total < 450);
    assertEquals(
        "line 099 of a log that would grow without end",
        Files.readAllLines(log).get(Files.readAllLines(log).size() - 1));
    assertEquals(
        List.of(
            "line 096 of a log that would grow without end",
            "line 097 of a log that would grow without end"),
        Files.readAllLines(dir.resolve("wall.log.1")));
  }

  @Test
  void aLineTornByAPowerCutIsCutOffAtTheNextStart() throws Exception {
    Path report = dir.resolve("report.jsonl");
    Files.writeString(report, "{\"loop\":1}\n{\"loop\":2}\n{\"lo", StandardCharsets.UTF_8);
    try (RotatingFile file = RotatingFile.open(report, 1 << 20, 3)) {
      file.appendLine("{\"loop\":1}");
    }
    assertEquals(
        List.of("{\"loop\":1}", "{\"loop\":2}", "{\"loop\":1}"), Files.readAllLines(report));
  }

  @Test
  void aSymbolicLinkInItsPlaceIsReplacedNotFollowed() throws Exception {
    Path victim = dir.resolve("victim");
    Files.writeString(victim, "precious\n");
    Path log = dir.resolve("mpirun.log");
    Files.createSymbolicLink(log, victim);
    try (RotatingFile file = RotatingFile.open(log, 1 << 20, 1)) {
      file.appendLine("hello");
    }
    assertEquals("precious\n", Files.readString(victim));
    assertFalse(Files.isSymbolicLink(log));
    assertEquals("hello\n", Files.readString(log));
  }

  @Test
  void theLastLinesAreReadFromTheEndOnly() throws Exception {
    Path log = dir.resolve("big.log");
    StringBuilder text = new StringBuilder();
    for (int i = 0; i < 10_000; i++) {
      text.append("line ").append(i).append('\n');
    }
    Files.writeString(log, text);
    assertEquals(
        List.of("line 9997", "line 9998", "line 9999"), RotatingFile.lastLines(log, 3, 64));
    assertEquals(List.of("line 9999"), RotatingFile.lastLines(log, 1, 12));
  }
}
