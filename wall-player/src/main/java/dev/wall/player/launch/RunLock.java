package dev.wall.player.launch;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

/**
 * One wall at a time per run folder: a second {@code wall play} with the same run folder would
 * sweep the first one's ranks and players as leftovers. The lock is the kernel's, so it goes with
 * the process however that ends.
 */
final class RunLock implements AutoCloseable {
  private final FileChannel channel;
  private final FileLock lock;

  private RunLock(FileChannel channel, FileLock lock) {
    this.channel = channel;
    this.lock = lock;
  }

  /** Takes the run folder's lock, or refuses naming the wall that holds it. */
  static RunLock take(Path runDir) throws IOException {
    Files.createDirectories(runDir);
    Path file = runDir.resolve("controller.lock");
    FileChannel channel =
        FileChannel.open(
            file, StandardOpenOption.CREATE, StandardOpenOption.READ, StandardOpenOption.WRITE);
    FileLock lock;
    try {
      lock = channel.tryLock();
    } catch (OverlappingFileLockException e) {
      lock = null;
    }
    if (lock == null) {
      String holder = Files.readString(file, StandardCharsets.UTF_8).strip();
      channel.close();
      throw new LaunchRefused(
          "another wall play"
              + (holder.isEmpty() ? "" : " (pid " + holder + ")")
              + " is running with the run folder "
              + runDir
              + "; stop it first, or give this one another --run-dir");
    }
    channel.truncate(0);
    channel.write(
        java.nio.ByteBuffer.wrap(
            String.valueOf(ProcessHandle.current().pid()).getBytes(StandardCharsets.UTF_8)));
    return new RunLock(channel, lock);
  }

  @Override
  public void close() throws IOException {
    lock.release();
    channel.close();
  }
}
