package dev.wall.player.testing;

import dev.wall.core.layout.Rect;
import dev.wall.core.testing.Tools;
import dev.wall.player.players.Executables;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * A media share whose server a test can silence mid-show, as a hard NFS mount whose server is gone:
 * a FUSE share (sshfs in passive mode, its SFTP server joined to it by this test instead of over
 * ssh, so it needs no sshd and no key). Reads from it then hang until the server answers again. Two
 * ways to silence it: {@link #hold} holds its traffic back, {@link #stopServer} stops the server
 * process itself (SIGSTOP). {@link #close} lets it go, unmounts it and stops both processes,
 * whatever state the test left it in.
 */
public final class SshfsShare implements AutoCloseable {
  private static final Path SFTP_SERVER = Path.of("/usr/lib/openssh/sftp-server");
  private static final Duration MOUNTED_WITHIN = Duration.ofSeconds(20);

  private final Path mountPoint;
  private final Process server;
  private final Process sshfs;
  private final Valve valve = new Valve();
  private final List<Thread> pumps;
  private boolean stopped;

  private SshfsShare(Path mountPoint, Process server, Process sshfs) {
    this.mountPoint = mountPoint;
    this.server = server;
    this.sshfs = sshfs;
    this.pumps =
        List.of(
            valve.pump(server.getInputStream(), sshfs.getOutputStream()),
            valve.pump(sshfs.getInputStream(), server.getOutputStream()));
  }

  /** Skips the test here (fails it under CI) where sshfs, sftp-server or FUSE is missing. */
  public static void require() {
    Tools.require(
        Executables.installed("sshfs")
            && Files.isExecutable(SFTP_SERVER)
            && Files.exists(Path.of("/dev/fuse")),
        "needs sshfs, openssh's sftp-server and FUSE (/dev/fuse)");
  }

  /**
   * {@code source} mounted at {@code mountPoint} (an empty folder) over SFTP, uncached, once a file
   * of it, {@code seen}, shows there.
   *
   * @param log sshfs's error stream
   */
  public static SshfsShare mount(Path source, Path mountPoint, String seen, Path log)
      throws Exception {
    Process server = new ProcessBuilder(SFTP_SERVER.toString()).start();
    Process sshfs;
    try {
      sshfs =
          new ProcessBuilder(
                  "sshfs",
                  "-f",
                  "-o",
                  "passive,direct_io,cache=no",
                  ":" + source,
                  mountPoint.toString())
              .redirectError(log.toFile())
              .start();
    } catch (IOException e) {
      stop(server);
      throw e;
    }
    SshfsShare share = new SshfsShare(mountPoint, server, sshfs);
    try {
      Poll.until(
          MOUNTED_WITHIN, "the share mounted", () -> Files.isRegularFile(mountPoint.resolve(seen)));
    } catch (Exception | Error e) {
      share.close();
      throw e;
    }
    return share;
  }

  public Path mountPoint() {
    return mountPoint;
  }

  /** From now on the server gets nothing and says nothing: reads from the share hang. */
  public void hold() {
    valve.close();
  }

  /** The server's traffic flows again. */
  public void release() {
    valve.open();
  }

  /**
   * Stops the server process (SIGSTOP): reads from the share hang until {@link #continueServer}.
   */
  public synchronized void stopServer() throws Exception {
    signal("-STOP");
    stopped = true;
  }

  /** Lets the stopped server go on (SIGCONT). */
  public synchronized void continueServer() throws Exception {
    signal("-CONT");
    stopped = false;
  }

  private void signal(String which) throws Exception {
    Process kill =
        new ProcessBuilder("kill", which, String.valueOf(server.pid()))
            .redirectErrorStream(true)
            .start();
    if (!kill.waitFor(10, TimeUnit.SECONDS)) {
      kill.destroyForcibly();
      throw new AssertionError("kill " + which + " " + server.pid() + " did not return");
    }
    if (kill.exitValue() != 0) {
      throw new AssertionError(
          "kill "
              + which
              + " "
              + server.pid()
              + ": "
              + new String(kill.getInputStream().readAllBytes()));
    }
  }

  /**
   * Lets the server go on, unmounts the share (lazily: a reader may still hang in it), stops both.
   */
  @Override
  public synchronized void close() throws Exception {
    if (stopped && server.isAlive()) {
      try {
        continueServer();
      } catch (Exception | AssertionError e) {
        // The server is forced below; a stopped process still takes SIGKILL.
      }
    }
    valve.open();
    Process unmount =
        new ProcessBuilder("fusermount", "-u", "-z", mountPoint.toString())
            .redirectErrorStream(true)
            .redirectOutput(ProcessBuilder.Redirect.DISCARD)
            .start();
    if (!unmount.waitFor(10, TimeUnit.SECONDS)) {
      unmount.destroyForcibly().waitFor(5, TimeUnit.SECONDS);
    }
    stop(sshfs);
    stop(server);
    for (Thread pump : pumps) {
      pump.join(5_000);
    }
  }

  private static void stop(Process process) throws InterruptedException {
    process.destroy();
    if (!process.waitFor(5, TimeUnit.SECONDS)) {
      process.destroyForcibly().waitFor(5, TimeUnit.SECONDS);
    }
  }

  /** Passes bytes between the share's two ends while open; holds them back while closed. */
  private static final class Valve {
    private boolean open = true;

    synchronized void close() {
      open = false;
    }

    synchronized void open() {
      open = true;
      notifyAll();
    }

    private synchronized void awaitOpen() throws InterruptedException {
      while (!open) {
        wait();
      }
    }

    Thread pump(InputStream from, OutputStream to) {
      Thread pump =
          new Thread(
              () -> {
                byte[] buffer = new byte[65_536];
                try (from;
                    to) {
                  for (int n = from.read(buffer); n >= 0; n = from.read(buffer)) {
                    awaitOpen();
                    to.write(buffer, 0, n);
                    to.flush();
                  }
                } catch (IOException | InterruptedException e) {
                  // One end went: the share is being taken down.
                }
              },
              "share-pump");
      pump.setDaemon(true);
      pump.start();
      return pump;
    }
  }

  /**
   * A wall playing from {@code mediaRoot}, each window its screen's {@code NAME.mp4}, with players
   * that read so little ahead that a share that stops answering shows within a second or two.
   *
   * @param loops the layout's loop count, or null for none
   */
  public static String layout(Path mediaRoot, Map<String, Rect> windows, Integer loops) {
    String args =
        "[\"--vo=x11\", \"--cache=no\", \"--demuxer-max-bytes=64KiB\","
            + " \"--demuxer-readahead-secs=1\"]";
    StringBuilder screens = new StringBuilder();
    for (Map.Entry<String, Rect> screen : windows.entrySet()) {
      Rect w = screen.getValue();
      if (screens.length() > 0) {
        screens.append(",");
      }
      screens.append(
          String.format(
              "{\"name\": \"%s\", \"host\": \"localhost\", \"window\": {\"x\": %d, \"y\": %d,"
                  + " \"width\": %d, \"height\": %d}, \"media\": \"%s.mp4\", \"playerArgs\": %s}",
              screen.getKey(), w.x(), w.y(), w.width(), w.height(), screen.getKey(), args));
    }
    return "{\"version\": 1, "
        + (loops == null ? "" : "\"loops\": " + loops + ", ")
        + "\"player\": \"mpv\", \"mediaRoot\": \""
        + mediaRoot
        + "\", \"screens\": ["
        + screens
        + "]}";
  }
}
