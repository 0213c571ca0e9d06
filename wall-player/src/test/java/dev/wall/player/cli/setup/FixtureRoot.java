package dev.wall.player.cli.setup;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.stream.Stream;

/**
 * A Raspberry Pi OS root for tests, copied from {@code setup/fixtures/RELEASE} on the test
 * classpath. Its {@code .fixture} file adds what git and Maven resources cannot carry: empty
 * folders, symbolic links, modes and owners.
 */
final class FixtureRoot {
  static final List<String> RELEASES = List.of("buster", "bullseye", "bookworm");

  private FixtureRoot() {}

  static Path resource(String path) {
    try {
      return Path.of(FixtureRoot.class.getResource("/setup/" + path).toURI());
    } catch (URISyntaxException | NullPointerException e) {
      throw new IllegalStateException("no test resource setup/" + path, e);
    }
  }

  static Path materialize(String release, Path dest) throws IOException {
    Path source = resource("fixtures/" + release);
    try (Stream<Path> walk = Files.walk(source)) {
      for (Path from : walk.sorted().toList()) {
        Path to = dest.resolve(source.relativize(from).toString());
        if (from.getFileName().toString().equals(".fixture")) {
          continue;
        }
        if (Files.isDirectory(from)) {
          Files.createDirectories(to);
          Files.setPosixFilePermissions(to, PosixFilePermissions.fromString("rwxr-xr-x"));
        } else {
          Files.copy(from, to, StandardCopyOption.REPLACE_EXISTING);
          Files.setPosixFilePermissions(to, PosixFilePermissions.fromString("rw-r--r--"));
        }
      }
    }
    for (String line : Files.readAllLines(source.resolve(".fixture"))) {
      apply(dest, line);
    }
    return dest;
  }

  private static void apply(Path root, String line) {
    String[] words = line.split(" ");
    if (line.startsWith("#") || line.isBlank()) {
      return;
    }
    Path path = root.resolve(words[1].substring(1));
    try {
      switch (words[0]) {
        case "dir" -> Files.createDirectories(path);
        case "link" -> {
          Files.createDirectories(path.getParent());
          Files.createSymbolicLink(path, Path.of(words[2]));
        }
        case "mode" ->
            Files.setPosixFilePermissions(path, PosixFilePermissions.fromString(rwx(words[2])));
        case "owner" -> {
          String[] ids = words[2].split(":");
          Files.setAttribute(path, "unix:uid", Integer.parseInt(ids[0]), LinkOption.NOFOLLOW_LINKS);
          Files.setAttribute(path, "unix:gid", Integer.parseInt(ids[1]), LinkOption.NOFOLLOW_LINKS);
        }
        default -> throw new IllegalArgumentException(".fixture: unknown line " + line);
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static String rwx(String octal) {
    StringBuilder out = new StringBuilder();
    for (char digit : octal.toCharArray()) {
      int bits = digit - '0';
      out.append((bits & 4) != 0 ? 'r' : '-')
          .append((bits & 2) != 0 ? 'w' : '-')
          .append((bits & 1) != 0 ? 'x' : '-');
    }
    return out.toString();
  }
}
