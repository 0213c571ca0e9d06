package dev.wall.core.io;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.channels.SeekableByteChannel;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.SecureDirectoryStream;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.BasicFileAttributeView;
import java.nio.file.attribute.BasicFileAttributes;
import java.nio.file.attribute.FileAttribute;
import java.nio.file.attribute.PosixFileAttributeView;
import java.nio.file.attribute.PosixFileAttributes;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.nio.file.attribute.UserPrincipalLookupService;
import java.util.Arrays;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Replaces a file so that a reader sees either the old bytes or the new, never half of each, even
 * across a power cut: a temporary file in the same folder, fsync, rename, fsync of the folder. The
 * new file keeps the old one's mode and owner; a symbolic link is followed, so the link stays and
 * the file it points to is replaced. A failure at any step leaves the old file as it was and no
 * temporary file behind. The one way every file in wall is written.
 *
 * <p>{@link #below} writes into a tree that another user controls, such as their home when setup
 * runs as root: every folder from the top down is opened without following links, checked, and
 * written in through that open folder, so no link anywhere on the way is followed, not even one put
 * there while the file is written.
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

  /**
   * A path below {@link #below}'s top that wall will not write through: a link, something that is
   * not a folder or regular file, or a folder someone other than its owner or root could change.
   * The message names it and says how to fix it.
   */
  public static final class UnsafePathException extends IOException {
    UnsafePathException(String message) {
      super(message);
    }
  }

  private final StepHook hook;
  private final boolean followLinks;

  /** With {@link #below}: the top of the tree, and the user id that owns it; else null and -1. */
  private final Path top;

  private final int topOwner;

  public AtomicFile() {
    this(NO_HOOK);
  }

  public AtomicFile(StepHook hook) {
    this(hook, true, null, -1);
  }

  private AtomicFile(StepHook hook, boolean followLinks, Path top, int topOwner) {
    this.hook = hook;
    this.followLinks = followLinks;
    this.top = top;
    this.topOwner = topOwner;
  }

  /**
   * For the wall's own files (its run folder, its caches): a symbolic link in the file's place is
   * replaced, never followed, so no one can make the wall write where the link points.
   */
  public static AtomicFile replacingLinks() {
    return new AtomicFile(NO_HOOK, false, null, -1);
  }

  /**
   * For files below {@code top} in a tree that user {@code owner} controls (their home, written by
   * root): {@code top} and each folder below it on the way to a file must be a real folder that
   * belongs to {@code owner}, root or this process's user, and that no one else may write to; each
   * is opened without following links, and the file is read, written (a temporary file, fsync,
   * rename) and deleted through the folder so opened. A link in a file's place is replaced by a
   * write, never followed; {@link #read} refuses it. {@code top} itself is named by its owner's
   * account (root's business), so a link in its own path is followed.
   */
  public static AtomicFile below(Path top, int owner) {
    return below(top, owner, NO_HOOK);
  }

  static AtomicFile below(Path top, int owner, StepHook hook) {
    return new AtomicFile(hook, false, top.toAbsolutePath().normalize(), owner);
  }

  /**
   * The bytes of {@code target}, or empty when it is not there. Without {@link #below}, as {@link
   * Files#readAllBytes} reads them, and empty for anything but a regular file; with it, a link or
   * anything but a regular file in its place is refused ({@link UnsafePathException}), and a folder
   * missing on the way means no file.
   */
  public Optional<byte[]> read(Path target) throws IOException {
    if (top == null) {
      return Files.isRegularFile(target)
          ? Optional.of(Files.readAllBytes(target))
          : Optional.empty();
    }
    Path file = inTree(target);
    try (SecureDirectoryStream<Path> folder = openFolderOf(file)) {
      return read(folder, file);
    } catch (NoSuchFileException e) {
      return Optional.empty();
    }
  }

  private static Optional<byte[]> read(SecureDirectoryStream<Path> folder, Path file)
      throws IOException {
    Path name = file.getFileName();
    if (regularFile(folder, name, file).isEmpty()) {
      return Optional.empty();
    }
    try (SeekableByteChannel channel =
        folder.newByteChannel(name, Set.of(StandardOpenOption.READ, LinkOption.NOFOLLOW_LINKS))) {
      ByteArrayOutputStream bytes = new ByteArrayOutputStream();
      ByteBuffer buffer = ByteBuffer.allocate(8192);
      while (channel.read(buffer.clear()) > 0) {
        bytes.write(buffer.array(), 0, buffer.position());
      }
      return Optional.of(bytes.toByteArray());
    } catch (NoSuchFileException e) {
      return Optional.empty();
    }
  }

  /**
   * The mode and owner of {@code target}, or empty when it is not there; as {@link #read} checks
   * it.
   */
  public Optional<FileAttrs> attributes(Path target) throws IOException {
    if (top == null) {
      return Files.exists(target) ? Optional.of(FileAttrs.of(target)) : Optional.empty();
    }
    Path file = inTree(target);
    try (SecureDirectoryStream<Path> folder = openFolderOf(file)) {
      return regularFile(folder, file.getFileName(), file);
    } catch (NoSuchFileException e) {
      return Optional.empty();
    }
  }

  /**
   * Deletes {@code target} (a link itself, never what it points to); false when it was not there.
   */
  public boolean delete(Path target) throws IOException {
    if (top == null) {
      return Files.deleteIfExists(target);
    }
    Path file = inTree(target);
    try (SecureDirectoryStream<Path> folder = openFolderOf(file)) {
      folder.deleteFile(file.getFileName());
    } catch (NoSuchFileException e) {
      return false;
    }
    syncFolder(file.getParent());
    return true;
  }

  /**
   * Writes {@code content} to {@code target}, creating it (mode rw-r--r--) or replacing it whole.
   */
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

  private void write(Path target, byte[] expected, byte[] content, FileAttrs forNewFile)
      throws IOException {
    if (top != null) {
      writeBelow(target, expected, content, forNewFile);
      return;
    }
    Path file = followLinks ? realTarget(target) : inItsFolder(target);
    Path folder = file.getParent();
    boolean replacesFile =
        Files.exists(file, java.nio.file.LinkOption.NOFOLLOW_LINKS) && !Files.isSymbolicLink(file);
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

  private void writeBelow(Path target, byte[] expected, byte[] content, FileAttrs forNewFile)
      throws IOException {
    Path file = inTree(target);
    Path name = file.getFileName();
    try (SecureDirectoryStream<Path> folder = openFolderOf(file)) {
      Optional<FileAttrs> existing =
          isLink(folder, name) ? Optional.empty() : regularFile(folder, name, file);
      FileAttrs attrs = existing.orElse(forNewFile);
      Path temporary =
          Path.of(
              "."
                  + name
                  + "."
                  + ProcessHandle.current().pid()
                  + "."
                  + TEMPORARIES.incrementAndGet()
                  + TEMPORARY_SUFFIX);
      boolean renamed = false;
      try {
        try (SeekableByteChannel channel =
            folder.newByteChannel(
                temporary,
                Set.of(
                    StandardOpenOption.CREATE_NEW,
                    StandardOpenOption.WRITE,
                    LinkOption.NOFOLLOW_LINKS),
                OWNER_ONLY)) {
          ByteBuffer buffer = ByteBuffer.wrap(content);
          while (buffer.hasRemaining()) {
            channel.write(buffer);
          }
          hook.after(Step.WRITTEN, target);
          applyTo(folder, temporary, attrs);
          if (channel instanceof FileChannel fileChannel) {
            fileChannel.force(true);
          }
        }
        hook.after(Step.SYNCED, target);
        if (expected != null && !Arrays.equals(read(folder, file).orElse(null), expected)) {
          throw new ChangedMeanwhileException(target);
        }
        folder.move(temporary, folder, name);
        renamed = true;
        try (SeekableByteChannel self =
            folder.newByteChannel(Path.of("."), Set.of(StandardOpenOption.READ))) {
          if (self instanceof FileChannel fileChannel) {
            fileChannel.force(true);
          }
        } catch (IOException notSupported) {
          // As in syncFolder: the rename stands.
        }
        hook.after(Step.RENAMED, target);
      } finally {
        if (!renamed) {
          try {
            folder.deleteFile(temporary);
          } catch (NoSuchFileException gone) {
            // Never made.
          }
        }
      }
    }
  }

  /**
   * {@code target}, if it lies below the top: absolute, from the top's real path (the top is named
   * by its owner's account, and checked by path only through its real one).
   */
  private Path inTree(Path target) throws IOException {
    Path file = target.toAbsolutePath().normalize();
    if (!file.startsWith(top) || file.equals(top)) {
      throw new IllegalArgumentException(file + " is not below " + top);
    }
    return top.toRealPath().resolve(top.relativize(file));
  }

  /**
   * The folder {@code file} is in, opened from the top down without following a link, each folder
   * checked as {@link #below} says.
   *
   * @throws NoSuchFileException when a folder on the way is missing
   */
  private SecureDirectoryStream<Path> openFolderOf(Path file) throws IOException {
    Path real = top.toRealPath();
    DirectoryStream<Path> opened = Files.newDirectoryStream(real);
    if (!(opened instanceof SecureDirectoryStream<Path> folder)) {
      opened.close();
      throw new IOException(
          "this system cannot open a folder without following links; wall does not write in "
              + top
              + " as another user's");
    }
    try {
      checkFolder(folder, real);
      Path shown = real;
      for (Path name : real.relativize(file.getParent())) {
        shown = shown.resolve(name);
        PosixFileAttributes attributes = posix(folder, name).readAttributes();
        if (attributes.isSymbolicLink()) {
          throw link(shown);
        }
        if (!attributes.isDirectory()) {
          throw new UnsafePathException(shown + ": not a folder; remove it, then run again");
        }
        SecureDirectoryStream<Path> next =
            folder.newDirectoryStream(name, LinkOption.NOFOLLOW_LINKS);
        folder.close();
        folder = next;
        checkFolder(folder, shown);
      }
      return folder;
    } catch (IOException | RuntimeException e) {
      folder.close();
      throw e;
    }
  }

  /** An opened folder must be its owner's, root's or ours, and closed to everyone else's writes. */
  private void checkFolder(SecureDirectoryStream<Path> folder, Path shown) throws IOException {
    PosixFileAttributes held =
        folder.getFileAttributeView(PosixFileAttributeView.class).readAttributes();
    int uid = uidOf(held, shown);
    int me = (Integer) Files.getAttribute(Path.of("/proc/self"), "unix:uid");
    if (uid != topOwner && uid != 0 && uid != me) {
      throw new UnsafePathException(
          shown
              + ": belongs to user id "
              + uid
              + ", not to user id "
              + topOwner
              + " who owns "
              + top
              + ", nor to root, so its owner could swap what wall writes there; give it to "
              + topOwner
              + " (sudo chown "
              + topOwner
              + " "
              + shown
              + ") or remove it, then run again");
    }
    Set<PosixFilePermission> mode = held.permissions();
    if (mode.contains(PosixFilePermission.GROUP_WRITE)
        || mode.contains(PosixFilePermission.OTHERS_WRITE)) {
      throw new UnsafePathException(
          shown
              + ": other users can write to it (mode "
              + PosixFilePermissions.toString(mode)
              + "), so they could swap what wall writes there; close it (chmod go-w "
              + shown
              + "), then run again");
    }
  }

  /**
   * The user id of what {@code held} describes. Java gives an open folder's or file's owner only by
   * name, so it is read by path and trusted only when the path still leads to the same file.
   */
  private static int uidOf(BasicFileAttributes held, Path shown) throws IOException {
    Map<String, Object> seen =
        Files.readAttributes(shown, "unix:uid,fileKey", LinkOption.NOFOLLOW_LINKS);
    if (held.fileKey() == null || !held.fileKey().equals(seen.get("fileKey"))) {
      throw new UnsafePathException(shown + ": changed while wall was checking it; run again");
    }
    return (Integer) seen.get("uid");
  }

  /**
   * The mode and owner of the regular file {@code name}, or empty when there is none; a link is
   * refused.
   */
  private static Optional<FileAttrs> regularFile(
      SecureDirectoryStream<Path> folder, Path name, Path shown) throws IOException {
    PosixFileAttributes attributes;
    try {
      attributes = posix(folder, name).readAttributes();
    } catch (NoSuchFileException e) {
      return Optional.empty();
    }
    if (attributes.isSymbolicLink()) {
      throw link(shown);
    }
    if (!attributes.isRegularFile()) {
      throw new UnsafePathException(shown + ": not a regular file; remove it, then run again");
    }
    Map<String, Object> seen =
        Files.readAttributes(shown, "unix:uid,gid,fileKey", LinkOption.NOFOLLOW_LINKS);
    if (!attributes.fileKey().equals(seen.get("fileKey"))) {
      throw new UnsafePathException(shown + ": changed while wall was checking it; run again");
    }
    return Optional.of(
        new FileAttrs(
            attributes.permissions(), (Integer) seen.get("uid"), (Integer) seen.get("gid")));
  }

  private static boolean isLink(SecureDirectoryStream<Path> folder, Path name) throws IOException {
    try {
      return folder
          .getFileAttributeView(name, BasicFileAttributeView.class, LinkOption.NOFOLLOW_LINKS)
          .readAttributes()
          .isSymbolicLink();
    } catch (NoSuchFileException e) {
      return false;
    }
  }

  private static PosixFileAttributeView posix(SecureDirectoryStream<Path> folder, Path name) {
    return folder.getFileAttributeView(
        name, PosixFileAttributeView.class, LinkOption.NOFOLLOW_LINKS);
  }

  private static UnsafePathException link(Path shown) {
    String to;
    try {
      to = " (to " + Files.readSymbolicLink(shown) + ")";
    } catch (IOException | UnsupportedOperationException e) {
      to = "";
    }
    return new UnsafePathException(
        shown
            + ": a symbolic link"
            + to
            + " where another user controls the folder, and"
            + " wall follows no link there; put the file itself in its place, or remove the link, then run again");
  }

  /** {@link FileAttrs#applyTo}, through an open folder. */
  private static void applyTo(SecureDirectoryStream<Path> folder, Path name, FileAttrs attrs)
      throws IOException {
    PosixFileAttributeView view = posix(folder, name);
    view.setPermissions(attrs.mode());
    if (attrs.uid() >= 0 && attrs.gid() >= 0) {
      UserPrincipalLookupService users =
          Path.of("/").getFileSystem().getUserPrincipalLookupService();
      // A number that is not a name on this machine is taken as the id itself.
      view.setOwner(users.lookupPrincipalByName(String.valueOf(attrs.uid())));
      view.setGroup(users.lookupPrincipalByGroupName(String.valueOf(attrs.gid())));
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
      Files.move(
          temporary, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
    } catch (AtomicMoveNotSupportedException e) {
      throw new IOException(
          "the file system of " + file.getParent() + " cannot rename atomically", e);
    }
  }

  /** Makes a rename in {@code folder} durable. */
  public static void syncFolder(Path folder) {
    try (FileChannel channel = FileChannel.open(folder, StandardOpenOption.READ)) {
      channel.force(true);
    } catch (IOException notSupported) {
      // Some file systems (FAT boot partitions among them) refuse to sync a folder; the rename
      // stands.
    }
  }

  /**
   * A new, empty file only we can read, named after {@code name}, this process and a counter. Not
   * {@link Files#createTempFile}: its random names cost a cold JVM about 30 ms setting up
   * SecureRandom, on the path of {@code wall play}; exclusive creation is what makes a name safe.
   */
  private static Path createTemporary(Path folder, String name) throws IOException {
    long pid = ProcessHandle.current().pid();
    while (true) {
      Path temporary =
          folder.resolve(
              "." + name + "." + pid + "." + TEMPORARIES.incrementAndGet() + TEMPORARY_SUFFIX);
      try {
        Files.createFile(temporary, OWNER_ONLY);
        return temporary;
      } catch (java.nio.file.FileAlreadyExistsException e) {
        // Left by a process that had our pid before; the next number may be free.
      }
    }
  }
}
