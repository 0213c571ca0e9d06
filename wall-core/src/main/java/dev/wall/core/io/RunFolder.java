package dev.wall.core.io;

import java.io.IOException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Map;

/**
 * The folder where a wall keeps what it writes while it plays (hostfile, mpirun's log, the status
 * file, each screen's socket and logs): one that no other user can have made for us, or reach
 * into. {@code $XDG_RUNTIME_DIR/wall} when the session has one, {@code /run/wall} for root, else
 * {@code TMP/wall-USER}. Whichever it is, it is ours alone: created with mode 0700, and an
 * existing one must be a real folder (not a link) that we own, or the wall refuses to start.
 * Inside it, the wall writes only with {@link AtomicFile#replacingLinks} or {@link RotatingFile},
 * which never follow a link.
 */
public final class RunFolder {
  private static final String OWNER_ONLY = "rwx------";

  private RunFolder() {}

  /** The folder is not ours, or cannot be made ours; the message says which and what to do. */
  public static final class RefusedException extends IOException {
    RefusedException(String message) {
      super(message);
    }
  }

  /** The default run folder for this process. */
  public static Path defaultPath() {
    return defaultPath(System.getenv(), isRoot(), System.getProperty("user.name"),
        Path.of(System.getProperty("java.io.tmpdir")));
  }

  static Path defaultPath(Map<String, String> env, boolean root, String user, Path tmp) {
    String runtime = env.get("XDG_RUNTIME_DIR");
    if (runtime != null && !runtime.isEmpty() && Path.of(runtime).isAbsolute() && Files.isDirectory(Path.of(runtime))) {
      return Path.of(runtime, "wall");
    }
    if (root) {
      return Path.of("/run/wall");
    }
    return tmp.resolve("wall-" + user);
  }

  /**
   * Makes {@code dir} ready: created (mode 0700) if missing, checked if not; what interrupted
   * writes left in it and its subfolders is removed. Returns it.
   *
   * @throws RefusedException when it is a link, not a folder, or another user's
   */
  public static Path prepare(Path dir) throws IOException {
    Path folder = dir.toAbsolutePath().normalize();
    if (!Files.exists(folder, LinkOption.NOFOLLOW_LINKS)) {
      Path parent = folder.getParent();
      if (parent != null) {
        Files.createDirectories(parent);
      }
      try {
        Files.createDirectory(folder, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString(OWNER_ONLY)));
      } catch (FileAlreadyExistsException raced) {
        // Made meanwhile, by a rank of ours beside us or by someone else: checked below.
      }
    }
    check(folder);
    Files.setPosixFilePermissions(folder, PosixFilePermissions.fromString(OWNER_ONLY));
    AtomicFile.cleanLeftovers(folder);
    try (var entries = Files.list(folder)) {
      for (Path entry : entries.toList()) {
        if (Files.isDirectory(entry, LinkOption.NOFOLLOW_LINKS)) {
          AtomicFile.cleanLeftovers(entry);
        }
      }
    }
    return folder;
  }

  private static void check(Path folder) throws IOException {
    if (Files.isSymbolicLink(folder)) {
      throw new RefusedException("run folder " + folder + " is a symbolic link; wall writes only in a folder of its"
          + " own: remove the link, or give another folder with --run-dir");
    }
    if (!Files.isDirectory(folder, LinkOption.NOFOLLOW_LINKS)) {
      throw new RefusedException("run folder " + folder + " is not a folder; remove it, or give another with --run-dir");
    }
    int owner = (Integer) Files.getAttribute(folder, "unix:uid", LinkOption.NOFOLLOW_LINKS);
    int me = ownUid();
    if (owner != me) {
      throw new RefusedException("run folder " + folder + " belongs to user id " + owner + ", not to you (" + me
          + "): someone else made it first; remove it, or give another folder with --run-dir");
    }
  }

  /** This process's user id, as the kernel says. */
  public static int ownUid() throws IOException {
    return (Integer) Files.getAttribute(Path.of("/proc/self"), "unix:uid");
  }

  private static boolean isRoot() {
    try {
      return ownUid() == 0;
    } catch (IOException | RuntimeException e) {
      return "root".equals(System.getProperty("user.name"));
    }
  }
}
