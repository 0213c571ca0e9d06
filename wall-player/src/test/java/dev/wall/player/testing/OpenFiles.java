package dev.wall.player.testing;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;

/**
 * This JVM's open files, from {@code /proc/self/fd}, and which of them are TCP sockets on a given
 * local port (a server's listening socket and the connections it accepted; a client's socket has
 * the server's port on the other end, so it is not counted).
 */
public final class OpenFiles {
  private OpenFiles() {}

  public static int count() throws IOException {
    try (Stream<Path> fds = Files.list(Path.of("/proc/self/fd"))) {
      return (int) fds.count();
    }
  }

  /** Open sockets of this JVM whose local port is {@code port}. */
  public static int socketsOnLocalPort(int port) throws IOException {
    Set<String> inodes = new HashSet<>();
    for (String table : List.of("/proc/self/net/tcp", "/proc/self/net/tcp6")) {
      Path file = Path.of(table);
      if (!Files.exists(file)) {
        continue;
      }
      List<String> lines = Files.readAllLines(file);
      for (String line : lines.subList(1, lines.size())) {
        String[] f = line.trim().split("\\s+");
        int localPort = Integer.parseInt(f[1].substring(f[1].indexOf(':') + 1), 16);
        if (localPort == port) {
          inodes.add(f[9]);
        }
      }
    }
    int count = 0;
    try (Stream<Path> fds = Files.list(Path.of("/proc/self/fd"))) {
      for (Path fd : fds.toList()) {
        try {
          String target = Files.readSymbolicLink(fd).toString();
          if (target.startsWith("socket:[")
              && inodes.contains(target.substring(8, target.length() - 1))) {
            count++;
          }
        } catch (IOException e) {
          // Closed while we looked.
        }
      }
    }
    return count;
  }
}
