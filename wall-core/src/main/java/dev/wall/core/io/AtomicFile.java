package dev.wall.core.io;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFileAttributeView;
import java.nio.file.attribute.PosixFileAttributes;
import java.util.Arrays;

/**
 * Replaces a file so that a reader sees either the old bytes or the new, never half of each, even
 * across a power cut: a temporary file in the same folder, fsync, rename, fsync of the folder.
 * A failure at any step leaves the old file as it was and no temporary file behind.
 */
public final class AtomicFile {
  /** A step between writing the temporary file and renaming it; tests inject failures here. */
  @FunctionalInterface
  interface BeforeRename {
    void run(Path temporary) throws IOException;
  }

  /** Thrown when the file changed on disk after it was read, so an edit would lose that change. */
  public static final class ChangedMeanwhileException extends IOException {
    ChangedMeanwhileException(Path file) {
      super(file + " changed on disk while it was being edited");
    }
  }

  private final BeforeRename beforeRename;

  public AtomicFile() {
    this(temporary -> {});
  }

  AtomicFile(BeforeRename beforeRename) {
    this.beforeRename = beforeRename;
  }

  /** Writes {@code content} to {@code target}, creating it or replacing it whole. */
  public void write(Path target, byte[] content) throws IOException {
    replace(target, null, content);
  }

  /**
   * Replaces {@code target} with {@code content}, but only if it still holds {@code expected}
   * (null: whatever it holds). A symbolic link is followed: the file it points to is replaced.
   */
  public void replace(Path target, byte[] expected, byte[] content) throws IOException {
    Path file = realTarget(target);
    Path folder = file.getParent();
    Path temporary = Files.createTempFile(folder, "." + file.getFileName() + ".", ".tmp");
    try {
      writeAndSync(temporary, content);
      keepOwnerAndMode(file, temporary);
      beforeRename.run(temporary);
      if (expected != null && !Arrays.equals(Files.readAllBytes(file), expected)) {
        throw new ChangedMeanwhileException(target);
      }
      move(temporary, file);
      syncFolder(folder);
    } finally {
      Files.deleteIfExists(temporary);
    }
  }

  private static Path realTarget(Path target) throws IOException {
    if (Files.exists(target)) {
      return target.toRealPath();
    }
    Path absolute = target.toAbsolutePath();
    Path parent = absolute.getParent();
    if (parent == null || !Files.isDirectory(parent)) {
      throw new NoSuchFileException(String.valueOf(parent), null, "folder does not exist");
    }
    return parent.toRealPath().resolve(absolute.getFileName());
  }

  private static void writeAndSync(Path temporary, byte[] content) throws IOException {
    try (FileChannel channel =
        FileChannel.open(temporary, StandardOpenOption.WRITE, StandardOpenOption.TRUNCATE_EXISTING)) {
      ByteBuffer buffer = ByteBuffer.wrap(content);
      while (buffer.hasRemaining()) {
        channel.write(buffer);
      }
      channel.force(true);
    }
  }

  /** The new file keeps the old one's mode, and its owner where we may set it (as root). */
  private static void keepOwnerAndMode(Path file, Path temporary) throws IOException {
    PosixFileAttributeView view =
        Files.getFileAttributeView(temporary, PosixFileAttributeView.class);
    if (view == null) {
      return;
    }
    if (!Files.exists(file)) {
      view.setPermissions(java.nio.file.attribute.PosixFilePermissions.fromString("rw-r--r--"));
      return;
    }
    PosixFileAttributes old = Files.readAttributes(file, PosixFileAttributes.class);
    view.setPermissions(old.permissions());
    try {
      view.setGroup(old.group());
      view.setOwner(old.owner());
    } catch (IOException notAllowed) {
      // Only root may give a file away; anyone else edits their own files anyway.
    }
  }

  private static void move(Path temporary, Path file) throws IOException {
    try {
      Files.move(temporary, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
    } catch (AtomicMoveNotSupportedException e) {
      throw new IOException("the file system of " + file.getParent() + " cannot rename atomically");
    }
  }

  private static void syncFolder(Path folder) {
    try (FileChannel channel = FileChannel.open(folder, StandardOpenOption.READ)) {
      channel.force(true);
    } catch (IOException notSupported) {
      // Some file systems refuse to sync a folder; the rename itself is already atomic.
    }
  }
}
