package dev.wall.core.io;

import java.io.IOException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFileAttributes;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Map;
import java.util.Set;

/**
 * The folder where a wall keeps what it writes while it plays (hostfile, mpirun's log, the status
 * file, each screen's socket and logs, the PID files a sweep reads): one that no other user can
 * have made for us, or reach into. {@code $RUNTIME_DIRECTORY} under a systemd unit with {@code
 * RuntimeDirectory=} (the autostart unit's {@code /run/wall}), else {@code $XDG_RUNTIME_DIR/wall}
 * when the session has one, {@code /run/wall} for root, else {@code TMP/wall-USER}. Whichever it
 * is, it is ours alone: created with mode 0700; an existing one must be a real folder (not a link)
 * that we own, in folders no other user can rename it out of (owned by root or us, not open to
 * others' writes unless sticky, like /tmp), or the wall refuses to start and says how to fix it.
 * Inside it, the wall writes only with {@link AtomicFile#replacingLinks} or {@link RotatingFile},
 * which never follow a link.
 */
public final class RunFolder {
  private static final String OWNER_ONLY = "rwx------";

  /** What systemd sets to the folders of {@code RuntimeDirectory=}. */
  static final String SYSTEMD_RUNTIME = "RUNTIME_DIRECTORY";

  private RunFolder() {}

  /** The folder is not ours, or cannot be made ours; the message says which and what to do. */
  public static final class RefusedException extends IOException {
    RefusedException(String message) {
      super(message);
    }
  }

  /** The default run folder for this process. */
  public static Path defaultPath() {
    return defaultPath(
        System.getenv(),
        isRoot(),
        System.getProperty("user.name"),
        Path.of(System.getProperty("java.io.tmpdir")));
  }

  static Path defaultPath(Map<String, String> env, boolean root, String user, Path tmp) {
    // systemd lists the unit's runtime folders, colon-separated; the unit has one.
    String unit = env.getOrDefault(SYSTEMD_RUNTIME, "").split(":", -1)[0];
    if (isFolder(unit)) {
      return Path.of(unit);
    }
    String runtime = env.get("XDG_RUNTIME_DIR");
    if (isFolder(runtime)) {
      return Path.of(runtime, "wall");
    }
    if (root) {
      return Path.of("/run/wall");
    }
    return tmp.resolve("wall-" + user);
  }

  private static boolean isFolder(String path) {
    return path != null
        && !path.isEmpty()
        && Path.of(path).isAbsolute()
        && Files.isDirectory(Path.of(path));
  }

  /**
   * Makes {@code dir} ready: created (mode 0700) if missing, checked if not, and closed to others
   * (mode 0700) if it was ours but open; what interrupted writes left in it and its subfolders is
   * removed. Returns it.
   *
   * @throws RefusedException when it is a link, not a folder, another user's, or lies where another
   *     user could swap it
   */
  public static Path prepare(Path dir) throws IOException {
    Path folder = dir.toAbsolutePath().normalize();
    if (!Files.exists(folder, LinkOption.NOFOLLOW_LINKS)) {
      Path parent = folder.getParent();
      if (parent != null) {
        Files.createDirectories(parent);
      }
      try {
        Files.createDirectory(
            folder,
            PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString(OWNER_ONLY)));
      } catch (FileAlreadyExistsException raced) {
        // Made meanwhile, by a rank of ours beside us or by someone else: checked below.
      }
    }
    checkOwned(folder);
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

  /**
   * Checks, without changing anything, that {@code dir} is a run folder of ours whose contents only
   * we (and root) can have written, before trusting what it holds (PID files to sweep by, a status
   * file to show): everything {@link #prepare} checks, and mode 0700. Returns it, absolute.
   *
   * @throws NoSuchFileException when there is no such folder
   * @throws RefusedException when it is not one we can trust, saying why and what to do
   */
  public static Path check(Path dir) throws IOException {
    Path folder = dir.toAbsolutePath().normalize();
    if (!Files.exists(folder, LinkOption.NOFOLLOW_LINKS)) {
      throw new NoSuchFileException(folder.toString());
    }
    checkOwned(folder);
    Set<PosixFilePermission> mode =
        Files.getPosixFilePermissions(folder, LinkOption.NOFOLLOW_LINKS);
    if (!PosixFilePermissions.toString(mode).substring(3).equals("------")) {
      throw new RefusedException(
          "run folder "
              + folder
              + " is open to other users (mode "
              + PosixFilePermissions.toString(mode)
              + "), so what it holds may not be the wall's: check what is in it,"
              + " then make it yours alone (chmod 700 "
              + folder
              + ") or remove it");
    }
    return folder;
  }

