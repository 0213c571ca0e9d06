package dev.wall.core.setup;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Set;

/**
 * Writes a file so that a crash at any moment leaves the old content or the new, never a mix: a
 * temporary file in the same folder, fsynced, renamed over the target, then the folder fsynced.
 * The temporary file gets the target's mode and owner before the rename.
 */
public final class AtomicWriter {

  /** The moments between the steps, where tests inject a failure. */
  public enum Step {
    WRITTEN,
    SYNCED,
    RENAMED
  }

  /** Called after each step; a test's hook throws to simulate a crash there. */
  @FunctionalInterface
  public interface StepHook {
    void after(Step step, Path target) throws IOException;
  }

  public static final StepHook NO_HOOK = (step, target) -> {};

  private final StepHook hook;

  public AtomicWriter() {
    this(NO_HOOK);
  }

  public AtomicWriter(StepHook hook) {
    this.hook = hook;
  }

  /** Replaces {@code target} keeping its mode and owner, or creates it with {@code attrs}. */
  public void write(Path target, byte[] content, FileAttrs attrs) throws IOException {
    Path dir = target.toAbsolutePath().getParent();
    FileAttrs keep = Files.exists(target, LinkOption.NOFOLLOW_LINKS) ? FileAttrs.of(target) : attrs;
    Path temp = Files.createTempFile(dir, "." + target.getFileName() + ".", ".wall-tmp");
    boolean renamed = false;
    try {
      try (FileChannel channel = FileChannel.open(temp, StandardOpenOption.WRITE)) {
        ByteBuffer buffer = ByteBuffer.wrap(content);
        while (buffer.hasRemaining()) {
          channel.write(buffer);
        }
        hook.after(Step.WRITTEN, target);
        keep.applyTo(temp);
        channel.force(true);
      }
      hook.after(Step.SYNCED, target);
      move(temp, target);
      renamed = true;
      syncFolder(dir);
      hook.after(Step.RENAMED, target);
    } finally {
      if (!renamed) {
        Files.deleteIfExists(temp);
      }
    }
  }

  private static void move(Path temp, Path target) throws IOException {
    try {
      Files.move(temp, target, StandardCopyOption.ATOMIC_MOVE);
    } catch (AtomicMoveNotSupportedException e) {
      throw new IOException("cannot rename atomically over " + target, e);
    }
  }

  /** Makes the rename itself durable. */
  public static void syncFolder(Path dir) throws IOException {
    try (FileChannel channel = FileChannel.open(dir, StandardOpenOption.READ)) {
      channel.force(true);
    } catch (IOException e) {
      // Some filesystems (FAT boot partitions among them) refuse to sync a folder; the rename stands.
    }
  }

  /** Mode and owner of a file. A negative uid or gid means "leave as created". */
  public record FileAttrs(Set<PosixFilePermission> mode, int uid, int gid) {

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
}
