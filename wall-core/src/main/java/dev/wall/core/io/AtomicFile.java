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
import java.nio.file.attribute.FileAttribute;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Arrays;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Replaces a file so that a reader sees either the old bytes or the new, never half of each, even
 * across a power cut: a temporary file in the same folder, fsync, rename, fsync of the folder.
 * The new file keeps the old one's mode and owner; a symbolic link is followed, so the link
 * stays and the file it points to is replaced. A failure at any step leaves the old file as it
 * was and no temporary file behind. The one way every file in wall is written.
 */
public final class AtomicFile {

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

  /** Thrown when the file changed on disk after it was read, so an edit would lose that change. */
  public static final class ChangedMeanwhileException extends IOException {
    ChangedMeanwhileException(Path file) {
      super(file + " changed on disk while it was being edited");
    }
  }

  private static final AtomicLong TEMPORARIES = new AtomicLong();
  private static final String TEMPORARY_SUFFIX = ".wall-tmp";
  private static final FileAttribute<?> OWNER_ONLY =
      PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------"));

  private final StepHook hook;
  private final boolean followLinks;

  public AtomicFile() {
    this(NO_HOOK);
  }

  public AtomicFile(StepHook hook) {
    this(hook, true);
  }

  private AtomicFile(StepHook hook, boolean followLinks) {
    this.hook = hook;
    this.followLinks = followLinks;
  }

  /**
   * For the wall's own files (its run folder, its caches): a symbolic link in the file's place is
   * replaced, never followed, so no one can make the wall write where the link points.
   */
  public static AtomicFile replacingLinks() {
    return new AtomicFile(NO_HOOK, false);
  }

  /** Writes {@code content} to {@code target}, creating it (mode rw-r--r--) or replacing it whole. */
  public void write(Path target, byte[] content) throws IOException {
    write(target, null, content, FileAttrs.DEFAULT);
  }

  /** Writes {@code content}; a new file gets {@code forNewFile}, an existing one keeps its own. */
  public void write(Path target, byte[] content, FileAttrs forNewFile) throws IOException {
    write(target, null, content, forNewFile);
  }

  /** Replaces {@code target} with {@code content}, but only if it still holds {@code expected}. */
  public void replace(Path target, byte[] expected, byte[] content) throws IOException {
    write(target, expected, content, FileAttrs.DEFAULT);
  }

  private void write(Path target, byte[] expected, byte[] content, FileAttrs forNewFile) throws IOException {
    Path file = followLinks ? realTarget(target) : inItsFolder(target);
    Path folder = file.getParent();
    boolean replacesFile = Files.exists(file, java.nio.file.LinkOption.NOFOLLOW_LINKS) && !Files.isSymbolicLink(file);
    FileAttrs attrs = replacesFile ? FileAttrs.of(file) : forNewFile;
    Path temporary = createTemporary(folder, file.getFileName().toString());
    boolean renamed = false;
    try {
      try (FileChannel channel = FileChannel.open(temporary, StandardOpenOption.WRITE)) {
        ByteBuffer buffer = ByteBuffer.wrap(content);
        while (buffer.hasRemaining()) {
          channel.write(buffer);
        }
        hook.after(Step.WRITTEN, target);
        attrs.applyTo(temporary);
        channel.force(true);
      }
      hook.after(Step.SYNCED, target);
      if (expected != null && !Arrays.equals(Files.readAllBytes(file), expected)) {
        throw new ChangedMeanwhileException(target);
      }
      move(temporary, file);
      renamed = true;
      syncFolder(folder);
      hook.after(Step.RENAMED, target);
    } finally {
      if (!renamed) {
        Files.deleteIfExists(temporary);
      }
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

  /** The target as it is named, in its folder's real place; the name itself is not resolved. */
  private static Path inItsFolder(Path target) throws IOException {
    Path absolute = target.toAbsolutePath();
    Path parent = absolute.getParent();
    if (parent == null || !Files.isDirectory(parent)) {
      throw new NoSuchFileException(String.valueOf(parent), null, "folder does not exist");
    }
    return parent.toRealPath().resolve(absolute.getFileName());
  }

  /**
   * Deletes what interrupted writes left in {@code folder}: the temporary files of processes that
   * are no longer running (a power cut, a SIGKILL between write and rename). Returns how many.
   */
  public static int cleanLeftovers(Path folder) {
    int cleaned = 0;
    if (!Files.isDirectory(folder, java.nio.file.LinkOption.NOFOLLOW_LINKS)) {
      return 0;
    }
    try (java.util.stream.Stream<Path> files = Files.list(folder)) {
      for (Path file : files.toList()) {
        String name = file.getFileName().toString();
        if (!name.startsWith(".") || !name.endsWith(TEMPORARY_SUFFIX)) {
          continue;
        }
        String[] parts = name.substring(0, name.length() - TEMPORARY_SUFFIX.length()).split("\\.");
        long pid;
        try {
          pid = Long.parseLong(parts[parts.length - 2]);
        } catch (RuntimeException e) {
          continue;
        }
        boolean writerAlive = ProcessHandle.of(pid).map(ProcessHandle::isAlive).orElse(false);
        if (!writerAlive && Files.deleteIfExists(file)) {
          cleaned++;
        }
      }
    } catch (IOException e) {
      // A folder we cannot list has nothing we could clean.
    }
    return cleaned;
  }

  private static void move(Path temporary, Path file) throws IOException {
    try {
      Files.move(temporary, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
    } catch (AtomicMoveNotSupportedException e) {
      throw new IOException("the file system of " + file.getParent() + " cannot rename atomically", e);
    }
  }

  /** Makes a rename in {@code folder} durable. */
  public static void syncFolder(Path folder) {
    try (FileChannel channel = FileChannel.open(folder, StandardOpenOption.READ)) {
      channel.force(true);
    } catch (IOException notSupported) {
      // Some file systems (FAT boot partitions among them) refuse to sync a folder; the rename stands.
    }
  }

  /**
   * A new, empty file only we can read, named after {@code name}, this process and a counter.
   * Not {@link Files#createTempFile}: its random names cost a cold JVM about 30 ms setting up
   * SecureRandom, on the path of {@code wall play}; exclusive creation is what makes a name safe.
   */
  private static Path createTemporary(Path folder, String name) throws IOException {
    long pid = ProcessHandle.current().pid();
    while (true) {
      Path temporary = folder.resolve("." + name + "." + pid + "." + TEMPORARIES.incrementAndGet() + TEMPORARY_SUFFIX);
      try {
        Files.createFile(temporary, OWNER_ONLY);
        return temporary;
      } catch (java.nio.file.FileAlreadyExistsException e) {
        // Left by a process that had our pid before; the next number may be free.
      }
    }
  }
}
