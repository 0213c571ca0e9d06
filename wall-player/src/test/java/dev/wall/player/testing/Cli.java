package dev.wall.player.testing;

import dev.wall.player.cli.WallCli;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

/**
 * The test suite's one CLI runner: the whole wall CLI run in-process, as a technician would type
 * it, with what it printed and the exit code it returned.
 */
public record Cli(int code, String out, String err) {
  public static Cli run(Object... args) {
    return run(Stream.of(args).map(String::valueOf).toList());
  }

  /**
   * {@code args} split at spaces, with {@code <root>} standing for {@code root} in the command line
   * and put back in place of it in what the CLI says, so golden text does not depend on a temporary
   * folder.
   */
  public static Cli inRoot(Path root, String args, String... more) {
    List<String> argv = new ArrayList<>();
    for (String word : args.trim().split("\\s+")) {
      argv.add(word.replace("<root>", root.toString()));
    }
    argv.addAll(List.of(more));
    Cli said = run(argv);
    return new Cli(
        said.code,
        said.out.replace(root.toString(), "<root>"),
        said.err.replace(root.toString(), "<root>"));
  }

  private static Cli run(List<String> argv) {
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    int code =
        WallCli.run(
            new PrintWriter(out, true), new PrintWriter(err, true), argv.toArray(String[]::new));
    return new Cli(code, out.toString(), err.toString());
  }

  public List<String> errLines() {
    return err.lines().toList();
  }

  /**
   * The lines of a setup command that report a result ({@code module: what}), dry-run headers left
   * out.
   */
  public List<String> resultLines() {
    return out.lines().filter(l -> l.matches("[a-z-]+: .*") && !l.startsWith("dry run")).toList();
  }
}
