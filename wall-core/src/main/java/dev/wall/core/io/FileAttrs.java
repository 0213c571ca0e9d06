package dev.wall.core.io;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFileAttributeView;
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

  /**
   * Sets the mode, and the owner where it differs (only root may give a file away). A link in the
   * file's place is never followed: its owner is set, and setting its mode fails.
   */
  public void applyTo(Path file) throws IOException {
    Files.getFileAttributeView(file, PosixFileAttributeView.class, LinkOption.NOFOLLOW_LINKS)
        .setPermissions(mode);
    if (uid >= 0 && gid >= 0 && !ownerIs(file)) {
      Files.setAttribute(file, "unix:uid", uid, LinkOption.NOFOLLOW_LINKS);
      Files.setAttribute(file, "unix:gid", gid, LinkOption.NOFOLLOW_LINKS);
    }
  }

  private boolean ownerIs(Path file) throws IOException {
    return (Integer) Files.getAttribute(file, "unix:uid", LinkOption.NOFOLLOW_LINKS) == uid
        && (Integer) Files.getAttribute(file, "unix:gid", LinkOption.NOFOLLOW_LINKS) == gid;
  }
}
