package dev.wall.player.cli.setup;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;

/**
 * Everything about a tree that setup may change, one line per entry: kind, mode, owner, and the
 * file's SHA-256 or the link's target. Generated keys are random, so only their presence counts.
 */
record TreeSnapshot(Map<String, String> entries, Map<String, byte[]> contents) {

  static TreeSnapshot of(Path root) throws IOException {
    Map<String, String> entries = new TreeMap<>();
    Map<String, byte[]> contents = new TreeMap<>();
    try (Stream<Path> walk = Files.walk(root)) {
      for (Path p : walk.sorted().toList()) {
        if (p.equals(root)) {
          continue;
        }
        String path = "/" + root.relativize(p);
        String owner =
            Files.getAttribute(p, "unix:uid", LinkOption.NOFOLLOW_LINKS)
                + ":"
                + Files.getAttribute(p, "unix:gid", LinkOption.NOFOLLOW_LINKS);
        if (Files.isSymbolicLink(p)) {
          entries.put(path, "link " + owner + " -> " + Files.readSymbolicLink(p));
          continue;
        }
        String mode =
            PosixFilePermissions.toString(
                Files.getPosixFilePermissions(p, LinkOption.NOFOLLOW_LINKS));
        if (Files.isDirectory(p)) {
          entries.put(path, "dir " + mode + " " + owner);
        } else {
          byte[] bytes = Files.readAllBytes(p);
          boolean key = p.getFileName().toString().startsWith("wall_ed25519");
          entries.put(
              path, "file " + mode + " " + owner + " " + (key ? "<generated key>" : sha256(bytes)));
          contents.put(path, bytes);
        }
      }
    }
    return new TreeSnapshot(entries, contents);
  }

  String listing() {
    StringBuilder out = new StringBuilder();
    entries.forEach((path, entry) -> out.append(path).append(' ').append(entry).append('\n'));
    return out.toString();
  }

  private static String sha256(byte[] bytes) {
    try {
      return HexFormat.of()
          .formatHex(MessageDigest.getInstance("SHA-256").digest(bytes))
          .substring(0, 16);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }
}
