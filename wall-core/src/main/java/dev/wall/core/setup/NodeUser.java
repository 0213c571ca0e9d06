package dev.wall.core.setup;

import dev.wall.core.io.AtomicFile;
import dev.wall.core.io.FileAttrs;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/** The account that runs the wall on a node (usually {@code pi}), from the tree's /etc/passwd. */
public record NodeUser(String name, int uid, int gid, String home) {

  public static NodeUser lookup(SystemTree tree, String name) throws SetupRefusal {
    Path passwd = tree.resolve("/etc/passwd");
    try {
      if (Files.isRegularFile(passwd)) {
        for (String line : Text.lines(Text.decode(Files.readAllBytes(passwd)))) {
          String[] fields = Text.strip(line).split(":", -1);
          if (fields.length >= 7 && fields[0].equals(name)) {
            return new NodeUser(
                name, Integer.parseInt(fields[2]), Integer.parseInt(fields[3]), fields[5]);
          }
        }
      }
    } catch (IOException | NumberFormatException e) {
      throw new SetupRefusal(
          tree.show("/etc/passwd") + ": cannot read it (" + e.getMessage() + ")");
    }
    throw new SetupRefusal(
        tree.show("/etc/passwd")
            + ": no user \""
            + name
            + "\"; pass --user with the account that runs the wall");
  }

  /** A node path in this user's home. */
  public String inHome(String relative) {
    return home.replaceFirst("/+$", "") + "/" + relative;
  }

  public FileAttrs owns(String mode) {
    return FileAttrs.mode(mode).ownedBy(uid, gid);
  }

  /**
   * Reads and writes files in this user's home in {@code tree} as {@link AtomicFile#below} does:
   * setup runs as root, and follows no link the user put there.
   */
  public AtomicFile homeFiles(SystemTree tree) {
    return AtomicFile.below(tree.resolve(home), uid);
  }
}