  private static void checkOwned(Path folder) throws IOException {
    if (Files.isSymbolicLink(folder)) {
      throw new RefusedException(
          "run folder "
              + folder
              + " is a symbolic link; wall writes only in a folder of its"
              + " own: remove the link, or give another folder with --run-dir");
    }
    if (!Files.isDirectory(folder, LinkOption.NOFOLLOW_LINKS)) {
      throw new RefusedException(
          "run folder " + folder + " is not a folder; remove it, or give another with --run-dir");
    }
    int me = ownUid();
    int owner = uid(folder);
    if (owner != me) {
      throw new RefusedException(
          "run folder "
              + folder
              + " belongs to "
              + who(folder, owner)
              + ", not to you ("
              + System.getProperty("user.name")
              + ", uid "
              + me
              + "): someone else made it first, so the wall will not"
              + " use it; remove it (sudo rm -r "
              + folder
              + ") and find out who made it, or give another folder with"
              + " --run-dir");
    }
    checkWhereItLies(folder, me);
  }

  /**
   * Whoever may rename entries in a folder above ours could swap ours for theirs: each folder above
   * must be root's or ours, and closed to others' writes unless sticky (as /tmp is); a link on the
   * way must be root's or ours.
   */
  private static void checkWhereItLies(Path folder, int me) throws IOException {
    for (Path step = folder.getParent(); step != null; step = step.getParent()) {
      if (Files.isSymbolicLink(step) && !trusted(uid(step), me)) {
        throw new RefusedException(
            "run folder "
                + folder
                + " lies behind the symbolic link "
                + step
                + " of "
                + who(step, uid(step))
                + ", who could point it elsewhere; give the folder by its real path, or another"
                + " one, with --run-dir");
      }
    }
    Path real = folder.toRealPath();
    for (Path above = real.getParent(); above != null; above = above.getParent()) {
      Set<PosixFilePermission> mode =
          Files.readAttributes(above, PosixFileAttributes.class, LinkOption.NOFOLLOW_LINKS)
              .permissions();
      int owner = uid(above);
      boolean othersWrite =
          mode.contains(PosixFilePermission.GROUP_WRITE)
              || mode.contains(PosixFilePermission.OTHERS_WRITE);
      if (!trusted(owner, me) || othersWrite && !sticky(above)) {
        throw new RefusedException(
            "run folder "
                + folder
                + " lies in "
                + above
                + ", which "
                + (trusted(owner, me)
                    ? "other users can write to (mode " + PosixFilePermissions.toString(mode) + ")"
                    : "belongs to " + who(above, owner))
                + ", so they could swap the run folder; give one in a folder only root or you can change, with --run-dir");
      }
    }
  }

  private static boolean trusted(int owner, int me) {
    return owner == 0 || owner == me;
  }

  private static boolean sticky(Path folder) throws IOException {
    return ((Integer) Files.getAttribute(folder, "unix:mode", LinkOption.NOFOLLOW_LINKS) & 01000)
        != 0;
  }

  private static int uid(Path path) throws IOException {
    return (Integer) Files.getAttribute(path, "unix:uid", LinkOption.NOFOLLOW_LINKS);
  }

  /** {@code user NAME (uid N)}, or {@code user id N} when the uid has no name here. */
  private static String who(Path path, int uid) {
    try {
      String name = Files.getOwner(path, LinkOption.NOFOLLOW_LINKS).getName();
      if (!name.equals(String.valueOf(uid))) {
        return "user " + name + " (uid " + uid + ")";
      }
    } catch (IOException | UnsupportedOperationException e) {
      // Named by number below.
    }
    return "user id " + uid;
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
