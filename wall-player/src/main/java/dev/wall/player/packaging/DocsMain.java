package dev.wall.player.packaging;

import dev.wall.player.cli.WallCli;
import dev.wall.player.versions.InstalledVersion;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.zip.GZIPOutputStream;
import picocli.AutoComplete;
import picocli.CommandLine;

/**
 * Writes what the package installs beside the program: {@code DIR/man1/*.1.gz} and {@code
 * DIR/bash-completion/wall}, both from the CLI's picocli model. Run by the package build.
 */
public final class DocsMain {
  private DocsMain() {}

  public static void main(String[] args) throws IOException {
    if (args.length != 1) {
      throw new IllegalArgumentException("usage: DocsMain OUTPUT_DIR");
    }
    write(Path.of(args[0]));
  }

  static void write(Path dir) throws IOException {
    CommandLine cli =
        WallCli.commandLine(
            new PrintWriter(new StringWriter()), new PrintWriter(new StringWriter()));
    Path man = Files.createDirectories(dir.resolve("man1"));
    for (Map.Entry<String, String> page :
        ManPages.of(cli, InstalledVersion.build().release()).entrySet()) {
      try (var gz =
          new GZIPOutputStream(Files.newOutputStream(man.resolve(page.getKey() + ".gz")))) {
        gz.write(page.getValue().getBytes(StandardCharsets.UTF_8));
      }
    }
    Path completion = Files.createDirectories(dir.resolve("bash-completion"));
    Files.writeString(completion.resolve("wall"), AutoComplete.bash("wall", cli));
  }
}
