package dev.wall.core.io;

import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/**
 * A file that is appended to for months and never fills the disk: past {@code limitBytes} it is
 * renamed to {@code NAME.1} (the older ones to {@code NAME.2} and so on, the oldest dropped) and a
 * new one is started. Every log of the wall, and the {@code --report} lines, are kept this way.
 *
 * <p>Each append is one write of whole lines, so a reader never sees half of one while the wall
 * runs. A power cut can still tear the last line (the file grew, its bytes never reached the disk);
 * the next start cuts such a line off ({@link #open}), so what follows starts on a line of its own.
 * A symbolic link in its place is not followed: it is replaced.
 */
public final class RotatingFile implements AutoCloseable {
  private final Path file;
  private final long limitBytes;
  private final int generations;
  private FileChannel channel;
  private long size;

  private RotatingFile(Path file, long limitBytes, int generations) {
    this.file = file;
    this.limitBytes = limitBytes;
    this.generations = generations;
  }

  /**
   * Opens {@code file} for appending, cutting off a last line that a power cut left unfinished.
   *
   * @param limitBytes the size past which the file is rotated
   * @param generations how many rotated files are kept beside it
   */
  public static RotatingFile open(Path file, long limitBytes, int generations) throws IOException {
    RotatingFile rotating = new RotatingFile(file, limitBytes, Math.max(0, generations));
    rotating.openChannel();
    return rotating;
  }

  public Path file() {
    return file;
  }

  /** Appends {@code line} and a newline, rotating first when the file is full. */
  public void appendLine(String line) throws IOException {
    byte[] bytes = (line + "\n").getBytes(StandardCharsets.UTF_8);
    append(bytes, 0, bytes.length);
  }

  /** Appends bytes as they come (a child's output), rotating first when the file is full. */
  public synchronized void append(byte[] bytes, int offset, int length) throws IOException {
    if (channel == null) {
      throw new IOException(file + " is closed");
    }
    if (size > 0 && size + length > limitBytes) {
      rotate();
    }
    ByteBuffer buffer = ByteBuffer.wrap(bytes, offset, length);
    while (buffer.hasRemaining()) {
      size += channel.write(buffer);
    }
  }

  /** Forces what was appended to the disk: for a record that must survive a power cut. */
  public synchronized void sync() throws IOException {
    if (channel != null) {
      channel.force(false);
    }
  }

  public synchronized long size() {
    return size;
  }

  private void rotate() throws IOException {
    channel.close();
    channel = null;
    if (generations == 0) {
      Files.deleteIfExists(file);
    } else {
      Files.deleteIfExists(generation(generations));
      for (int i = generations - 1; i >= 1; i--) {
        Path older = generation(i);
        if (Files.exists(older, LinkOption.NOFOLLOW_LINKS)) {
          Files.move(older, generation(i + 1), StandardCopyOption.REPLACE_EXISTING);
        }
      }
      Files.move(file, generation(1), StandardCopyOption.REPLACE_EXISTING);
    }
    AtomicFile.syncFolder(file.toAbsolutePath().getParent());
    openChannel();
  }

  /** {@code NAME.n}, the n-th older file. */
  public Path generation(int n) {
    return file.resolveSibling(file.getFileName() + "." + n);
  }

  private void openChannel() throws IOException {
    if (Files.isSymbolicLink(file)) {
      Files.delete(file);
    }
    channel =
        FileChannel.open(
            file,
            StandardOpenOption.CREATE,
            StandardOpenOption.READ,
            StandardOpenOption.WRITE,
            LinkOption.NOFOLLOW_LINKS);
    size = cutTornLine(channel);
    channel.position(size);
  }

  /** The length up to and with the last newline; anything after it was torn, and is cut off. */
  private static long cutTornLine(FileChannel channel) throws IOException {
    long length = channel.size();
    if (length == 0) {
      return 0;
    }
    long end = length;
    long scanned = 0;
    byte[] chunk = new byte[8192];
    while (end > 0) {
      int n = (int) Math.min(chunk.length, end);
      ByteBuffer buffer = ByteBuffer.wrap(chunk, 0, n);
      channel.read(buffer, end - n);
      for (int i = n - 1; i >= 0; i--) {
        if (chunk[i] == '\n') {
          long keep = end - n + i + 1;
          if (keep < length) {
            channel.truncate(keep);
          }
          return keep;
        }
      }
      end -= n;
      scanned += n;
      if (scanned > 1 << 20) {
        break; // a megabyte without a newline is not a file of lines: keep it as it is
      }
    }
    return length;
  }

  @Override
  public synchronized void close() throws IOException {
    if (channel != null) {
      channel.close();
      channel = null;
    }
  }

  /**
   * The last {@code count} lines of {@code file}, reading at most its last {@code maxBytes}: a
   * message about a crash shows the end of a log without reading all of it into memory.
   */
  public static List<String> lastLines(Path file, int count, int maxBytes) throws IOException {
    if (!Files.exists(file)) {
      throw new NoSuchFileException(file.toString());
    }
    try (RandomAccessFile in = new RandomAccessFile(file.toFile(), "r")) {
      long length = in.length();
      int read = (int) Math.min(length, maxBytes);
      byte[] bytes = new byte[read];
      in.seek(length - read);
      in.readFully(bytes);
      String text = new String(bytes, StandardCharsets.UTF_8);
      List<String> lines = new ArrayList<>(List.of(text.split("\n", -1)));
      if (!lines.isEmpty() && lines.get(lines.size() - 1).isEmpty()) {
        lines.remove(lines.size() - 1);
      }
      if (read < length && !lines.isEmpty()) {
        lines.remove(0); // begins mid-line
      }
      return Collections.unmodifiableList(
          lines.subList(Math.max(0, lines.size() - count), lines.size()));
    }
  }
}
