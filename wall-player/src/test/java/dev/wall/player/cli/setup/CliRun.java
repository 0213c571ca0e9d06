package dev.wall.player.cli.setup;

import dev.wall.player.cli.WallCli;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/** The whole CLI run in-process on a fixture root, with {@code <root>} in and out of the text. */
record CliRun(int exitCode, String out, String err) {

  static CliRun of(Path root, String args, String... more) {
    List<String> argv = new ArrayList<>();
    for (String word : args.trim().split("\\s+")) {
      argv.add(word.replace("<root>", root.toString()));
    }
    argv.addAll(List.of(more));
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    int code = WallCli.run(new PrintWriter(out, true), new PrintWriter(err, true), argv.toArray(String[]::new));
    return new CliRun(code, out.toString().replace(root.toString(), "<root>"), err.toString().replace(root.toString(), "<root>"));
  }

  List<String> resultLines() {
    return out.lines().filter(l -> l.matches("[a-z-]+: .*") && !l.startsWith("dry run")).toList();
  }
}
