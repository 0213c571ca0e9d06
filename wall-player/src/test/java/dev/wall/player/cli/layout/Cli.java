package dev.wall.player.cli.layout;

import dev.wall.player.cli.WallCli;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

/** Runs the whole wall CLI in-process, as a technician would type it, and keeps what it said. */
record Cli(int code, String out, String err) {
  static Cli run(Object... args) {
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    String[] argv = Stream.of(args).map(String::valueOf).toArray(String[]::new);
    int code = WallCli.run(new PrintWriter(out, true), new PrintWriter(err, true), argv);
    return new Cli(code, out.toString(), err.toString());
  }

  List<String> errLines() {
    return err.lines().toList();
  }

  /** The repository's own files (layouts/, docs/), found from wherever Maven runs the tests. */
  static Path repoRoot() {
    for (Path dir = Path.of("").toAbsolutePath(); dir != null; dir = dir.getParent()) {
      if (Files.isDirectory(dir.resolve("layouts")) && Files.isRegularFile(dir.resolve("pom.xml"))) {
        return dir;
      }
    }
    throw new IllegalStateException("no repository root above " + Path.of("").toAbsolutePath());
  }

  static List<Path> exampleLayouts() {
    try (Stream<Path> files = Files.list(repoRoot().resolve("layouts"))) {
      return files.filter(f -> f.toString().endsWith(".json")).sorted().toList();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
