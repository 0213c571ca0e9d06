package dev.wall.core.io;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Set;

/** Mode and owner of a file. A negative uid or gid means "leave as created". */
public record FileAttrs(Set<PosixFilePermission> mode, int uid, int gid) {

  /** What a new file gets when nobody says otherwise. */
  public static final FileAttrs DEFAULT = mode("rw-r--r--");

  public static FileAttrs mode(String rwx) {
    return new FileAttrs(PosixFilePermissions.fromString(rwx), -1, -1);
  }

  public FileAttrs ownedBy(int newUid, int newGid) {
    return new FileAttrs(mode, newUid, newGid);
  }

  public static FileAttrs of(Path file) throws IOException {
    Set<PosixFilePermission> mode = Files.getPosixFilePermissions(file);
    int uid = (Integer) Files.getAttribute(file, "unix:uid");
    int gid = (Integer) Files.getAttribute(file, "unix:gid");
    return new FileAttrs(mode, uid, gid);
  }

  /** Sets the mode, and the owner where it differs (only root may give a file away). */
  public void applyTo(Path file) throws IOException {
    Files.setPosixFilePermissions(file, mode);
    if (uid >= 0 && gid >= 0 && !ownerIs(file)) {
      Files.setAttribute(file, "unix:uid", uid);
      Files.setAttribute(file, "unix:gid", gid);
    }
  }

  private boolean ownerIs(Path file) throws IOException {
    return (Integer) Files.getAttribute(file, "unix:uid") == uid
        && (Integer) Files.getAttribute(file, "unix:gid") == gid;
  }
}
